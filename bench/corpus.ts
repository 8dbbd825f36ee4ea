// Deterministic benchmark corpus: P synthetic papers and N Markdown notes that cite them in every form the scanner
// supports. Everything derives from one seed through mulberry32 (never Math.random), so two runs with the same
// --seed produce byte-identical files and the numbers of two runs compare like for like.
// Vocabulary comes from the 69 seed abstracts (test/fixtures/days/2026-07-30.json), so term statistics look like
// real ML paper notes, plus one invented method name per paper to give the long tail of rare terms real corpora have.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assignKeys, type KeyMap } from '../src/core/cite/keys';
import type { Paper } from '../src/core/papers/model';

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

export interface SeedPaper {
  title: string;
  abstract: string;
  keywords: string[];
}

export interface GeneratedNote {
  /** Relative to the notes root, '/' separated. */
  path: string;
  text: string;
  /** Ground truth: ids of papers cited in prose (never the ones inside code). */
  cites: string[];
}

export interface Corpus {
  seed: number;
  papers: Paper[];
  keys: KeyMap;
  notes: GeneratedNote[];
  /** Words that occur in the corpus, most frequent first; the query generator draws from it. */
  vocabulary: string[];
}

/** Reads the seed papers from the committed fixture day (69 title + abstract pairs). */
export function loadSeedPapers(repoRoot: string): SeedPaper[] {
  const raw = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/days/2026-07-30.json'), 'utf8')) as Array<{
    paper: { title: string; summary: string; ai_keywords?: string[] };
  }>;
  // TeX quotes (``x'') would open Markdown code spans and hide the citations placed after them, making the
  // ground truth wrong, so backticks become plain quotes; everything else is kept as the source wrote it.
  const clean = (s: string) => s.replace(/`+/g, '"').trim();
  return raw.map((item) => ({
    title: clean(item.paper.title),
    abstract: clean(item.paper.summary),
    keywords: item.paper.ai_keywords ?? [],
  }));
}

const FIRST = ['Anna', 'Wei', 'Kenji', 'Nils', 'Priya', 'Sofia', 'Omar', 'Lena', 'Diego', 'Mei', 'Ivan', 'Zoë', 'Aarav', 'Chloé', 'Tomasz', 'Yuki'];
const LAST = ['Müller', "O'Brien", 'Björk', 'Łukasiewicz', 'Østergaard', 'Nguyễn', 'Smith', 'Chen', 'García', 'Kowalski', 'Tanaka', 'Okafor', 'Rossi', 'Dubois', 'Novák', 'Singh', 'Park', 'Silva'];
const SYLLABLES = ['ka', 'vo', 'rin', 'tel', 'mar', 'zu', 'quo', 'fen', 'lix', 'dra', 'bel', 'nor', 'si', 'gat', 'pex', 'um'];
const STOP = new Set('the and for with that this from are our its into over than which these their both such been have more when where while then also only each most other very using based'.split(' '));

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).map((s) => s.trim()).filter((s) => s.length > 20);
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []).filter((w) => !STOP.has(w) && !w.endsWith('-'));
}

/** Swaps one longer word for a vocabulary word, so 5k papers are not 69 abstracts reshuffled. */
function mutate(rng: Rng, sentence: string, vocab: string[]): string {
  const parts = sentence.split(' ');
  for (let tries = 0; tries < 3; tries++) {
    const i = Math.floor(rng() * parts.length);
    if (/^[a-z]{5,}$/.test(parts[i])) {
      parts[i] = pick(rng, vocab);
      break;
    }
  }
  return parts.join(' ');
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** Obviously synthetic arXiv-shaped ids: month 99 does not exist. Starts past the fixture ids (…00001–00069). */
export function syntheticId(i: number): string {
  return `9999.${String(10001 + i).padStart(5, '0')}`;
}

export function makePapers(rng: Rng, count: number, seeds: SeedPaper[], vocab: string[]): Paper[] {
  if (count > 89_000) throw new Error('at most 89000 synthetic papers (5-digit ids)');
  const sentences = seeds.map((s) => splitSentences(s.abstract));
  const papers: Paper[] = [];
  for (let i = 0; i < count; i++) {
    const s = i % seeds.length;
    const method = capital(Array.from({ length: int(rng, 2, 3) }, () => pick(rng, SYLLABLES)).join('')) + int(rng, 1, 99);
    const abstract = [sentences[s][0], ...Array.from({ length: int(rng, 3, 7) }, () => {
      const from = rng() < 0.5 ? s : Math.floor(rng() * seeds.length);
      return mutate(rng, pick(rng, sentences[from]), vocab);
    })];
    abstract.splice(1, 0, `We call the resulting method ${method}.`);
    const keywords = [...seeds[s].keywords.slice(0, 3), pick(rng, vocab), method.toLowerCase()];
    const month = int(rng, 1, 12);
    papers.push({
      id: syntheticId(i),
      title: `${method}: ${seeds[s].title} with ${capital(pick(rng, vocab))} ${capital(pick(rng, vocab))}`,
      abstract: abstract.join(' '),
      authors: Array.from({ length: int(rng, 1, 6) }, () => `${pick(rng, FIRST)} ${pick(rng, LAST)}`),
      publishedAt: `${int(rng, 2023, 2026)}-${String(month).padStart(2, '0')}-15T00:00:00.000Z`,
      upvotes: int(rng, 0, 300),
      numComments: int(rng, 0, 20),
      aiKeywords: keywords,
    });
  }
  return papers;
}

/** One citation of `p` in the form chosen by `form`; returns the Markdown and, for footnotes, a definition. */
function cite(rng: Rng, form: number, p: Paper, other: Paper, keys: KeyMap): { md: string; ids: string[]; def?: string } {
  const k = keys[p.id];
  switch (form % 7) {
    case 0: return { md: `[@${k}]`, ids: [p.id] };
    case 1: return { md: `[@${k}; @${keys[other.id]}]`, ids: [p.id, other.id] };
    case 2: return { md: `[^${k}]`, ids: [p.id], def: `[^${k}]: ${p.authors[0]}, *${p.title}*.` };
    case 3: return { md: `[${pick(rng, ['this paper', 'the method', p.title.split(':')[0]])}](https://arxiv.org/abs/${p.id})`, ids: [p.id] };
    case 4: return { md: `<https://arxiv.org/pdf/${p.id}v2>`, ids: [p.id] };
    case 5: return { md: `https://huggingface.co/papers/${p.id}`, ids: [p.id] };
    default: return { md: `arXiv:${p.id}`, ids: [p.id] };
  }
}

/** A fenced block or inline code that mentions ids: the scanner must ignore every one of them. */
function codeBlock(rng: Rng, p: Paper): string {
  const lang = pick(rng, ['python', 'bash', 'json', '']);
  const lines = [
    `# see arXiv:${p.id} and https://arxiv.org/abs/${p.id}`,
    `cfg = {"paper": "${p.id}", "lr": ${(rng() * 1e-3).toFixed(5)}, "steps": ${int(rng, 100, 90000)}}`,
    `for step in range(cfg["steps"]):`,
    `    loss = model(batch[step % ${int(rng, 2, 64)}]).mean()  # [@notacitation]`,
  ];
  return '```' + lang + '\n' + lines.slice(0, int(rng, 2, 4)).join('\n') + '\n```';
}

/** Notes stay within 0.5–5 KB (UTF-16 units; the text is nearly all ASCII, so also ≈ bytes). */
const MAX_NOTE_BYTES = 5000;

export function makeNote(rng: Rng, index: number, papers: Paper[], keys: KeyMap, sentences: string[][], vocab: string[]): GeneratedNote {
  // Sizes skew small like real notes: 0.5–5 KB, mean ≈ 2 KB.
  const target = 500 + Math.floor(4500 * rng() * rng());
  const topic = papers[Math.floor(rng() * papers.length)];
  const seedOf = (p: Paper) => (Number(p.id.slice(5)) - 10001) % sentences.length;
  const related = () => papers[Math.floor(rng() * papers.length)];
  const tags = Array.from({ length: int(rng, 1, 4) }, () => pick(rng, [...topic.aiKeywords, ...vocab.slice(0, 200)]));
  const title = `${pick(rng, ['Notes on', 'Reading', 'Thoughts on', 'Summary:', 'Re:'])} ${topic.title.split(':')[0]} ${pick(rng, vocab)}`;
  const out: string[] = [`---`, `title: "${title}"`, `tags: [${[...new Set(tags)].join(', ')}]`, `---`, '', `# ${title}`, ''];
  const cites = new Set<string>();
  const defs: string[] = [];
  let form = index; // rotate forms so every note, and every scale, has all seven
  let size = out.join('\n').length;
  // A block's citations are pending until the block is kept, so a block dropped for size leaves no false truth.
  let pendingIds: string[] = [];
  let pendingDefs: string[] = [];
  let full = false;
  const add = (block: string) => {
    const defsSize = [...defs, ...pendingDefs].reduce((n, d) => n + d.length + 1, 0);
    if (size + block.length + 2 + defsSize > MAX_NOTE_BYTES) full = true;
    else {
      out.push(block, '');
      size += block.length + 2;
      pendingIds.forEach((id) => cites.add(id));
      defs.push(...pendingDefs);
    }
    pendingIds = [];
    pendingDefs = [];
  };
  const citeOne = (p: Paper) => {
    const c = cite(rng, form++, p, related(), keys);
    pendingIds.push(...c.ids);
    if (c.def) pendingDefs.push(c.def);
    return c.md;
  };
  while (size < target && !full) {
    const kind = rng();
    const p = rng() < 0.6 ? topic : related();
    const from = sentences[seedOf(p)];
    if (kind < 0.45) {
      const sents = Array.from({ length: int(rng, 2, 5) }, () => mutate(rng, pick(rng, rng() < 0.7 ? from : pick(rng, sentences)), vocab));
      sents[int(rng, 0, sents.length - 1)] += ` ${citeOne(p)}`;
      if (rng() < 0.2) sents.push(`The key idea of \`arXiv:${p.id}\` is ${pick(rng, vocab)} ($\\alpha = ${rng().toFixed(2)}$).`);
      add(sents.join(' '));
    } else if (kind < 0.6) {
      add(`## ${capital(pick(rng, vocab))} ${pick(rng, vocab)} ${pick(rng, ['and', 'vs', 'for', 'in'])} ${pick(rng, vocab)}`);
    } else if (kind < 0.8) {
      const items = Array.from({ length: int(rng, 2, 6) }, () => {
        const w = Array.from({ length: int(rng, 3, 9) }, () => pick(rng, vocab)).join(' ');
        return `- ${capital(w)}${rng() < 0.3 ? ' ' + citeOne(related()) : ''}`;
      });
      add(items.join('\n'));
    } else if (kind < 0.92) {
      add(codeBlock(rng, related()));
    } else {
      add(`> ${mutate(rng, pick(rng, from), vocab)} ${citeOne(p)}`);
    }
  }
  if (defs.length) out.push(...defs, '');
  const slug = topic.title.split(':')[0].toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 24);
  return { path: `area-${index % 20}/${String(Math.floor(index / 100)).padStart(3, '0')}/${slug}-${index}.md`, text: out.join('\n'), cites: [...cites].sort() };
}

function vocabularyOf(seeds: SeedPaper[]): string[] {
  const counts = new Map<string, number>();
  for (const s of seeds) for (const w of words(`${s.title} ${s.abstract}`)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

export function makeCorpus(repoRoot: string, opts: { notes: number; papers: number; seed: number }): Corpus {
  const rng = mulberry32(opts.seed);
  const seeds = loadSeedPapers(repoRoot);
  const vocabulary = vocabularyOf(seeds);
  const papers = makePapers(rng, opts.papers, seeds, vocabulary);
  const keys = assignKeys({}, papers);
  const sentences = seeds.map((s) => splitSentences(s.abstract));
  const notes = Array.from({ length: opts.notes }, (_, i) => makeNote(rng, i, papers, keys, sentences, vocabulary));
  return { seed: opts.seed, papers, keys, notes, vocabulary };
}

/**
 * Writes `notes/…` (the Markdown tree), `papers.json`, `keys.json` and `truth.json` (note → cited ids) under `dir`.
 * Returns a short hash of every note's bytes, printed by the runner so determinism is visible across runs.
 */
export function writeCorpus(dir: string, corpus: Corpus): string {
  const hash = createHash('sha1');
  const made = new Set<string>();
  for (const n of corpus.notes) {
    const file = join(dir, 'notes', n.path);
    const folder = dirname(file);
    if (!made.has(folder)) { mkdirSync(folder, { recursive: true }); made.add(folder); }
    writeFileSync(file, n.text);
    hash.update(n.path).update(n.text);
  }
  writeFileSync(join(dir, 'papers.json'), JSON.stringify(corpus.papers));
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(corpus.keys));
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(Object.fromEntries(corpus.notes.map((n) => [n.path, n.cites]))));
  writeFileSync(join(dir, 'vocabulary.json'), JSON.stringify(corpus.vocabulary));
  return hash.digest('hex').slice(0, 12);
}
