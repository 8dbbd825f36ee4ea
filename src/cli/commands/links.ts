import { UsageError } from '../args';
import type { Command } from '../context';

export const linksCommand: Command = {
  name: 'links',
  usage: 'links',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
