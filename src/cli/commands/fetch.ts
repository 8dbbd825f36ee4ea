import { UsageError } from '../args';
import type { Command } from '../context';

export const fetchCommand: Command = {
  name: 'fetch',
  usage: 'fetch',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
