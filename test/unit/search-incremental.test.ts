// Incremental updates must leave the index exactly where a from-scratch build over the same files
// would be, and a warm start must re-read only what changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoteIndex, prepareNote } from '../../src/core/search';
import { scanNote } from '../../src/core/notes/index';
import { nodeFileSystem } from '../../src/node/node-fs';
import { scratchCorpus, seedKeys, seedPapers } from '../support/search-fixtures';

const papers = seedPapers();
const keys = seedKeys(papers);
const QUERIES = ['reward model', 'language feedback', 'lifelong behavior', 'continual', 'distillation student', 'prun*',
  '+feedback -hindsight', 'title:extreme', 'hindsight', 'tokens budget'];

function open(root: string, storage: string, policy?: { deltaMax: number; maxSmallSegments?: number }) {
  return NoteIndex.open({ fs: nodeFileSystem, storageDir: storage, notesRoot: root, papers: async () => papers, keys: async () => keys, policy });
}

/** What a user can observe: links, and ranked hits with scores. */
function observe(index: NoteIndex) {
  return {
    links: index.links(),
    hits: QUERIES.map((q) => index.search(q, { limit: 15 }).map((h) => `${h.kind}:${h.id}:${h.score.toFixed(9)}`)),
  };
}

/** Edits, an addition, a deletion and a rename, made to the files on disk. */
function mutate(root: string): void {
  writeFileSync(join(root, 'rlhf/feedback.md'), '# Feedback, revised\n\nNow about distillation: a student learns from teacher feedback. See arXiv:9999.00030.\n');
  writeFileSync(join(root, 'new-note.md'), '---\ntitle: Token budgets\n---\nThinking tokens budget [@novak2026rlhf] and https://arxiv.org/abs/9999.00040v2\n');
  rmSync(join(root, 'continual.md'));
  mkdirSync(join(root, 'moved'));
  renameSync(join(root, 'dual.markdown'), join(root, 'moved/dual.md'));
}

async function scratch(root: string) {
  const fresh = await open(root, join(root, '..', `fresh-${Math.random().toString(36).slice(2)}`));
  await fresh.reconcile();
  return observe(fresh);
}

test('after edit / add / delete / rename events, search and links equal a from-scratch build', async () => {
  for (const deltaMax of [64, 2]) { // 2: the delta seals on almost every change, exercising tombstones
    const { root, storage } = scratchCorpus();
    const index = await open(root, storage, { deltaMax, maxSmallSegments: deltaMax === 2 ? 1 : 4 });
    await index.reconcile();
    const before = observe(index);
    mutate(root);
    await index.updateNote('rlhf/feedback.md');
    await index.updateNote('new-note.md');
    await index.removeNote('continual.md');
    await index.renameNote('dual.markdown', 'moved/dual.md');
    const after = observe(index);
    assert.notDeepEqual(after, before, 'the changes must be visible');
    assert.deepEqual(after, await scratch(root));
    assert.equal(index.reindexedFiles, 7 + 2, 'a rename re-reads nothing');
    // Compaction reorganises segments without changing any answer.
    const segmentsBefore = index.stats.segments;
    const merged = await index.compact();
    if (deltaMax === 2) assert.ok(merged > 0 && index.stats.segments < segmentsBefore, 'many small segments get merged');
    await index.save();
    assert.deepEqual(observe(index), after);
  }
});

test('an unsaved editor buffer is searchable, and the file on disk wins again at the next reconcile', async () => {
  const { root, storage } = scratchCorpus();
  const index = await open(root, storage);
  await index.reconcile();
  await index.updateNote('recsys.md', '# Buffer\n\nquantization kernels, unsaved\n');
  assert.equal(index.search('quantization', { kind: 'notes' })[0]?.id, 'recsys.md');
  assert.deepEqual(index.papersCitedBy('recsys.md'), []);
  await index.reconcile();
  assert.equal(index.search('quantization', { kind: 'notes' }).length, 0);
  assert.deepEqual(index.papersCitedBy('recsys.md'), ['9999.00001']);
});

test('a warm start after changing files re-indexes only those files and equals a scratch build', async () => {
  const { root, storage } = scratchCorpus();
  const cold = await open(root, storage);
  await cold.reconcile();
  await cold.save();

  const unchanged = await open(root, storage);
  const r0 = await unchanged.reconcile();
  assert.equal(unchanged.reindexedFiles, 0);
  assert.equal(r0.unchanged, 7);
  assert.deepEqual(observe(unchanged), observe(cold));

  appendFileSync(join(root, 'deep/nested/pruning.md'), '\nAlso relevant: knowledge distillation.\n');
  const warm = await open(root, storage);
  const r1 = await warm.reconcile();
  assert.equal(warm.reindexedFiles, 1);
  assert.deepEqual([r1.added, r1.changed, r1.deleted], [0, 1, 0]);
  assert.equal(warm.search('distillation', { kind: 'notes' })[0]?.id, 'deep/nested/pruning.md');
  assert.deepEqual(observe(warm), await scratch(root));
  await warm.save();

  // A touched but identical file is recognised by its hash and not re-indexed.
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, 'recsys.md'), later, later);
  mutate(root);
  const warm2 = await open(root, storage);
  const r2 = await warm2.reconcile();
  assert.deepEqual([r2.added, r2.changed, r2.deleted], [2, 1, 2], 'rename = delete + add on a walk');
  assert.equal(warm2.reindexedFiles, 3);
  assert.deepEqual(observe(warm2), await scratch(root));
});

test('changes run in call order: an editor buffer handed over during a reconcile is not overwritten by it', async () => {
  const { root, storage } = scratchCorpus();
  const index = await open(root, storage);
  const reconciling = index.reconcile();
  const updating = index.updateNote('recsys.md', '# Buffer\n\nquantization kernels, unsaved\n');
  await Promise.all([reconciling, updating]);
  assert.equal(index.search('quantization', { kind: 'notes' })[0]?.id, 'recsys.md');
  assert.deepEqual(index.papersCitedBy('recsys.md'), []);
});

test('an injected preparer (the worker-thread seam) builds the same index as the inline path', async () => {
  const { root, storage } = scratchCorpus();
  const seen: string[] = [];
  const prepared = await NoteIndex.open({
    fs: nodeFileSystem, storageDir: storage, notesRoot: root, papers: async () => papers, keys: async () => keys,
    // Stands in for a worker pool: async, and only (path, text) crosses the boundary.
    prepare: async (files) => {
      await new Promise((r) => setTimeout(r, 1));
      seen.push(...files.map((f) => f.path));
      return files.map((f) => prepareNote(f.path, f.text, scanNote));
    },
  });
  await prepared.reconcile();
  assert.equal(seen.length, 7);
  assert.deepEqual(observe(prepared), await scratch(root));
});
