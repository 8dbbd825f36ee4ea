import { UsageError } from '../args';
import type { Command } from '../context';

export const noteCommand: Command = {
  name: 'note',
  usage: 'note',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
