// `paper-notes bibtex [--ids ID,…] [--out FILE]`: BibTeX for the given cached papers (all of them by default),
// ordered by key. With --out the file is replaced atomically, so a reader never sees half of it.
import { dirname, resolve } from 'node:path';
import { str, UsageError } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Command } from '../context';
import { bibtexFile } from '../../core/cite/bibtex';
import { writeFileAtomic } from '../../core/fs';
import { parseArxivId, type Paper } from '../../core/papers/model';

export const bibtexCommand: Command = {
  name: 'bibtex',
  usage: 'bibtex [--ids ID,…] [--out FILE]',
  summary: 'BibTeX for cached papers (all of them, or --ids), to stdout or --out FILE',
  options: { ids: {}, out: {} },
  async run(args, ctx) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${terminalText(args.positionals[0])}'`);
    const idsOption = str(args, 'ids');
    const ids = idsOption?.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids) {
      if (ids.length === 0) throw new UsageError('--ids needs at least one arXiv id');
      const bad = ids.find((id) => !parseArxivId(id));
      if (bad !== undefined) throw new UsageError(`not an arXiv id: '${terminalText(bad)}'`);
    }
    const catalog = openCatalog(ctx);
    let papers: Paper[];
    if (ids) {
      const found = await Promise.all(ids.map((id) => catalog.paper(id)));
      const missing = ids.filter((_, i) => !found[i]);
      if (missing.length) throw new Error(`not in the cache: ${missing.map(terminalText).join(', ')} — fetch their day or \`paper-notes import\` them first`);
      papers = [...new Map(found.map((p) => [p!.id, p!])).values()];
    } else {
      papers = await catalog.allPapers();
    }
    const keys = await catalog.keys();
    const text = bibtexFile(papers.filter((p) => keys[p.id]).map((paper) => ({ paper, key: keys[paper.id] })));
    const out = str(args, 'out');
    if (!out) {
      if (text) ctx.out(text.replace(/\n$/, ''));
      return;
    }
    const path = resolve(ctx.cwd, out);
    await ctx.fs.removeStaleTemps(dirname(path));
    await writeFileAtomic(ctx.fs, path, text, { durable: true });
    ctx.out(`wrote ${papers.length} ${papers.length === 1 ? 'entry' : 'entries'} to ${path}`);
  },
};
