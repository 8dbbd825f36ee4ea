import { UsageError } from '../args';
import type { Command } from '../context';

export const importCommand: Command = {
  name: 'import',
  usage: 'import',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
