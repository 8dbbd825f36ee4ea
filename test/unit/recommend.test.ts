// The recommender on hand-built profiles whose right answers follow from the texts alone: notes about
// reinforcement learning rank an RL paper above a vision one, Not Interested moves a paper down, reasons
// name the note and the words the two share, and a paper about nothing in the notes is not placed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Profile, rank, related, mark, parseFeedback, serialiseFeedback, emptyFeedback, trainSvm, vectorise, weigh, Vocabulary } from '../../src/core/recommend';
import type { ProfileDoc, Ranking } from '../../src/core/recommend';

const rl1: ProfileDoc = { id: '2401.00001', title: 'Policy gradient methods for reinforcement learning', abstract: 'We study policy gradient algorithms where an agent maximises reward through trial and error in an environment. The reinforcement learning agent learns a policy from reward signals.' };
const rl2: ProfileDoc = { id: '2401.00002', title: 'Reward shaping for exploration in reinforcement learning', abstract: 'Sparse reward makes exploration hard. We shape the reward so the agent explores the environment and the policy improves faster.' };
const cv1: ProfileDoc = { id: '2401.00003', title: 'Convolutional networks for image segmentation', abstract: 'We segment images into objects with a convolutional network trained on pixel labels. Image segmentation benefits from multi-scale convolutional features.' };
const candRl: ProfileDoc = { id: '2402.00010', title: 'Offline reinforcement learning with conservative policy updates', abstract: 'An agent learns a policy from logged reward data without interacting with the environment.' };
const candCv: ProfileDoc = { id: '2402.00011', title: 'Vision transformers for object detection in images', abstract: 'We detect objects in images with a transformer over image patches and pixel features.' };
const candAstro: ProfileDoc = { id: '2402.00012', title: 'Spectroscopy of distant quasars', abstract: 'Quasar spectra reveal intergalactic hydrogen absorption lines at high redshift.' };

function rlProfile(): Profile {
  const p = new Profile();
  p.setDocs([rl1, rl2, cv1]);
  p.setNote({ path: 'rl/policy.md', title: 'Policy gradients', text: 'Notes on policy gradient: the agent follows the reward. See [@a].', cites: [rl1.id, rl2.id], modifiedMs: Date.UTC(2026, 0, 10) });
  p.setNote({ path: 'rl/exploration.md', title: 'Exploration', text: 'Exploration bonuses help when reward is sparse.', cites: [rl2.id], modifiedMs: Date.UTC(2026, 0, 12) });
  return p;
}

function ids(r: Ranking): string[] {
  assert.equal(r.status, 'ranked');
  return r.status === 'ranked' ? r.papers.map((p) => p.id) : [];
}

test('notes citing only RL papers put the RL candidate above the vision and astronomy ones', () => {
  const order = ids(rank(rlProfile(), [candCv, candAstro, candRl]));
  assert.equal(order[0], candRl.id);
});

test('a vision profile reverses the order', () => {
  const p = new Profile();
  p.setDocs([rl1, cv1]);
  p.setNote({ path: 'vision.md', text: 'Segmentation of images with convolutional features, pixel by pixel.', cites: [cv1.id] });
  assert.equal(ids(rank(p, [candRl, candAstro, candCv]))[0], candCv.id);
});

test('without notes the ranking says so, so callers fall back to upvotes', () => {
  const p = new Profile();
  p.setDocs([rl1]);
  assert.deepEqual(rank(p, [candRl, candCv]), { status: 'no-notes' });
  p.setNote({ path: 'empty.md', text: '', cites: [] });
  assert.deepEqual(rank(p, [candRl, candCv]), { status: 'no-notes' });
  p.setNote({ path: 'empty.md', text: '', cites: ['unknown.id'] });
  assert.deepEqual(rank(p, [candRl, candCv]), { status: 'no-notes' });
});

test('Not Interested moves a paper down', () => {
  const rlA: ProfileDoc = { id: '2402.00020', title: 'Model-based reinforcement learning agent', abstract: 'The agent learns a world model and a policy from reward.' };
  const rlB: ProfileDoc = { id: '2402.00021', title: 'Hierarchical reinforcement learning agent', abstract: 'The agent learns options and a policy from reward.' };
  const cands = [rlA, rlB, candCv, candAstro];
  const before = ids(rank(rlProfile(), cands));
  const p = rlProfile();
  p.setFeedback(mark(emptyFeedback(), before[0], 'notInterested'));
  const after = ids(rank(p, cands));
  assert.ok(after.indexOf(before[0]) > before.indexOf(before[0]), `${before} → ${after}`);
});

test('Interested pulls a paper of another field up', () => {
  const p = rlProfile();
  const astro2: ProfileDoc = { id: '2402.00030', title: 'Quasar absorption spectra at high redshift', abstract: 'Hydrogen absorption lines in quasar spectra trace the intergalactic medium.' };
  p.setDocs([astro2]);
  const without = ids(rank(p, [candCv, candAstro]));
  assert.equal(without.indexOf(candAstro.id) >= 0, true);
  p.setFeedback(mark(emptyFeedback(), astro2.id, 'interested'));
  assert.equal(ids(rank(p, [candCv, candAstro]))[0], candAstro.id);
});

test('the reason names the closest note and cited paper and the shared words; a paper nothing is near is not placed', () => {
  const r = rank(rlProfile(), [candRl, candAstro]);
  assert.equal(r.status, 'ranked');
  if (r.status !== 'ranked') return;
  const rl = r.papers.find((x) => x.id === candRl.id)!;
  assert.equal(rl.placed, true);
  assert.equal(rl.reason.notes[0], 'rl/policy.md');
  assert.ok(rl.reason.papers.includes(rl1.id), JSON.stringify(rl.reason));
  assert.ok(rl.reason.terms.some((t) => t === 'policy' || t === 'reinforcement learning' || t === 'reward'), JSON.stringify(rl.reason));
  const astro = r.papers.find((x) => x.id === candAstro.id)!;
  assert.deepEqual(astro.reason, { notes: [], papers: [], terms: [] });
  assert.equal(astro.placed, false);
});

test('repeated citations count more: the paper two notes cite lends more to the ranking than one cited once', () => {
  const a: ProfileDoc = { id: 'a', title: 'Graph neural networks for molecules', abstract: 'Message passing over molecular graphs predicts chemical properties.' };
  const b: ProfileDoc = { id: 'b', title: 'Speech recognition with recurrent networks', abstract: 'Acoustic frames are transcribed into words by a recurrent network.' };
  const p = new Profile();
  p.setDocs([a, b]);
  p.setNote({ path: 'one.md', text: 'x', cites: ['a', 'b'] });
  p.setNote({ path: 'two.md', text: 'y', cites: ['a'] });
  const ca: ProfileDoc = { id: 'ca', title: 'Molecular graphs and message passing', abstract: 'Chemical property prediction over molecular graphs.' };
  const cb: ProfileDoc = { id: 'cb', title: 'Recurrent speech recognition', abstract: 'Transcribing acoustic frames into words.' };
  assert.deepEqual(ids(rank(p, [cb, ca])), ['ca', 'cb']);
});

test('related lists similar papers and notes, leaving out the note itself and what it cites', () => {
  const p = rlProfile();
  p.setDocs([candRl, candCv]);
  p.setNote({ path: 'vision.md', text: 'Image segmentation with convolutional networks.', cites: [] });
  const r = related(p, { path: 'rl/policy.md', text: 'The agent follows the reward and improves its policy.', cites: [rl1.id] });
  assert.ok(!r.papers.some((x) => x.id === rl1.id));
  assert.ok(!r.notes.some((x) => x.path === 'rl/policy.md'));
  assert.equal(r.notes[0].path, 'rl/exploration.md');
  const paperIds = r.papers.map((x) => x.id);
  assert.ok(paperIds.indexOf(candRl.id) >= 0 && (paperIds.indexOf(candCv.id) < 0 || paperIds.indexOf(candCv.id) > paperIds.indexOf(candRl.id)));
});

test('the SVM separates two linearly separable clusters, with the balanced weights keeping a lone positive', () => {
  const v = new Vocabulary();
  const docs = ['apple banana', 'apple cherry', 'apple banana cherry', 'zebra yak', 'zebra lion', 'yak lion zebra', 'lion yak'].map((t) => weigh(vectorise(t, v, false), v));
  const model = trainSvm([{ x: docs[0], y: 1 }, ...docs.slice(3).map((x) => ({ x, y: -1 as const }))], { C: 1, balanced: true, dimension: v.size });
  const score = (x: typeof docs[0]) => x.ids.reduce((s, id, i) => s + model.w[id] * x.w[i], model.b);
  assert.ok(score(docs[1]) > 0 && score(docs[2]) > 0, 'unseen apple documents are positive');
  assert.ok(score(docs[6]) < 0);
});

test('the feedback file round-trips, marking one clears the other, and a broken file is a clear error', () => {
  let f = mark(emptyFeedback(), 'x', 'interested');
  f = mark(f, 'x', 'notInterested');
  assert.deepEqual(f, { interested: [], notInterested: ['x'] });
  assert.deepEqual(parseFeedback(serialiseFeedback(f)), f);
  assert.deepEqual(mark(f, 'x', 'none'), emptyFeedback());
  assert.throws(() => parseFeedback('{oops'), /not valid JSON/);
  assert.throws(() => parseFeedback('[1]'), /not a JSON object/);
});
