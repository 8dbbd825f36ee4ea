import { UsageError } from '../args';
import type { Command } from '../context';

export const searchCommand: Command = {
  name: 'search',
  usage: 'search',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
