// Benchmark phases for the comparison engines. Each phase runs in its own child process (see run.ts) so heap
// and RSS peaks belong to one engine only. A phase reads the corpus the runner wrote to `dir`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import type { KeyMap } from '../src/core/cite/keys';
import type { Paper } from '../src/core/papers/model';
import { buildLunr, buildMiniSearch, documentsOf, listNotes, readFloor, readNotes, searchLunr, searchMiniSearch } from './baselines';
import { cpuMs, gc, heapUsedMb, MemoryMeter, now, percentile, round } from './measure';
import type { BenchQuery } from './queries';

export interface CorpusFiles {
  notesRoot: string;
  papers: Paper[];
  keys: KeyMap;
  queries: BenchQuery[];
  truth: Record<string, string[]>;
}

export function loadCorpusFiles(dir: string): CorpusFiles {
  const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  return { notesRoot: join(dir, 'notes'), papers: json('papers.json'), keys: json('keys.json'), queries: json('queries.json'), truth: json('truth.json') };
}

export interface QueryStats {
  p50: number | null;
  p99: number | null;
  /** Top-10 refs per query, in query order, for the agreement measure. */
  top10: string[][];
  /** Uncorrected wall-clock percentiles, for comparison with the CPU-bounded ones. */
  wall: { p50: number | null; p99: number | null };
  /** Per query, refs past the 10th whose score ties the 10th (any engine orders ties arbitrarily). */
  ties: string[][];
  /** Queries with no hit at all: a sanity check that the query set matches the corpus. */
  empty: number;
  emptyExamples: string[];
  /** p50/p99 per query kind (term, two-term, phrase, prefix, field): where the slow ones come from. */
  byKind: Record<string, { p50: number | null; p99: number | null; slowest: string }>;
}

export interface Ranked {
  ref: string;
  score: number;
}

function tiesAt10(hits: Ranked[]): string[] {
  if (hits.length <= 10) return [];
  const tenth = hits[9].score;
  const out: string[] = [];
  for (let i = 10; i < hits.length && out.length < 200; i++) {
    if (Math.abs(hits[i].score - tenth) <= 1e-9 * Math.max(1, Math.abs(tenth))) out.push(hits[i].ref);
  }
  return out;
}

/**
 * One untimed pass (JIT warm-up, and the top-10 lists), then `rounds` timed passes; every single query's time
 * is one sample. `search` returns hits best first.
 */
export async function measureQueries(queries: BenchQuery[], search: (q: BenchQuery) => Ranked[] | Promise<Ranked[]>, rounds = 3): Promise<QueryStats> {
  const top10: string[][] = [];
  const ties: string[][] = [];
  let empty = 0;
  const emptyExamples: string[] = [];
  for (const q of queries) {
    const hits = await search(q);
    if (hits.length === 0 && ++empty <= 5) emptyExamples.push(q.text);
    top10.push(hits.slice(0, 10).map((h) => h.ref));
    ties.push(tiesAt10(hits));
  }
  const samples: number[] = [];
  const wall: number[] = [];
  const kinds = new Map<string, Array<[number, string]>>();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = now();
      const c0 = cpuMs();
      await search(q);
      const w = now() - t0;
      // A query is pure computation on this thread: on a shared machine, time the OS gave to other processes
      // is not the engine's, so a sample counts at most the CPU time used (the wall figures stay reported).
      const ms = Math.min(w, cpuMs() - c0);
      wall.push(w);
      samples.push(ms);
      let list = kinds.get(q.kind);
      if (!list) kinds.set(q.kind, (list = []));
      list.push([ms, q.text]);
    }
  }
  const byKind: QueryStats['byKind'] = {};
  for (const [kind, list] of kinds) {
    const times = list.map(([ms]) => ms);
    const slowest = list.reduce((a, b) => (b[0] > a[0] ? b : a));
    byKind[kind] = { p50: round(percentile(times, 50)!, 2), p99: round(percentile(times, 99)!, 2), slowest: `${slowest[1]} (${round(slowest[0], 1)} ms)` };
  }
  const wallP = { p50: round(percentile(wall, 50) ?? NaN, 2), p99: round(percentile(wall, 99) ?? NaN, 2) };
  return { p50: round(percentile(samples, 50) ?? NaN, 2), p99: round(percentile(samples, 99) ?? NaN, 2), wall: wallP, top10, ties, empty, emptyExamples, byKind };
}

export async function floorPhase(dir: string) {
  const files = loadCorpusFiles(dir);
  await readFloor(files.notesRoot); // warm the page cache so every engine reads from memory alike
  const f = await readFloor(files.notesRoot);
  return { readFloorMs: round(f.ms), corpusMb: round(f.bytes / 1024 / 1024, 2), words: f.words };
}

/** Reads, scans and builds one engine from cold; the shared part of the lunr and MiniSearch phases. */
async function coldDocs(files: CorpusFiles, meter: MemoryMeter) {
  const t0 = now();
  const texts = await readNotes(files.notesRoot, await listNotes(files.notesRoot));
  const t1 = now();
  const docs = documentsOf(texts, files.papers, files.keys, meter);
  texts.clear();
  return { docs, readMs: t1 - t0, scanMs: now() - t1, t0 };
}

export async function lunrPhase(dir: string) {
  const files = loadCorpusFiles(dir);
  gc();
  const baseHeap = heapUsedMb();
  const meter = new MemoryMeter().start();
  const { docs, readMs, scanMs, t0 } = await coldDocs(files, meter);
  const t2 = now();
  let idx: lunr.Index | undefined = buildLunr(docs, meter);
  const indexMs = now() - t2;
  const coldBuildMs = now() - t0;
  const docCount = docs.length;
  docs.length = 0;
  const queries = await measureQueries(files.queries, (q) => searchLunr(idx!, q));
  meter.sample();
  gc();
  const retainedHeapMb = round(heapUsedMb() - baseHeap);
  const mem = meter.stop();
  // What a Lunr user persists and reloads at startup: the serialised index.
  const t3 = now();
  let json: string | undefined = JSON.stringify(idx);
  const serialiseMs = now() - t3;
  const serialisedMb = round(json.length / 1024 / 1024, 1);
  idx = undefined;
  gc();
  const t4 = now();
  idx = lunr.Index.load(JSON.parse(json));
  const loadMs = now() - t4;
  json = undefined;
  return {
    docs: docCount,
    coldBuildMs: round(coldBuildMs), readMs: round(readMs), scanMs: round(scanMs), indexMs: round(indexMs),
    query: queries, ...mem, retainedHeapMb, serialisedMb, serialiseMs: round(serialiseMs), loadMs: round(loadMs),
  };
}

export async function miniSearchPhase(dir: string) {
  const files = loadCorpusFiles(dir);
  gc();
  const baseHeap = heapUsedMb();
  const meter = new MemoryMeter().start();
  const { docs, readMs, scanMs, t0 } = await coldDocs(files, meter);
  const t2 = now();
  const ms = buildMiniSearch(docs, meter);
  const indexMs = now() - t2;
  const coldBuildMs = now() - t0;
  docs.length = 0;
  const queries = await measureQueries(files.queries, (q) => searchMiniSearch(ms, q));
  gc();
  const retainedHeapMb = round(heapUsedMb() - baseHeap);
  return { coldBuildMs: round(coldBuildMs), readMs: round(readMs), scanMs: round(scanMs), indexMs: round(indexMs), query: queries, ...meter.stop(), retainedHeapMb };
}
