import { UsageError } from '../args';
import type { Command } from '../context';

export const indexCommand: Command = {
  name: 'index',
  usage: 'index',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
