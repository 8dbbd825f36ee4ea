// Opening the notes index for `index`, `search` and `links`: storage under
// `<cache>/index/<hash of the absolute notes folder>`, papers from the cached catalog and the entries of the
// workspace's bibliographies (see core/library/index-targets.ts), keys as the bibliographies give them.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { NoteIndex } from '../core/search';
import { indexTargets } from '../core/library';
import type { KeyMap } from '../core/cite/keys';
import type { Paper } from '../core/papers/model';
import { libraryKeys, loadLibrary, type Library } from './library';
import { prepareWorkers } from '../node/index-workers';
import { UsageError, str, type Parsed } from './args';
import { openCatalog } from './catalog';
import type { Context } from './context';

export const NOTES_OPTION = { notes: {} };

export function notesDir(args: Parsed, ctx: Context): string {
  const dir = str(args, 'notes');
  if (!dir) throw new UsageError('--notes DIR is required');
  return resolve(ctx.cwd, dir).replace(/\\/g, '/');
}

export function indexStorage(cacheDir: string, notesRoot: string): string {
  const hash = createHash('sha256').update(notesRoot).digest('hex').slice(0, 16);
  return `${cacheDir.replace(/\\/g, '/')}/index/${hash}`;
}

/**
 * Opens the persisted index and brings it up to date with the folder (only changed files are read). The
 * bibliographies are --notes DIR's references.bib, the --bib files and those the notes' front matter names: the
 * indexed notes' as loaded, and again after the walk when a changed note names another one.
 */
export async function openNotesIndex(args: Parsed, ctx: Context) {
  const root = notesDir(args, ctx);
  const st = await ctx.fs.stat(root);
  if (!st || st.type !== 'dir') throw new Error(`notes folder not found: ${root}`);
  const catalog = openCatalog(ctx);
  let library: Library | undefined;
  let targets: Promise<{ papers: Paper[]; keys: KeyMap; aliases: Record<string, string> }> | undefined;
  const targetsOf = async (lib: Library) => {
    const { papers, keys } = await libraryKeys(catalog, lib);
    const cached = new Set(papers.map((p) => p.id));
    // Only cached papers' keys go in as keys: an entry naming an uncached paper becomes its record (index-targets).
    const cachedKeys: KeyMap = {};
    for (const p of papers) if (keys[p.id]) cachedKeys[p.id] = keys[p.id];
    const lib2 = indexTargets(lib.entries, cached, cachedKeys);
    return { papers: [...papers, ...lib2.papers], keys: cachedKeys, aliases: lib2.aliases };
  };
  // Changed notes are scanned in worker threads (all cores on a cold build); none start when nothing changed.
  const workers = prepareWorkers({ warn: (m) => ctx.err(`warning: ${m}`) });
  const index: NoteIndex = await NoteIndex.open({
    prepare: workers.size ? workers.prepare : undefined,
    fs: ctx.fs,
    storageDir: indexStorage(ctx.cacheDir, root),
    notesRoot: root,
    papers: async () => (await (targets ??= load())).papers,
    keys: async () => (await (targets ??= load())).keys,
    aliases: async () => (await (targets ??= load())).aliases,
    warn: (m) => ctx.err(`warning: ${m}`),
  });
  async function load() {
    library = await loadLibrary(args, ctx, { noteSources: index.noteBibliographies() });
    return targetsOf(library);
  }
  const result = await index.reconcile().finally(() => workers.dispose());
  const named = index.noteBibliographies();
  if (library && !sameList(library.noteSources, named)) {
    library = await loadLibrary(args, ctx, { noteSources: named });
    const t = await targetsOf(library);
    await index.setPapers(t.papers, t.keys, t.aliases);
  }
  // Saving only when something changed keeps read-only commands read-only on a current index.
  if (index.dirty) await index.save();
  return { index, result, root };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
