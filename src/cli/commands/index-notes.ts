// `paper-notes index --notes DIR`: builds or updates the persisted index and reports what it holds.
import type { Command } from '../context';
import { openNotesIndex } from '../notes-index';
import { LIBRARY_OPTIONS } from '../library';
import { terminalText } from '../catalog';

export const indexCommand: Command = {
  name: 'index',
  usage: 'index --notes DIR [--bib FILE]…',
  summary: 'build or update the search index of a notes folder (only changed files are re-read)',
  options: { ...LIBRARY_OPTIONS },
  async run(args, ctx) {
    const started = Date.now();
    const { index, result } = await openNotesIndex(args, ctx);
    const ms = Date.now() - started;
    const { notes, papers } = index.stats;
    ctx.out(`indexed ${notes} notes, ${papers} papers, skipped ${result.skipped.length} in ${ms} ms ` +
      `(added ${result.added}, changed ${result.changed}, deleted ${result.deleted}, unchanged ${result.unchanged})`);
    for (const s of result.skipped) ctx.out(`  skipped ${terminalText(s.path)}: ${s.reason}`);
  },
};
