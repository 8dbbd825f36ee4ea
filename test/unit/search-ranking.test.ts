// Segmented scoring must rank like one lunr index over the same documents, even after edits leave
// tombstones and a delta segment behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, analyseWithCited, countTerms } from '../../src/core/search/analyze';
import { docKey, fieldsOf, type NoteRecord } from '../../src/core/search/records';
import { SegmentSet } from '../../src/core/search/segment-set';
import { runQuery } from '../../src/core/search/query';
import { singleLunrIndex } from '../../src/core/search/reference';

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const VOCAB = ('reward model alignment preference policy gradient transformer attention vision language diffusion ' +
  'retrieval benchmark agent planning reasoning math proof token sparse mixture expert scaling law distillation ' +
  'robot control speech audio graph molecule protein safety jailbreak evaluation dataset synthetic feedback human ' +
  'ranking search index segment compression quantization memory cache latency kernel optimizer adam curriculum').split(' ');

function corpus(n: number, seed: number): NoteRecord[] {
  const r = rng(seed);
  // Zipf-ish word choice so some words are common and others rare, as in real notes.
  const word = () => VOCAB[Math.floor(VOCAB.length * r() ** 2.2)];
  const words = (k: number) => Array.from({ length: k }, word).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    kind: 'note' as const,
    path: `n${i}.md`,
    title: words(1 + Math.floor(r() * 4)),
    tags: [word(), word()],
    headings: [words(3)],
    text: words(20 + Math.floor(r() * 200)),
    ids: [],
    keys: [],
  }));
}

function queries(count: number, seed: number): string[] {
  const r = rng(seed);
  const w = () => VOCAB[Math.floor(r() * VOCAB.length)];
  const forms = [() => w(), () => `${w()} ${w()}`, () => `title:${w()}`, () => `+${w()} ${w()}`, () => `${w()} -${w()}`, () => `${w().slice(0, 4)}*`];
  return Array.from({ length: count }, (_, i) => forms[i % forms.length]());
}

function overlap(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const sb = new Set(b);
  return a.filter((x) => sb.has(x)).length / Math.max(a.length, b.length);
}

test('top-10 of the segmented index agrees with a single lunr index (≥ 0.9) after edits and deletes', () => {
  const docs = corpus(600, 7);
  const set = new SegmentSet((rs) => rs.map((x) => analyse(docKey(x), fieldsOf(x))), {
    segmentSize: 100, deltaMax: 16, maxDeadRatio: 0.3, maxSmallSegments: 4,
  });
  set.put(docs);
  // Edits go to the delta (and seal it once full), deletes leave tombstones.
  const edited = corpus(40, 99).map((d, i) => ({ ...d, path: `n${i * 13}.md` }));
  for (const e of edited) set.put([e]);
  for (let i = 5; i < 600; i += 37) set.drop(`n:n${i}.md`);
  assert.ok(set.segments().length > 6, 'the test must exercise many segments');

  const live = new Map(docs.map((d) => [d.path, d]));
  for (const e of edited) live.set(e.path, e);
  for (let i = 5; i < 600; i += 37) live.delete(`n${i}.md`);
  const single = singleLunrIndex([...live.values()].map((d) => ({ key: docKey(d), fields: fieldsOf(d) })));

  let sum = 0;
  const qs = queries(120, 3);
  let exactScores = 0;
  for (const q of qs) {
    const ours = runQuery(set.segments(), q, () => true, 10).matches;
    const theirs = single.search(q).slice(0, 10);
    sum += overlap(ours.map((m) => docKey(m.seg.docs[m.ord])), theirs.map((h) => h.ref));
    if (ours.length && theirs.length && Math.abs(ours[0].score - theirs[0].score) < 1e-6 * Math.max(1, theirs[0].score)) exactScores++;
  }
  const agreement = sum / qs.length;
  assert.ok(agreement >= 0.9, `top-10 agreement ${agreement.toFixed(3)}`);
  // Global statistics make the scores themselves equal, not merely the order.
  assert.ok(exactScores >= qs.length * 0.8, `top scores equal for ${exactScores}/${qs.length} queries`);
});

test('a query with a syntax error falls back to plain terms instead of throwing', () => {
  const set = new SegmentSet((rs) => rs.map((x) => analyse(docKey(x), fieldsOf(x))));
  set.put(corpus(50, 1));
  const { matches } = runQuery(set.segments(), 'reward: model^', () => true, 10);
  assert.ok(matches.length > 0);
  const unknownField = runQuery(set.segments(), 'nosuchfield:reward', () => true, 10);
  assert.ok(unknownField.matches.length > 0);
});

test('summing cached per-paper counts into `cited` equals analysing the joined cited text', () => {
  const note = corpus(1, 5)[0];
  const parts = ['Reward models, overfitting!\nrlhf reward\nWe study reward-model ensembles.', 'Vision (transformers)\n\nattention is all'];
  const joined = analyse('n:x', { ...fieldsOf(note), cited: parts.join('\n') });
  const summed = analyseWithCited('n:x', fieldsOf(note), parts.map(countTerms));
  assert.deepEqual(summed.lengths, joined.lengths);
  assert.deepEqual(summed.terms.map((m) => [...m].sort()), joined.terms.map((m) => [...m].sort()));
  assert.ok(joined.lengths[5] > 5);
});
