// Segmented scoring must rank exactly like one lunr index over the same documents, even after edits leave
// tombstones and a delta segment behind: same matches, same scores (up to float summation order), same order
// (up to the order of equal scores).
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

/**
 * Scores of one document, computed from the same statistics in a different order: our segments add a
 * document's per-term contributions segment by segment, lunr term by term, so the last bits of the float sums may
 * differ (measured: at most 4.4e-16 relative on this corpus). Anything beyond this bound is a real difference.
 */
const SAME_SCORE = 1e-12;
const close = (a: number, b: number) => Math.abs(a - b) <= SAME_SCORE * Math.max(1, Math.abs(a), Math.abs(b));

test('the segmented index returns exactly what a single lunr index does after edits and deletes: documents, scores, order', () => {
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

  let matched = 0;
  for (const q of queries(120, 3)) {
    // Every match, not a top-k: a cut-off inside a run of equal scores would depend on the tie order (below).
    const ours = runQuery(set.segments(), q, () => true, live.size).matches.map((m) => ({ ref: docKey(m.seg.docs[m.ord]), score: m.score }));
    const theirs = single.search(q).map((h) => ({ ref: h.ref, score: h.score }));
    matched += theirs.length;
    // The same documents with the same scores.
    const theirScore = new Map(theirs.map((h) => [h.ref, h.score]));
    assert.equal(ours.length, theirs.length, `${q}: number of matches`);
    for (const o of ours) {
      const t = theirScore.get(o.ref);
      assert.ok(t !== undefined && close(o.score, t), `${q}: ${o.ref} scores ${o.score}, lunr ${t}`);
    }
    // The same order, position by position. Only documents with equal scores may stand in another order: both
    // keep equal scores in index order (lunr's stable sort), and an edited note sits in lunr's index where it
    // was first added but in our delta segment, after the sealed ones.
    for (let i = 0; i < ours.length; i++) {
      assert.ok(close(ours[i].score, theirs[i].score), `${q}: rank ${i + 1} is ${ours[i].ref} (${ours[i].score}), lunr has ${theirs[i].ref} (${theirs[i].score})`);
    }
  }
  assert.ok(matched > 10_000, `the queries must match many documents (${matched})`);
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
