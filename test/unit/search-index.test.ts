// The index over the fixture corpus: links against a hand-written ground truth, topic search (also
// through cited papers), Lunr syntax, skipped files, persistence and corruption recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoteIndex } from '../../src/core/search';
import { nodeFileSystem } from '../../src/node/node-fs';
import { scratchCorpus, seedKeys, seedPapers } from '../support/search-fixtures';

const papers = seedPapers();
const keys = seedKeys(papers);

async function openIndex(root: string, storage: string, extra: { warn?(m: string): void; withPapers?: boolean } = {}) {
  return NoteIndex.open({
    fs: nodeFileSystem,
    storageDir: storage,
    notesRoot: root,
    papers: extra.withPapers === false ? undefined : async () => papers,
    keys: async () => keys,
    warn: extra.warn,
  });
}

const GROUND_TRUTH = {
  notes: {
    'continual.md': ['9999.00018', '9999.00019'],
    'deep/nested/pruning.md': ['9999.00009'],
    'dual.markdown': ['9999.00012'],
    'recsys.md': ['9999.00001'],
    'rlhf/feedback.md': ['9999.00005', '9999.00007', '9999.00022'],
    'rlhf/reward-models.md': ['9999.00015', '9999.00017', '9999.00028'],
  },
  papers: {
    '9999.00001': ['recsys.md'],
    '9999.00005': ['rlhf/feedback.md'],
    '9999.00007': ['rlhf/feedback.md'],
    '9999.00009': ['deep/nested/pruning.md'],
    '9999.00012': ['dual.markdown'],
    '9999.00015': ['rlhf/reward-models.md'],
    '9999.00017': ['rlhf/reward-models.md'],
    '9999.00018': ['continual.md'],
    '9999.00019': ['continual.md'],
    '9999.00022': ['rlhf/feedback.md'],
    '9999.00028': ['rlhf/reward-models.md'],
  },
};

test('links equal the hand-written ground truth; code, hidden folders, binary and non-Markdown files never count', async () => {
  const { root, storage } = scratchCorpus();
  const index = await openIndex(root, storage);
  const r = await index.reconcile();
  assert.deepEqual(index.links(), GROUND_TRUTH);
  assert.equal(r.indexed, 7, 'six citing notes plus empty.md');
  assert.deepEqual(r.skipped.map((s) => s.path).sort(), ['binary.md', 'latin1.md']);
  assert.match(r.skipped.find((s) => s.path === 'binary.md')!.reason, /binary/);
  assert.match(r.skipped.find((s) => s.path === 'latin1.md')!.reason, /UTF-8/);
  assert.equal(index.stats.papers, 69);
  assert.deepEqual(index.unknownKeys('continual.md'), ['nobody2020ghost']);
  assert.deepEqual(index.notesCiting('9999.00007v2'), ['rlhf/feedback.md']);
  assert.deepEqual(index.papersCitedBy('recsys.md'), ['9999.00001']);
});

test('files over the size limit are reported, not indexed', async () => {
  const { root, storage } = scratchCorpus();
  const index = await NoteIndex.open({ fs: nodeFileSystem, storageDir: storage, notesRoot: root, maxFileBytes: 150 });
  const r = await index.reconcile();
  const large = r.skipped.filter((s) => /larger than 150/.test(s.reason)).map((s) => s.path).sort();
  assert.deepEqual(large, ['continual.md', 'rlhf/feedback.md', 'rlhf/reward-models.md', 'recsys.md'].sort());
  assert.equal(index.search('reward', { kind: 'notes' }).length, 0);
});

test('topic queries put the right note first, and Lunr syntax works', async () => {
  const { root, storage } = scratchCorpus();
  const index = await openIndex(root, storage);
  await index.reconcile();
  const first = (q: string) => index.search(q, { kind: 'notes' })[0]?.id;
  assert.equal(first('reward model'), 'rlhf/reward-models.md');
  assert.equal(first('language feedback'), 'rlhf/feedback.md');
  assert.equal(first('catastrophic forgetting'), 'continual.md');
  assert.equal(first('pruning masks'), 'deep/nested/pruning.md');
  assert.equal(first('title:continual'), 'continual.md');
  assert.equal(first('prun*'), 'deep/nested/pruning.md');
  const required = index.search('+reward -ensembles', { kind: 'notes' }).map((h) => h.id);
  assert.ok(!required.includes('rlhf/reward-models.md'), 'the prohibited word excludes the note');
  assert.ok(required.length > 0, 'other notes citing reward papers still match');
  // A broken query is read as plain words rather than failing.
  assert.equal(index.search('reward: model^', { kind: 'notes' })[0]?.id, 'rlhf/reward-models.md');
  const hit = index.search('overfits', { kind: 'notes' })[0];
  assert.equal(hit.title, 'Reward models for RLHF');
  assert.match(hit.snippet, /overfits/);
  assert.equal(await index.matchLine(hit.id, 'overfits'), 8, '0-based line of "…overfits quickly"');
  const paper = index.search('hindsight', { kind: 'papers' })[0];
  assert.equal(paper.kind, 'paper');
  assert.match(paper.title, /Hindsight/);
  assert.ok(index.search('hindsight', { kind: 'papers' }).every((h) => h.kind === 'paper'));
});

test('a note that only says "see arXiv:ID" is found by words from that paper, even when the paper arrives later', async () => {
  const { root, storage } = scratchCorpus();
  const own = readFileSync(join(root, 'recsys.md'), 'utf8').toLowerCase();
  for (const w of ['lifelong', 'behavior', 'embeddings']) assert.ok(!own.includes(w), `fixture must not say ${w}`);
  const index = await openIndex(root, storage, { withPapers: false });
  await index.reconcile();
  assert.equal(index.search('lifelong behavior embeddings', { kind: 'notes' }).length, 0);
  await index.setPapers(papers, keys);
  const hits = index.search('lifelong behavior embeddings', { kind: 'notes' });
  assert.equal(hits[0]?.id, 'recsys.md');
  assert.match(hits[0].snippet, /^cites Long-Sequence Recommendation/);
  // Below the paper itself: cited words weigh less than a document's own.
  const all = index.search('lifelong behavior embeddings', { kind: 'all' });
  assert.equal(all[0].id, '9999.00001');
});

test('a corrupt or older-format index is rebuilt with one warning, never a crash', async () => {
  const { root, storage } = scratchCorpus();
  const first = await openIndex(root, storage);
  await first.reconcile();
  await first.save();
  for (const damage of ['{ not json', JSON.stringify({ format: 0, segments: [], files: {} })]) {
    writeFileSync(join(storage, 'manifest.json'), damage);
    const warnings: string[] = [];
    const index = await openIndex(root, storage, { warn: (m) => warnings.push(m) });
    const r = await index.reconcile();
    assert.equal(warnings.length, 1);
    assert.equal(r.added, 7);
    assert.deepEqual(index.links(), GROUND_TRUTH);
    await index.save();
  }
  const segFile = readFileSync(join(storage, 'manifest.json'), 'utf8');
  const name = (JSON.parse(segFile) as { segments: Array<{ file: string }> }).segments[0].file;
  writeFileSync(join(storage, name), '[1,2');
  const warnings: string[] = [];
  const index = await openIndex(root, storage, { warn: (m) => warnings.push(m) });
  await index.reconcile();
  assert.equal(warnings.length, 1);
  assert.deepEqual(index.links(), GROUND_TRUTH);
});
