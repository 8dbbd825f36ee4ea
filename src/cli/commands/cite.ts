import { UsageError } from '../args';
import type { Command } from '../context';

export const citeCommand: Command = {
  name: 'cite',
  usage: 'cite',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
