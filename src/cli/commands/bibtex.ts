// `paper-notes bibtex [--ids ID,…] [--out FILE [--force]] [--notes DIR] [--bib FILE]…`: BibTeX for the given papers
// (all cached ones by default; uncached ids are fetched from arXiv), ordered by key, each under its workspace key:
// the one the bibliographies (FILE itself included) give it, so an entry never changes what an existing key means. With --out the entries go into the file's generated block,
// the one Sync Bibliography keeps (core/cite/bib-sync.ts): what the user wrote outside it stays byte for byte, and
// a key the user defines there is left to their entry. `--force` replaces the whole file with the block alone.
// Either way the file is replaced atomically, so a reader never sees half of it.
import { dirname, resolve } from 'node:path';
import { flag, str, UsageError } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Command } from '../context';
import { bibtexEntry, bibtexFile } from '../../core/cite/bibtex';
import { syncBibliography } from '../../core/cite/bib-sync';
import { readText, writeFileAtomic } from '../../core/fs';
import type { Paper } from '../../core/papers/model';
import { parsePaperId, type PaperIdRef } from '../../core/papers/paper-ids';
import { libraryKeys, LIBRARY_OPTIONS, loadLibrary } from '../library';

const versioned = (r: PaperIdRef) => `${r.id}${r.version ?? ''}`;

export const bibtexCommand: Command = {
  name: 'bibtex',
  usage: 'bibtex [--ids ID,…] [--out FILE [--force]] [--notes DIR] [--bib FILE]…',
  summary: "BibTeX for cached papers (all of them, or --ids, fetched from arXiv when not cached), to stdout or into FILE's generated block (--force: the whole file)",
  options: { ids: {}, out: {}, force: { boolean: true }, ...LIBRARY_OPTIONS },
  async run(args, ctx) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${terminalText(args.positionals[0])}'`);
    const out = str(args, 'out');
    if (flag(args, 'force') && !out) throw new UsageError('--force only applies with --out FILE');
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
    // With --force the file's old entries are about to go: they define no key.
    const library = await loadLibrary(args, ctx, { out: flag(args, 'force') ? undefined : out });
    const { keys } = await libraryKeys(catalog, library);
    const items = papers.filter((p) => keys[p.id]).map((paper) => ({ paper, key: keys[paper.id] }));
    if (!out) {
      const text = bibtexFile(items);
      if (text) ctx.out(text.replace(/\n$/, ''));
      return;
    }
    const path = resolve(ctx.cwd, out);
    await ctx.fs.removeStaleTemps(dirname(path));
    const existing = flag(args, 'force') ? undefined : await readIfExists(ctx.fs, path);
    const result = syncBibliography(existing, items.map(({ paper, key }) => ({ key, bibtex: bibtexEntry(paper, key) })));
    await writeFileAtomic(ctx.fs, path, result.text, { durable: true });
    const n = result.written.length;
    const kept = result.userDefined.length ? ` (${result.userDefined.length} left to your own entries)` : '';
    ctx.out(`wrote ${n} ${n === 1 ? 'entry' : 'entries'} to ${path}${kept}`);
  },
};

async function readIfExists(fs: Parameters<typeof readText>[0], path: string): Promise<string | undefined> {
  const st = await fs.stat(path);
  if (!st) return undefined;
  if (st.type !== 'file') throw new Error(`${path} is not a file`);
  return readText(fs, path);
}
