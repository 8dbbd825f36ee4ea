// Workspaces built the way researchers keep notes, from real arXiv papers: notes on one field citing its
// papers (some quoting an abstract, some in the note's own topical words, some only linking), a side interest
// in another field now and then, a meeting note citing nothing; the day to rank is listed after every cited
// paper. Relevance: a candidate's primary category is the workspace's field.
import type { ProfileNote } from '../src/core/recommend';
import { rng, shuffle } from './metrics';

export interface ArxivPaper {
  id: string;
  title: string;
  abstract: string;
  categories: string[];
  authors: string[];
  date: string;
}

export interface Workspace {
  field: string;
  notes: ProfileNote[];
  /** Every paper a note cites. */
  cited: string[];
  /** The cache: papers listed before the cutoff, any field (background, idf, negatives). */
  background: ArxivPaper[];
  /** The day to rank: 200 papers listed after the cutoff. */
  candidates: ArxivPaper[];
  relevant: Set<string>;
  style: string;
}

const DAY = 86_400_000;
const CANDIDATES = 200;
const MAX_RELEVANT = 15;
const BACKGROUND = 1000;

const primary = (p: ArxivPaper) => p.categories[0];
const sentences = (t: string) => t.split(/(?<=[.!?])\s+/).filter((s) => s.length > 20);
const CONTENT = /^[a-z][a-z-]{3,}$/;
const FILLER = ['Read this week.', 'Follow up on this.', 'Worth a closer look.', 'Discuss in reading group.', 'Open questions remain.', 'Compare with our setup.'];

function citation(p: ArxivPaper, rand: () => number): string {
  const r = rand();
  if (r < 0.4) return `[@${p.id.replace(/\W/g, '')}]`;
  if (r < 0.7) return `arXiv:${p.id}`;
  return `[${p.title}](https://arxiv.org/abs/${p.id})`;
}

/** Words a researcher would use about these papers: content words drawn from their abstracts. */
function ownWords(papers: ArxivPaper[], rand: () => number, n: number): string {
  const pool = papers.flatMap((p) => p.abstract.toLowerCase().split(/[^a-z-]+/).filter((w) => CONTENT.test(w)));
  const out: string[] = [];
  for (let i = 0; i < n && pool.length; i++) out.push(pool[Math.floor(rand() * pool.length)]);
  return out.join(' ');
}

function noteFor(path: string, papers: ArxivPaper[], style: 'quote' | 'own' | 'link', rand: () => number, modifiedMs: number): ProfileNote {
  const cites = papers.map((p) => citation(p, rand));
  const filler = FILLER[Math.floor(rand() * FILLER.length)];
  let text: string;
  if (style === 'quote') {
    const quotes = papers.map((p) => {
      const s = sentences(p.abstract);
      return s.length ? `> ${s[Math.floor(rand() * s.length)]}` : '';
    });
    text = `${quotes.join('\n')}\n\n${filler} ${cites.join(' ')}`;
  } else if (style === 'own') {
    text = `${ownWords(papers, rand, 12 + Math.floor(rand() * 20))}. ${filler} ${cites.join(' ')}`;
  } else text = `${filler} ${cites.join(' ')}`;
  return { path, title: style === 'link' ? path.replace(/\.md$/, '') : undefined, text, cites: papers.map((p) => p.id), modifiedMs };
}

function chunk<T>(xs: T[], rand: () => number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; ) {
    const n = 1 + Math.floor(rand() * 3);
    out.push(xs.slice(i, i + n));
    i += n;
  }
  return out;
}

export function makeWorkspace(all: ArxivPaper[], byField: Map<string, ArxivPaper[]>, field: string, seed: number): Workspace | undefined {
  const rand = rng(seed);
  const own = byField.get(field)!; // sorted by date
  const cutIndex = Math.floor(own.length * (0.4 + 0.4 * rand()));
  const cutoff = own[cutIndex].date;
  const before = own.filter((p) => p.date < cutoff);
  if (before.length < 8) return undefined;
  const nCited = Math.min(before.length, 5 + Math.floor(rand() * 16));
  const cited = shuffle(before, rand).slice(0, nCited);
  // A side interest in half the workspaces: 2-3 papers of another field, before the cutoff.
  const side: ArxivPaper[] = [];
  const fields = [...byField.keys()].filter((f) => f !== field);
  if (rand() < 0.5 && fields.length) {
    const other = byField.get(fields[Math.floor(rand() * fields.length)])!.filter((p) => p.date < cutoff);
    side.push(...shuffle(other, rand).slice(0, 2 + Math.floor(rand() * 2)));
  }
  const cutMs = Date.parse(cutoff);
  const styles = ['quote', 'own', 'link'] as const;
  // Each workspace leans to one style (people have habits), with the others mixed in.
  const habit = styles[Math.floor(rand() * 3)];
  const pick = () => (rand() < 0.6 ? habit : styles[Math.floor(rand() * 3)]);
  const notes: ProfileNote[] = [];
  const when = (ps: ArxivPaper[]) => Math.min(cutMs, Math.max(...ps.map((p) => Date.parse(p.date))) + rand() * 30 * DAY);
  chunk(cited, rand).forEach((ps, i) => notes.push(noteFor(`${field}/note-${i}.md`, ps, pick(), rand, when(ps))));
  chunk(side, rand).forEach((ps, i) => notes.push(noteFor(`side/note-${i}.md`, ps, pick(), rand, when(ps))));
  if (rand() < 0.5) notes.push({ path: 'meetings.md', text: 'Meeting notes: agree on the plan, deadlines next week, who presents at the reading group, travel and budget.', cites: [], modifiedMs: cutMs });

  const citedIds = new Set([...cited, ...side].map((p) => p.id));
  const later = (days: number) => all.filter((p) => p.date > cutoff && Date.parse(p.date) <= cutMs + days * DAY && !citedIds.has(p.id));
  let window = later(45);
  if (window.filter((p) => primary(p) === field).length < 3) window = later(150);
  const rel = shuffle(window.filter((p) => primary(p) === field), rand).slice(0, MAX_RELEVANT);
  if (rel.length < 3) return undefined;
  const rest = shuffle(window.filter((p) => primary(p) !== field), rand).slice(0, CANDIDATES - rel.length);
  const candidates = shuffle([...rel, ...rest], rand);
  const background = shuffle(all.filter((p) => p.date <= cutoff && !citedIds.has(p.id)), rand).slice(0, BACKGROUND);
  return {
    field,
    notes,
    cited: [...citedIds],
    background: [...background, ...cited, ...side],
    candidates,
    relevant: new Set(rel.map((p) => p.id)),
    style: habit,
  };
}
