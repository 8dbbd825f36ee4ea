import { UsageError } from '../args';
import type { Command } from '../context';

export const papersCommand: Command = {
  name: 'papers',
  usage: 'papers',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
