// `npm run eval`: For You against upvotes order, a plain Lunr query and arxiv-sanity-lite's recipe on
// workspaces built from real arXiv papers (see eval/profiles.ts and EVALUATION.md). Fields are split by a hash
// of their name into a tuning split and a held-out split; the defaults were chosen on the tuning split only.
//   --data FILE   arxiv-sample.jsonl (default ../shared/data/arxiv-sample/arxiv-sample.jsonl from the repo root)
//   --per-field N workspaces per field (default 3)   --min-papers N  fields with at least N papers (default 40)
//   --grid        also try blend weights and C on the tuning split      --json  one JSON line of results
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import lunr from 'lunr';
import { Profile, rank, type RankOptions } from '../src/core/recommend';
import { anchorRank } from './anchor';
import { hashString, ndcgAt, precisionAt, rng, shuffle } from './metrics';
import { makeWorkspace, type ArxivPaper, type Workspace } from './profiles';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const repoRoot = resolve(__dirname, '..');
const dataFile = resolve(process.cwd(), option('data') ?? resolve(repoRoot, '../shared/data/arxiv-sample/arxiv-sample.jsonl'));
if (!existsSync(dataFile)) {
  process.stderr.write(`error: no data at ${dataFile} — pass --data FILE (arxiv-sample.jsonl format)\n`);
  process.exit(1);
}

type Method = (ws: Workspace) => string[];

const doc = (p: ArxivPaper) => ({ id: p.id, title: p.title, abstract: p.abstract });

// One profile per workspace, shared by the variants (ranking only adds the day's papers to it).
const profiles = new WeakMap<Workspace, Profile>();
function profileOf(ws: Workspace): Profile {
  let profile = profiles.get(ws);
  if (!profile) {
    profile = new Profile();
    profile.setDocs(ws.background.map(doc));
    for (const n of ws.notes) profile.setNote(n);
    profiles.set(ws, profile);
  }
  return profile;
}

function forYou(opts: RankOptions = {}): Method {
  return (ws) => {
    const profile = profileOf(ws);
    const r = rank(profile, ws.candidates.map(doc), opts);
    if (r.status !== 'ranked') throw new Error('a workspace with notes was not ranked');
    return r.papers.map((p) => p.id);
  };
}

// The dataset has no upvotes: a seeded random order stands in for "upvotes order" (a ranking that knows nothing
// about the reader). On Hugging Face days upvotes measure popularity, which is as blind to the profile.
const upvotesStandIn: Method = (ws) => shuffle(ws.candidates.map((p) => p.id), rng(hashString(ws.field + ws.notes.length)));

const lunrQuery: Method = (ws) => {
  const idx = lunr(function () {
    this.ref('id');
    this.field('title');
    this.field('abstract');
    for (const p of ws.candidates) this.add(p);
  });
  const words = ws.notes.map((n) => `${n.title ?? ''} ${n.text}`).join(' ');
  const hits = idx.query((q) => q.term(lunr.tokenizer(words), {}));
  const seen = new Set(hits.map((h) => h.ref));
  return [...hits.map((h) => h.ref), ...ws.candidates.map((p) => p.id).filter((id) => !seen.has(id))];
};

const anchor: Method = (ws) => {
  const db = [...ws.background, ...ws.candidates];
  return anchorRank(db, new Set(ws.cited), ws.candidates.map((p) => p.id));
};

interface Score {
  ndcg: number;
  p: number;
  n: number;
}

const timing = new Map<Method, number>();

function evaluate(method: Method, workspaces: Workspace[]): Score {
  let ndcg = 0;
  let p = 0;
  for (const ws of workspaces) {
    const t = Date.now();
    const ranked = method(ws);
    timing.set(method, (timing.get(method) ?? 0) + Date.now() - t);
    const order = ranked.map((id) => ws.relevant.has(id));
    ndcg += ndcgAt(order, ws.relevant.size);
    p += precisionAt(order);
  }
  const n = workspaces.length || 1;
  return { ndcg: ndcg / n, p: p / n, n: workspaces.length };
}

const started = Date.now();
const all: ArxivPaper[] = readFileSync(dataFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
const byField = new Map<string, ArxivPaper[]>();
for (const p of all) {
  const f = p.categories[0];
  if (!byField.has(f)) byField.set(f, []);
  byField.get(f)!.push(p);
}
const minPapers = Number(option('min-papers') ?? 40);
for (const [f, ps] of byField) if (ps.length < minPapers) byField.delete(f);
const perField = Number(option('per-field') ?? 3);
const onlyFields = option('fields')?.split(',');
if (onlyFields) for (const f of [...byField.keys()]) if (!onlyFields.includes(f)) byField.delete(f);
const tune: Workspace[] = [];
const heldOut: Workspace[] = [];
for (const field of [...byField.keys()].sort()) {
  for (let k = 0; k < perField; k++) {
    const ws = makeWorkspace(all, byField, field, hashString(`${field}#${k}`));
    if (!ws) continue;
    // A third of the fields are held out: tuning never sees their workspaces.
    (hashString(field) % 3 === 0 ? heldOut : tune).push(ws);
  }
}

const methods: Array<[string, Method]> = [
  ['For You (ours)', forYou()],
  ['  SVM only (ours, features + notes)', forYou({ weights: { svm: 1, centroid: 0, nearest: 0 } })],
  ['  centroid only', forYou({ weights: { svm: 0, centroid: 1, nearest: 0 } })],
  ['  nearest positives only', forYou({ weights: { svm: 0, centroid: 0, nearest: 1 } })],
  ['arxiv-sanity-lite recipe (anchor)', anchor],
  ['Lunr query of the notes’ words', lunrQuery],
  ['upvotes order (random stand-in)', upvotesStandIn],
];

if (argv.includes('--grid')) {
  console.log(`tuning split only (${tune.length} workspaces), For You variants:`);
  const filters = [{ minDf: 1, maxDf: 1 }, { minDf: 2, maxDf: 0.1 }, { minDf: 3, maxDf: 0.2 }];
  const variants: RankOptions[] = [{}];
  for (const filter of filters.slice(1)) variants.push({ filter, weights: { svm: 1, centroid: 0, nearest: 0 } });
  variants.push({ weights: { svm: 1, centroid: 0, nearest: 0 } });
  variants.push({ weights: { svm: 1, centroid: 0, nearest: 0 }, noteWeight: 0.5 });
  variants.push({ weights: { svm: 1, centroid: 0, nearest: 0 }, minNoteFeatures: 20 });
  variants.push({ weights: { svm: 1, centroid: 0, nearest: 0 }, noteWeight: 0 });
  variants.push({ weights: { svm: 1, centroid: 0.2, nearest: 0.2 } });
  variants.push({ weights: { svm: 1, centroid: 0.3, nearest: 0 } });
  variants.push({ weights: { svm: 1, centroid: 0, nearest: 0 }, C: 0.3 });
  variants.push({ weights: { svm: 1, centroid: 0, nearest: 0 }, C: 0.03 });
  const base = evaluate(anchor, tune);
  console.log(`anchor: nDCG@10 ${base.ndcg.toFixed(3)} P@10 ${base.p.toFixed(3)}`);
  for (const v of variants) {
    const s = evaluate(forYou(v), tune);
    console.log(`${JSON.stringify(v)}: nDCG@10 ${s.ndcg.toFixed(3)} P@10 ${s.p.toFixed(3)}`);
  }
  process.exit(0);
}

const isCs = (ws: Workspace) => ws.field.startsWith('cs.');
const fmt = (x: number) => x.toFixed(3);
interface PerWorkspace { ws: Workspace; ndcg: number; p: number }
function perWorkspace(method: Method, workspaces: Workspace[]): PerWorkspace[] {
  return workspaces.map((ws) => {
    const order = method(ws).map((id) => ws.relevant.has(id));
    return { ws, ndcg: ndcgAt(order, ws.relevant.size), p: precisionAt(order) };
  });
}
const mean = (xs: PerWorkspace[], key: 'ndcg' | 'p') => (xs.length ? xs.reduce((s, x) => s + x[key], 0) / xs.length : 0);
const rows: Array<Record<string, unknown>> = [];
const lines = [
  `| method | tuning nDCG@10 | tuning P@10 | held-out nDCG@10 | held-out P@10 | held-out cs nDCG@10 | held-out non-cs nDCG@10 |`,
  `|---|---|---|---|---|---|---|`,
];
const styles = ['quote', 'own', 'link'];
const byStyle = [`| held-out nDCG@10 by note habit | ${styles.join(' | ')} |`, `|---|${styles.map(() => '---').join('|')}|`];
// Workspace by workspace, every method in turn, so one profile is alive at a time.
const results = methods.map(() => ({ tune: [] as PerWorkspace[], heldOut: [] as PerWorkspace[], ms: 0 }));
for (const [split, list] of [['tune', tune], ['heldOut', heldOut]] as const) {
  for (const ws of list) {
    methods.forEach(([, m], i) => {
      const t0 = Date.now();
      results[i][split].push(...perWorkspace(m, [ws]));
      results[i].ms += Date.now() - t0;
    });
    profiles.delete(ws);
  }
}
methods.forEach(([name], i) => {
  const a = results[i].tune;
  const b = results[i].heldOut;
  const cs = b.filter((x) => isCs(x.ws));
  const other = b.filter((x) => !isCs(x.ws));
  if (argv.includes('--verbose')) process.stderr.write(`${name}: ${results[i].ms} ms\n`);
  rows.push({ name, tune: { ndcg: mean(a, 'ndcg'), p: mean(a, 'p') }, heldOut: { ndcg: mean(b, 'ndcg'), p: mean(b, 'p') } });
  lines.push(`| ${name} | ${fmt(mean(a, 'ndcg'))} | ${fmt(mean(a, 'p'))} | ${fmt(mean(b, 'ndcg'))} | ${fmt(mean(b, 'p'))} | ${fmt(mean(cs, 'ndcg'))} | ${fmt(mean(other, 'ndcg'))} |`);
  if (!name.startsWith(' ')) byStyle.push(`| ${name} | ${styles.map((s) => fmt(mean(b.filter((x) => x.ws.style === s), 'ndcg'))).join(' | ')} |`);
});
const fieldsOf = (ws: Workspace[]) => new Set(ws.map((w) => w.field)).size;
console.log(`data: ${dataFile} (${all.length} papers)`);
console.log(`workspaces: tuning ${tune.length} over ${fieldsOf(tune)} fields, held-out ${heldOut.length} over ${fieldsOf(heldOut)} fields (${heldOut.filter(isCs).length} cs, ${heldOut.filter((w) => !isCs(w)).length} non-cs)`);
console.log(`candidates per day: 200; mean relevant per day: ${(heldOut.reduce((s, w) => s + w.relevant.size, 0) / (heldOut.length || 1)).toFixed(1)} (held-out)`);
console.log('');
console.log(lines.join('\n'));
console.log('');
console.log(byStyle.join('\n'));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
if (argv.includes('--json')) console.log(JSON.stringify({ rows }));
