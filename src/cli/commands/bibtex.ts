// `paper-notes bibtex [--ids ID,…] [--out FILE]`: BibTeX for the given papers (all cached ones by default; uncached
// ids are fetched from arXiv), ordered by key. With --out the file is replaced atomically, so a reader never sees half of it.
import { dirname, resolve } from 'node:path';
import { str, UsageError } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Command } from '../context';
import { bibtexFile } from '../../core/cite/bibtex';
import { writeFileAtomic } from '../../core/fs';
import type { Paper } from '../../core/papers/model';
import { parsePaperId, type PaperIdRef } from '../../core/papers/paper-ids';

const versioned = (r: PaperIdRef) => `${r.id}${r.version ?? ''}`;

export const bibtexCommand: Command = {
  name: 'bibtex',
  usage: 'bibtex [--ids ID,…] [--out FILE]',
  summary: 'BibTeX for cached papers (all of them, or --ids, fetched from arXiv when not cached), to stdout or --out FILE',
  options: { ids: {}, out: {} },
  async run(args, ctx) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${terminalText(args.positionals[0])}'`);
    const idsOption = str(args, 'ids');
    const ids = idsOption?.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids) {
      if (ids.length === 0) throw new UsageError('--ids needs at least one arXiv id');
      const bad = ids.find((id) => !parsePaperId(id));
      if (bad !== undefined) throw new UsageError(`not an arXiv id: '${terminalText(bad)}'`);
    }
    const catalog = openCatalog(ctx);
    let papers: Paper[];
    if (ids) {
      // Uncached ids come from arXiv; one it does not know fails the whole command (no partial file).
      const resolved = await catalog.resolveIds(ids.map((id) => versioned(parsePaperId(id)!)));
      if (resolved.missing.length) throw new Error(`not found on arXiv: ${resolved.missing.join(', ')}`);
      papers = resolved.papers;
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
