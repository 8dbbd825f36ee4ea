// The workspace profile as the CLI builds it: every note under --notes (walked and scanned like the index
// does, with keys resolved through the catalog's key map), the cached papers as known documents, and the
// feedback file `<notes>/.paper-notes/feedback.json` (kept beside the notes so it travels with them).
import { joinPath } from '../core/fs';
import { scanNote } from '../core/notes/index';
import { decodeNote, walkNotes } from '../core/search';
import { noteRecord, citedIds } from '../core/search/records';
import { Profile, emptyFeedback, paperDoc, parseFeedback, serialiseFeedback, type Feedback } from '../core/recommend';
import { writeFileAtomic } from '../core/fs';
import { openCatalog } from './catalog';
import type { Context } from './context';

export { paperDoc } from '../core/recommend';

export function feedbackPath(root: string): string {
  return joinPath(root, '.paper-notes', 'feedback.json');
}

export async function readFeedback(ctx: Context, root: string): Promise<Feedback> {
  const path = feedbackPath(root);
  if (!(await ctx.fs.stat(path))) return emptyFeedback();
  try {
    return parseFeedback(new TextDecoder().decode(await ctx.fs.readFile(path)));
  } catch (e) {
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)} — fix or delete it`);
  }
}

export async function writeFeedback(ctx: Context, root: string, f: Feedback): Promise<void> {
  await writeFileAtomic(ctx.fs, feedbackPath(root), serialiseFeedback(f), { durable: true });
}

/** Reads the notes folder and the cache into a Profile; `texts` keeps each note's text for `related`. */
export async function loadProfile(ctx: Context, root: string) {
  const st = await ctx.fs.stat(root);
  if (!st || st.type !== 'dir') throw new Error(`notes folder not found: ${root}`);
  const catalog = openCatalog(ctx);
  const papers = await catalog.allPapers();
  const keyToId = new Map(Object.entries(await catalog.keys()).map(([id, key]) => [key, id]));
  const profile = new Profile();
  profile.setDocs(papers.map(paperDoc));
  const { files } = await walkNotes(ctx.fs, root);
  for (const f of files) {
    const decoded = decodeNote(await ctx.fs.readFile(joinPath(root, f.path)));
    if (!('text' in decoded)) continue;
    const record = noteRecord(f.path, scanNote(decoded.text));
    profile.setNote({ path: f.path, title: record.title, text: record.text, cites: citedIds(record, keyToId), modifiedMs: f.mtimeMs });
  }
  profile.setFeedback(await readFeedback(ctx, root));
  return { profile, catalog, papers, keyToId };
}
