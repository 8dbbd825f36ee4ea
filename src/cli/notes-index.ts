// Opening the notes index for `index`, `search` and `links`: storage under
// `<cache>/index/<hash of the absolute notes folder>`, papers from the cached catalog and the entries of the
// workspace's bibliographies (see core/library/citables.ts), keys as the bibliographies give them.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { NoteIndex } from '../core/search';
import { citables, targetResolver } from '../core/library';
import { libraryKeys, loadLibrary } from './library';
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

/** Opens the persisted index and brings it up to date with the folder (only changed files are read). */
export async function openNotesIndex(args: Parsed, ctx: Context) {
  const root = notesDir(args, ctx);
  const st = await ctx.fs.stat(root);
  if (!st || st.type !== 'dir') throw new Error(`notes folder not found: ${root}`);
  const catalog = openCatalog(ctx);
  const library = await loadLibrary(args, ctx);
  const cited = async () => {
    const { papers, keys } = await libraryKeys(catalog, library);
    return citables(papers, keys, library.entries);
  };
  let memo: ReturnType<typeof cited> | undefined;
  const once = () => (memo ??= cited());
  // Changed notes are scanned in worker threads (all cores on a cold build); none start when nothing changed.
  const workers = prepareWorkers({ warn: (m) => ctx.err(`warning: ${m}`) });
  const index = await NoteIndex.open({
    prepare: workers.size ? workers.prepare : undefined,
    fs: ctx.fs,
    storageDir: indexStorage(ctx.cacheDir, root),
    notesRoot: root,
    papers: async () => (await once()).papers,
    keys: async () => (await once()).keys,
    warn: (m) => ctx.err(`warning: ${m}`),
  });
  const result = await index.reconcile().finally(() => workers.dispose());
  // Saving only when something changed keeps read-only commands read-only on a current index.
  if (index.dirty) await index.save();
  return { index, result, root, target: targetResolver(library.entries) };
}
