// The comparison engines, fed exactly the documents our index sees: the same scanner, the same records and the
// same field texts (src/core/search/records.ts `fieldsOf`), so differences come from the engines alone.
// - the floor: read every note and split it into words — no index can be faster than this;
// - a single raw lunr index over all notes and papers (what Lunr users build today, rebuilt on every change);
// - MiniSearch with its defaults, the engine a user might pick instead.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import type { KeyMap } from '../src/core/cite/keys';
import { scanNote } from '../src/core/notes/index';
import type { Paper } from '../src/core/papers/model';
import { FIELD_BOOSTS, FIELDS, type DocFields } from '../src/core/search/analyze';
import { citedIds, docKey, fieldsOf, noteRecord, paperRecord, type PaperRecord } from '../src/core/search/records';
import type { MemoryMeter } from './measure';
import type { Ranked } from './phases';
import type { BenchQuery } from './queries';

export type Doc = DocFields & { key: string };

/** Every Markdown file under `root`, relative, '/' separated, in a stable order. */
export async function listNotes(root: string): Promise<string[]> {
  const all = (await fsp.readdir(root, { recursive: true })) as string[];
  return all.filter((p) => /\.(md|markdown)$/i.test(p)).map((p) => p.split('\\').join('/')).sort();
}

/** Reads files with a little concurrency, as an indexer would; returns path → text. */
export async function readNotes(root: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < paths.length; i += 64) {
    const batch = paths.slice(i, i + 64);
    const texts = await Promise.all(batch.map((p) => fsp.readFile(join(root, p))));
    batch.forEach((p, j) => out.set(p, decoder.decode(texts[j])));
  }
  return out;
}

/** The floor: bytes read and split into words, nothing more. */
export async function readFloor(root: string): Promise<{ ms: number; bytes: number; words: number }> {
  const t0 = performance.now();
  const texts = await readNotes(root, await listNotes(root));
  let bytes = 0;
  let words = 0;
  for (const t of texts.values()) {
    bytes += t.length;
    words += t.toLowerCase().split(/[\s\-]+/).length;
  }
  return { ms: performance.now() - t0, bytes, words };
}

/** Notes (scanned) and papers as the documents our index builds from. */
export function documentsOf(texts: Map<string, string>, papers: Paper[], keys: KeyMap, meter?: MemoryMeter): Doc[] {
  const paperRecs = new Map<string, PaperRecord>(papers.map((p) => [p.id, paperRecord(p)]));
  const keyToId = new Map(Object.entries(keys).map(([id, k]) => [k, id]));
  const docs: Doc[] = [];
  let i = 0;
  for (const [path, text] of texts) {
    const rec = noteRecord(path, scanNote(text));
    const cited = citedIds(rec, keyToId).flatMap((id) => paperRecs.get(id) ?? []);
    docs.push({ key: docKey(rec), ...fieldsOf(rec, cited) });
    if (++i % 500 === 0) meter?.sample();
  }
  for (const rec of paperRecs.values()) docs.push({ key: docKey(rec), ...fieldsOf(rec) });
  return docs;
}

/** A default lunr index (trimmer, stop words, stemmer) with our fields and boosts. */
export function buildLunr(docs: Doc[], meter?: MemoryMeter): lunr.Index {
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  builder.searchPipeline.add(lunr.stemmer);
  builder.ref('key');
  for (const f of FIELDS) builder.field(f, { boost: FIELD_BOOSTS[f] });
  docs.forEach((d, i) => {
    builder.add(d);
    if (i % 500 === 0) meter?.sample();
  });
  meter?.sample();
  const idx = builder.build();
  meter?.sample();
  return idx;
}

/** Lunr's own behaviour on a query it cannot parse would be an exception; like ours, fall back to plain words. */
export function searchLunr(idx: lunr.Index, q: BenchQuery): Ranked[] {
  let hits: lunr.Index.Result[];
  try {
    hits = idx.search(q.text);
  } catch {
    hits = idx.search(q.terms.join(' '));
  }
  return hits.map((r) => ({ ref: r.ref, score: r.score }));
}

export function buildMiniSearch(docs: Doc[], meter?: MemoryMeter): MiniSearch<Doc> {
  const ms = new MiniSearch<Doc>({ fields: [...FIELDS], idField: 'key', storeFields: [], searchOptions: { boost: { ...FIELD_BOOSTS } } });
  for (let i = 0; i < docs.length; i += 500) {
    ms.addAll(docs.slice(i, i + 500));
    meter?.sample();
  }
  return ms;
}

export function searchMiniSearch(ms: MiniSearch<Doc>, q: BenchQuery): Ranked[] {
  const opts = { prefix: q.prefix === true, fields: q.field ? [q.field] : undefined };
  return ms.search(q.terms.join(' '), opts).map((r) => ({ ref: String(r.id), score: r.score }));
}
