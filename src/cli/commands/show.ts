import { UsageError } from '../args';
import type { Command } from '../context';

export const showCommand: Command = {
  name: 'show',
  usage: 'show',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
