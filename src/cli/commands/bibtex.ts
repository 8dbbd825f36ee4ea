import { UsageError } from '../args';
import type { Command } from '../context';

export const bibtexCommand: Command = {
  name: 'bibtex',
  usage: 'bibtex',
  summary: '(not implemented yet)',
  options: {},
  async run() {
    throw new UsageError('not implemented yet');
  },
};
