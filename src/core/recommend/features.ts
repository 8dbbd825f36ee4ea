// Texts to features for recommendation: the index's own terms (lunr's trimmer, stop words and stemmer, via
// core/search/analyze) so a word means the same in search and in For You, plus the bigrams of adjacent terms
// as arxiv-sanity-lite uses (after stop words are dropped, as scikit-learn does). Counts only: idf changes as
// the corpus changes, so weighting happens when a vector is used, not when a text is read.
import { termOf } from '../search/analyze';

/** A text's features as parallel arrays: feature ids (sorted, unique) and sublinear tf, 1 + ln(count). */
export interface TermVector {
  ids: Int32Array;
  tf: Float32Array;
}

const SEPARATOR = /[\s-]+/;
// Like arxiv-sanity-lite's token pattern: a word starts with a letter and has two characters at least, so
// numbers, stray symbols and URL fragments never become features.
const WORD = /^\p{L}[\p{L}\p{N}_']+$/u;
const TRIM = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The vocabulary of one recommender: feature string ↔ id, the document frequency of each feature over the
 * documents currently counted in, and, for display, the most common surface word of each stem.
 */
export class Vocabulary {
  private readonly idOf = new Map<string, number>();
  readonly names: string[] = [];
  /** Document frequency per id (documents added and not removed). */
  df = new Float64Array(1024);
  docs = 0;
  private readonly surfaces = new Map<string, Map<string, number>>();
  private surfaceCount = 0;

  id(feature: string): number {
    let id = this.idOf.get(feature);
    if (id === undefined) {
      id = this.names.length;
      this.idOf.set(feature, id);
      this.names.push(feature);
      if (id >= this.df.length) {
        const grown = new Float64Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  lookup(feature: string): number | undefined {
    return this.idOf.get(feature);
  }

  get size(): number {
    return this.names.length;
  }

  /** Counts a document in (sign 1) or out (sign -1) of the document frequencies. */
  count(v: TermVector, sign: 1 | -1): void {
    this.docs += sign;
    for (let i = 0; i < v.ids.length; i++) this.df[v.ids[i]] += sign;
  }

  /** Smoothed idf as scikit-learn computes it: ln((1 + n) / (1 + df)) + 1. */
  idf(id: number): number {
    return Math.log((1 + this.docs) / (1 + this.df[id])) + 1;
  }

  noteSurface(stem: string, word: string): void {
    // Bounded: surfaces only serve reasons, and a 10k-note workspace has many words.
    if (this.surfaceCount > 200_000) return;
    let m = this.surfaces.get(stem);
    if (!m) {
      m = new Map();
      this.surfaces.set(stem, m);
    }
    if (!m.has(word)) this.surfaceCount++;
    m.set(word, (m.get(word) ?? 0) + 1);
  }

  /** A readable word for a feature: `reinforc learn` → `reinforcement learning`. */
  display(id: number): string {
    return this.names[id]
      .split(' ')
      .map((stem) => {
        const m = this.surfaces.get(stem);
        if (!m) return stem;
        let best = stem;
        let n = 0;
        for (const [w, c] of m) if (c > n || (c === n && w < best)) [best, n] = [w, c];
        return best;
      })
      .join(' ');
  }
}

/** The index terms of a text, in order, keeping only word-like ones; surfaces are recorded for display. */
export function textTerms(text: string, vocab?: Vocabulary): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const raw of text.toLowerCase().split(SEPARATOR)) {
    if (raw === '') continue;
    const t = termOf(raw);
    if (t === null || !WORD.test(t)) continue;
    out.push(t);
    if (vocab) vocab.noteSurface(t, raw.replace(TRIM, ''));
  }
  return out;
}

/** Unigram and bigram counts of a text as a TermVector over the vocabulary. */
export function vectorise(text: string, vocab: Vocabulary, bigrams = true): TermVector {
  const terms = textTerms(text, vocab);
  const counts = new Map<number, number>();
  for (let i = 0; i < terms.length; i++) {
    const u = vocab.id(terms[i]);
    counts.set(u, (counts.get(u) ?? 0) + 1);
    if (bigrams && i > 0) {
      const b = vocab.id(`${terms[i - 1]} ${terms[i]}`);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  const ids = Int32Array.from(counts.keys()).sort();
  const tf = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) tf[i] = 1 + Math.log(counts.get(ids[i])!);
  return { ids, tf };
}

/** A tf-idf vector, l2-normalised, ready for dot products. */
export interface Weighted {
  ids: Int32Array;
  w: Float64Array;
}

/**
 * Weights a vector by idf and l2-normalises it. `keep` drops features (e.g. too rare or too common to tell
 * anything, like arxiv-sanity-lite's min_df / max_df); dropped features weigh nothing.
 */
export function weigh(v: TermVector, vocab: Vocabulary, keep?: (id: number) => boolean): Weighted {
  const w = new Float64Array(v.ids.length);
  let norm = 0;
  for (let i = 0; i < v.ids.length; i++) {
    const id = v.ids[i];
    if (keep && !keep(id)) continue;
    const x = v.tf[i] * vocab.idf(id);
    w[i] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < w.length; i++) w[i] /= norm;
  return { ids: v.ids, w };
}

/** Dot product of two weighted vectors (both sorted by id). */
export function dot(a: Weighted, b: Weighted): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) s += a.w[i++] * b.w[j++];
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Dot product of a weighted vector with a dense one. */
export function dotDense(a: Weighted, dense: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.ids.length; i++) {
    const id = a.ids[i];
    if (id < dense.length) s += a.w[i] * dense[id];
  }
  return s;
}
