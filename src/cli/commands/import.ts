// `paper-notes import FILE`: adds papers from a JSON file (Daily Papers items or plain {id,title,abstract,authors}).
import { resolve } from 'node:path';
import { UsageError } from '../args';
import { openCatalog } from '../catalog';
import type { Command } from '../context';
import { readText } from '../../core/fs';
import { parseImport } from '../../core/papers/import';

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE',
  summary: 'add papers from a JSON file (Daily Papers items, or [{id, title, abstract, authors}])',
  options: {},
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const file = resolve(ctx.cwd, args.positionals[0]);
    let text: string;
    try {
      text = await readText(ctx.fs, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`);
    }
    const { papers, skipped } = parseImport(text, file);
    await openCatalog(ctx).addPapers(papers);
    ctx.out(`imported ${papers.length} papers from ${args.positionals[0]} (skipped ${skipped})`);
  },
};
