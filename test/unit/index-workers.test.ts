// The worker-thread build (src/node/index-workers.ts) must give exactly the index the main thread builds,
// must really run in workers, and must fall back to the main thread when workers are missing or crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoteIndex, type NotePreparer } from '../../src/core/search';
import { nodeFileSystem } from '../../src/node/node-fs';
import { prepareWorkers } from '../../src/node/index-workers';
import { seedKeys, seedPapers } from '../support/search-fixtures';

const papers = seedPapers();
const keys = seedKeys(papers);
const words = [...new Set(papers.flatMap((p) => `${p.title} ${p.abstract}`.toLowerCase().split(/[^a-z]+/)).values())].filter((w) => w.length > 3);

/** A seeded corpus: headings, tags, lists, code blocks with ids that must not count, citations in several forms. */
function corpus(notes: number): string {
  const root = mkdtempSync(join(tmpdir(), 'pn-workers-'));
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const text = (n: number) => Array.from({ length: n }, () => words[rnd(words.length)]).join(' ');
  for (let i = 0; i < notes; i++) {
    const p = papers[rnd(papers.length)];
    const q = papers[rnd(papers.length)];
    const body = [
      rnd(3) ? `---\ntitle: ${text(3)}\ntags: [${text(2).replace(' ', ', ')}]\n---\n` : '',
      `# ${text(4)}\n\n${text(40 + rnd(200))}\n`,
      `- ${text(6)} arXiv:${p.id}\n- ${text(5)} [@${keys[q.id]}]\n`,
      rnd(2) ? `\n\`\`\`\nfetch('https://arxiv.org/abs/${papers[rnd(papers.length)].id}')\n\`\`\`\n` : '',
      `## ${text(2)}\n\n${text(rnd(300))} https://arxiv.org/abs/${q.id}v2\n`,
    ].join('');
    mkdirSync(join(root, `d${i % 7}`), { recursive: true });
    writeFileSync(join(root, `d${i % 7}`, `n${i}.md`), body);
  }
  writeFileSync(join(root, 'empty.md'), '');
  writeFileSync(join(root, 'binary.md'), Buffer.from([0, 159, 146, 150, 0, 1]));
  return root;
}

const QUERIES = ['reward model', 'language feedback', 'continual learning', 'distil*', '+feedback -vision', 'title:learning', 'tokens budget'];

async function build(root: string, prepare?: NotePreparer) {
  const index = await NoteIndex.open({
    fs: nodeFileSystem, storageDir: mkdtempSync(join(tmpdir(), 'pn-workers-store-')), notesRoot: root,
    papers: async () => papers, keys: async () => keys, prepare,
    policy: { segmentSize: 100 }, // several segments, so pipelined batches and segment boundaries are exercised
  });
  const result = await index.reconcile();
  return {
    result: { ...result, skipped: result.skipped.map((s) => s.path).sort() },
    links: index.links(),
    hits: QUERIES.map((q) => index.search(q, { limit: 25 }).map((h) => `${h.kind}:${h.id}:${h.score.toFixed(9)}`)),
  };
}

const root = corpus(450);
const inThread = build(root);

test('an index built in worker threads equals the one built on the main thread, and the workers did the work', async () => {
  const pool = prepareWorkers({ size: 2 });
  try {
    const built = await build(root, pool.prepare);
    assert.equal(pool.size, 2);
    assert.equal(pool.counts.inWorkers, 450 + 1, 'every readable note (the empty one too) prepared in a worker');
    assert.equal(pool.counts.inThread, 0);
    const reference = await inThread;
    assert.ok(reference.hits.every((h) => h.length > 0), 'queries find something');
    assert.ok(Object.keys(reference.links.notes).length >= 400);
    assert.deepEqual(built, reference);
  } finally {
    await pool.dispose();
  }
});

test('without a worker bundle the pool prepares in-thread (one warning) and builds the same index', async () => {
  const warnings: string[] = [];
  const pool = prepareWorkers({ file: join(tmpdir(), 'no-such-index-worker.js'), warn: (m) => warnings.push(m) });
  assert.equal(pool.size, 0);
  assert.equal(warnings.length, 1);
  assert.deepEqual(await build(root, pool.prepare), await inThread);
  assert.equal(pool.counts.inWorkers, 0);
  assert.equal(pool.counts.inThread, 451);
  await pool.dispose();
});

test('a crashing worker: its batches are redone in-thread, nothing is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-crash-'));
  const file = join(dir, 'crash.js');
  writeFileSync(file, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
  const warnings: string[] = [];
  const pool = prepareWorkers({ file, size: 2, warn: (m) => warnings.push(m) });
  try {
    assert.deepEqual(await build(root, pool.prepare), await inThread);
    assert.equal(pool.counts.inThread, 451);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /exited with code 3/);
  } finally {
    await pool.dispose();
  }
});

test('dispose settles batches still queued or in a worker: prepare() rejects instead of hanging', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-silent-'));
  const file = join(dir, 'silent.js');
  writeFileSync(file, "require('node:worker_threads').parentPort.on('message', () => {});\n"); // never answers
  const pool = prepareWorkers({ file, size: 1 });
  const files = Array.from({ length: 40 }, (_, i) => ({ path: `n${i}.md`, text: `# Note ${i}\n` })); // 3 batches, 1 worker
  const pending = pool.prepare(files).then(() => 'resolved', (e: Error) => e.message);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await pool.dispose();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise((resolve) => (timer = setTimeout(resolve, 2000, 'hung')));
  try {
    const outcome = await Promise.race([pending, hung]);
    assert.equal(outcome, 'index workers disposed');
  } finally {
    clearTimeout(timer);
  }
  await assert.rejects(pool.prepare(files), /disposed/);
});
