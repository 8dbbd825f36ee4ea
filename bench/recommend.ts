// `npm run bench:recommend`: For You and Related speed on the benchmark corpus (bench/corpus.ts: 10k notes citing
// 5k synthetic papers with real ML vocabulary). Targets (issue 11): ranking a 200-paper day against a 10k-note
// workspace ≤ 100 ms; the profile updated on a note save ≤ 10 ms amortised; Related for a 5 KB note ≤ 50 ms.
//   --notes N (default 10000)   --papers P (default 5000)   --seed S (default 1)   --json
import { resolve } from 'node:path';
import { makeCorpus } from './corpus';
import { percentile, round } from './measure';
import { scanNote } from '../src/core/notes/index';
import { Profile, rank, related, type ProfileDoc } from '../src/core/recommend';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const notesCount = Number(option('notes') ?? 10000);
const papersCount = Number(option('papers') ?? 5000);
const corpus = makeCorpus(resolve(__dirname, '..'), { notes: notesCount, papers: papersCount, seed: Number(option('seed') ?? 1) });
const doc = (p: (typeof corpus.papers)[number]): ProfileDoc => ({ id: p.id, title: p.title, abstract: p.abstract, keywords: p.aiKeywords });
const DAY = 86_400_000;
// CPU time of this (single-threaded) process, in ms: on a shared machine wall time mostly measures the neighbours.
const now = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const base = Date.UTC(2026, 0, 1);

// The day to rank: the last 200 papers, not yet known to the profile (as a freshly fetched day is not).
const day = corpus.papers.slice(-200).map(doc);
const cache = corpus.papers.slice(0, -200).map(doc);
const notes = corpus.notes.map((n, i) => {
  const s = scanNote(n.text);
  return { path: n.path, title: s.title, text: s.text, cites: n.cites, modifiedMs: base + (i % 365) * DAY };
});

const profile = new Profile();
let t = now();
profile.setDocs(cache);
for (const n of notes) profile.setNote(n);
const buildMs = now() - t;

t = now();
const first = rank(profile, day);
const firstRankMs = now() - t;
if (first.status !== 'ranked') throw new Error('not ranked');
const rankSamples: number[] = [];
for (let i = 0; i < 15; i++) {
  t = now();
  rank(profile, day);
  rankSamples.push(now() - t);
}

// Note saves: an edited note is re-read and re-vectorised; the next ranking re-weighs it.
const saves = 500;
t = now();
for (let i = 0; i < saves; i++) {
  const n = notes[(i * 7919) % notes.length];
  profile.setNote({ ...n, text: `${n.text}\nEdited ${i}: more on reward models and preference data.`, modifiedMs: base + 400 * DAY });
}
const saveMs = (now() - t) / saves;
t = now();
rank(profile, day);
const rankAfterSavesMs = now() - t;

// Related for a 5 KB note made of other notes' prose.
let text = '';
for (let i = 0; text.length < 5000; i++) text += `${notes[(i * 31) % notes.length].text}\n`;
text = text.slice(0, 5000);
const relatedSamples: number[] = [];
for (let i = 0; i < 15; i++) {
  t = now();
  related(profile, { path: 'draft.md', text: `${text} ${i}`, cites: notes[i].cites });
  relatedSamples.push(now() - t);
}

const result = {
  notes: notesCount,
  papers: papersCount,
  buildMs: round(buildMs),
  firstRankMs: round(firstRankMs),
  rankP50Ms: round(percentile(rankSamples, 50)!),
  rankP95Ms: round(percentile(rankSamples, 95)!),
  saveMeanMs: round(saveMs, 2),
  rankAfterSavesMs: round(rankAfterSavesMs),
  relatedP50Ms: round(percentile(relatedSamples, 50)!),
  relatedP95Ms: round(percentile(relatedSamples, 95)!),
};
console.log('(CPU time of the process; the machine was shared)');
console.log(`| notes | papers | profile build | first rank (200 new) | rank p50 / p95 | note save (mean of ${saves}) | rank after saves | related 5 KB p50 / p95 |`);
console.log('|---|---|---|---|---|---|---|---|');
console.log(`| ${result.notes} | ${result.papers} | ${result.buildMs} ms | ${result.firstRankMs} ms | ${result.rankP50Ms} / ${result.rankP95Ms} ms | ${result.saveMeanMs} ms | ${result.rankAfterSavesMs} ms | ${result.relatedP50Ms} / ${result.relatedP95Ms} ms |`);
if (argv.includes('--json')) console.log(JSON.stringify(result));
