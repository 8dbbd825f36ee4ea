// `paper-notes sync --notes DIR [--bib FILE]…`: Sync Bibliography from the terminal. One entry per cached paper the
// notes under DIR cite, under its workspace key, in the generated block of DIR/references.bib (or the first --bib);
// everything outside the block stays byte for byte (core/cite/bib-sync.ts, the editor's writer). A key another
// source defines is left to that source. Prints `synced N entries to FILE (kept M of yours)`, M the user's own
// entries in FILE. The file is replaced atomically and only when it changes.
import { dirname } from 'node:path';
import { str, UsageError } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Command } from '../context';
import { libraryKeys, LIBRARY_OPTIONS, loadLibrary } from '../library';
import { syncBibliography, userEntryKeys } from '../../core/cite/bib-sync';
import { joinPath, readText, writeFileAtomic } from '../../core/fs';
import { syncPlan } from '../../core/library';
import { scanNote, type PaperRef } from '../../core/notes/index';
import { decodeNote, walkNotes } from '../../core/search';

export const syncCommand: Command = {
  name: 'sync',
  usage: 'sync --notes DIR [--bib FILE]…',
  summary: "Sync Bibliography: the papers DIR's notes cite, into the generated block of DIR/references.bib (or the first --bib); your entries are kept",
  options: { ...LIBRARY_OPTIONS },
  async run(args, ctx) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${terminalText(args.positionals[0])}'`);
    if (!str(args, 'notes')) throw new UsageError('--notes DIR is required');
    const library = await loadLibrary(args, ctx, { writes: true });
    const root = library.root!;
    const target = library.target!;
    const { papers, keys } = await libraryKeys(openCatalog(ctx), library);
    const refs: PaperRef[][] = [];
    for (const f of (await walkNotes(ctx.fs, root)).files) {
      const decoded = decodeNote(await ctx.fs.readFile(joinPath(root, f.path)));
      if ('text' in decoded) refs.push(scanNote(decoded.text).refs);
    }
    const others = library.sources.filter((s) => s.file !== target);
    const elsewhere = new Set(others.flatMap((s) => s.entries.map((e) => e.key)));
    const known = new Set(library.entries.map((e) => e.key));
    const plan = syncPlan(refs, new Map(papers.map((p) => [p.id, p])), keys, elsewhere, known);
    const st = await ctx.fs.stat(target);
    if (st && st.type !== 'file') throw new Error(`${target} is not a file`);
    const existing = st ? await readText(ctx.fs, target) : undefined;
    const result = syncBibliography(existing, plan.entries);
    if (result.changed) {
      await ctx.fs.removeStaleTemps(dirname(target));
      await writeFileAtomic(ctx.fs, target, result.text, { durable: true });
    }
    if (plan.unknown.length) ctx.err(`warning: cited keys no bibliography or cached paper has: ${plan.unknown.map(terminalText).join(', ')}`);
    ctx.out(`synced ${result.written.length} entries to ${target} (kept ${userEntryKeys(existing).length} of yours)`);
  },
};
