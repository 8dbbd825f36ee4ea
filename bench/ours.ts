// Phases for our index (src/core/search NoteIndex), through its public API only, exactly as the CLI and the
// extension drive it: open → reconcile → search / updateNote → save; then a warm start from what was saved.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFileSystem } from '../src/node/node-fs';
import { NoteIndex, type Hit } from '../src/core/search/index';
import { prepareWorkers, type PrepareWorkers } from '../src/node/index-workers';
import { BlockProbe, gc, heapUsedMb, MemoryMeter, now, percentile, round } from './measure';
import { loadCorpusFiles, measureQueries, type CorpusFiles, type Ranked } from './phases';

const EDITS = 100;

/**
 * Our worker pool, as the CLI and the extension use it; `--workers N` (run.ts passes it on in the environment)
 * picks the thread count, 0 = everything on the main thread.
 */
function workers(): PrepareWorkers {
  const n = process.env.PAPER_NOTES_BENCH_WORKERS;
  return prepareWorkers({ file: join(__dirname, '..', 'dist', 'index-worker.js'), size: n === undefined ? undefined : Number(n) });
}

function open(files: CorpusFiles, storageDir: string, pool: PrepareWorkers): Promise<NoteIndex> {
  return NoteIndex.open({
    prepare: pool.size ? pool.prepare : undefined,
    fs: nodeFileSystem,
    storageDir,
    notesRoot: files.notesRoot,
    papers: async () => files.papers,
    keys: async () => files.keys,
    warn: (m) => process.stderr.write(`${m}\n`),
  });
}

const ref = (h: Hit): string => (h.kind === 'note' ? `n:${h.id}` : `p:${h.id}`);
const ranked = (hits: Hit[]): Ranked[] => hits.map((h) => ({ ref: ref(h), score: h.score }));

function dirMb(dir: string): number {
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, name));
    if (s.isFile()) bytes += s.size;
  }
  return round(bytes / 1024 / 1024, 1);
}

/**
 * Edit → searchable: append a sentence with a word no other note has, save it to disk (as the editor does; not
 * timed), then time updateNote + a search for that word, and assert the edited note is the top hit.
 */
async function measureEdits(index: NoteIndex, files: CorpusFiles, paths: string[]) {
  const samples: number[] = [];
  const step = Math.max(1, Math.floor(paths.length / EDITS));
  for (let k = 0; k < EDITS; k++) {
    const path = paths[(k * step) % paths.length];
    const file = join(files.notesRoot, path);
    const word = `benchedit${k}zq`;
    // Every other edit also cites a new paper, so the link graph is exercised along with the text.
    const cited = k % 2 ? files.papers[(k * 7919) % files.papers.length].id : undefined;
    const added = `\n\nEdited: ${word} after rereading the results.${cited ? ` See arXiv:${cited}.` : ''}\n`;
    writeFileSync(file, `${readFileSync(file, 'utf8')}${added}`);
    const t0 = now();
    await index.updateNote(path);
    const hits = index.search(word, { kind: 'notes', limit: 5 });
    samples.push(now() - t0);
    if (hits[0]?.id !== path) throw new Error(`edit ${k}: ${path} not found by "${word}" right after updateNote (got ${hits[0]?.id ?? 'nothing'})`);
    if (cited && !index.notesCiting(cited).includes(path)) throw new Error(`edit ${k}: ${path} does not show up as citing ${cited}`);
  }
  return { edits: samples.length, p50: round(percentile(samples, 50)!), p95: round(percentile(samples, 95)!), max: round(Math.max(...samples)) };
}

/** Our link graph against the generator's ground truth (notes citing nothing are absent from both). */
function checkLinks(index: NoteIndex, truth: Record<string, string[]>) {
  const got = index.links().notes;
  let exact = 0;
  let firstMismatch: string | undefined;
  const paths = Object.keys(truth).sort();
  for (const p of paths) {
    const want = [...truth[p]].sort().join(',');
    const have = [...(got[p] ?? [])].sort().join(',');
    if (want === have) exact++;
    else firstMismatch ??= `${p}: want [${want}] got [${have}]`;
  }
  return { notes: paths.length, exact, firstMismatch };
}

export async function oursPhase(dir: string) {
  const files = loadCorpusFiles(dir);
  const storageDir = join(dir, 'storage');
  rmSync(storageDir, { recursive: true, force: true });
  gc();
  const baseHeap = heapUsedMb();
  const meter = new MemoryMeter().start();
  const probe = new BlockProbe();
  const pool = workers();
  const t0 = now();
  const index = await open(files, storageDir, pool);
  const reconciled = await index.reconcile();
  const coldBuildMs = now() - t0;
  const threads = { workers: pool.size, preparedInWorkers: pool.counts.inWorkers };
  await pool.dispose();
  const coldBlock = probe.stopDetailed();
  const coldMaxBlockMs = coldBlock.ms;
  const t1 = now();
  await index.save();
  const saveMs = now() - t1;
  const query = await measureQueries(files.queries, (q) => ranked(index.search(q.text, { kind: 'all', limit: 20 })));
  meter.sample();
  gc();
  const retainedHeapMb = round(heapUsedMb() - baseHeap);
  const links = checkLinks(index, files.truth);
  const update = await measureEdits(index, files, Object.keys(files.truth).sort());
  // Persist the edited state so the warm phase starts from an index that matches the files on disk.
  await index.save();
  return {
    coldBuildMs: round(coldBuildMs), coldMaxBlockMs, coldBlock, ...threads, saveMs: round(saveMs), persistedMb: dirMb(storageDir),
    indexed: reconciled.indexed, skipped: reconciled.skipped.length, stats: index.stats,
    query, update, links, ...meter.stop(), retainedHeapMb,
  };
}

export async function warmPhase(dir: string) {
  const files = loadCorpusFiles(dir);
  const storageDir = join(dir, 'storage');
  gc();
  const meter = new MemoryMeter().start();
  const probe = new BlockProbe();
  const pool = workers();
  const t0 = now();
  const index = await open(files, storageDir, pool);
  const openMs = now() - t0;
  // The persisted segments can answer before reconcile has looked at the files.
  index.search(files.queries[0].text, { kind: 'all', limit: 20 });
  const searchableAfterOpenMs = now() - t0;
  const reconciled = await index.reconcile();
  const warmLoadMs = now() - t0;
  index.search(files.queries[1].text, { kind: 'all', limit: 20 });
  const firstQueryMs = now() - t0;
  const block = probe.stopDetailed();
  const maxBlockMs = block.ms;
  await pool.dispose();
  return {
    openMs: round(openMs), searchableAfterOpenMs: round(searchableAfterOpenMs), warmLoadMs: round(warmLoadMs), firstQueryMs: round(firstQueryMs), maxBlockMs, block,
    reindexed: index.reindexedFiles, changed: reconciled.changed + reconciled.added + reconciled.deleted, ...meter.stop(),
  };
}
