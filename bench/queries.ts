// The query set: what a researcher types into a notes search box. Drawn from the same seeded RNG and vocabulary
// as the corpus so every engine answers the same questions. Each query keeps its parts (terms, prefix, field) so
// engines without Lunr syntax (MiniSearch) get the equivalent request, not a string they would misread.
import type { Paper } from '../src/core/papers/model';
import { mulberry32, type Rng } from './corpus';

export type QueryKind = 'term' | 'two-term' | 'phrase' | 'prefix' | 'field';

export interface BenchQuery {
  kind: QueryKind;
  /** Lunr syntax, as typed. */
  text: string;
  /** Plain words, for engines without Lunr syntax. */
  terms: string[];
  prefix?: boolean;
  field?: 'title';
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const plain = (w: string) => /^[a-z]{4,}$/.test(w);

export function makeQueries(seed: number, count: number, vocabulary: string[], papers: Paper[]): BenchQuery[] {
  const rng = mulberry32(seed ^ 0x5eed);
  // Head and mid-frequency words: the top few hundred are what people actually search for; rank 20+ skips
  // words nearly every document holds ("model", "language"), which nobody searches alone.
  const words = vocabulary.filter(plain);
  const common = words.slice(20, 400);
  const mid = words.slice(400, 2000);
  const word = () => (rng() < 0.7 ? pick(rng, common) : pick(rng, mid.length ? mid : common));
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const r = i % 20; // fixed mix: 7 term, 4 two-term, 3 phrase, 3 prefix, 3 field
    if (r < 7) {
      const w = word();
      out.push({ kind: 'term', text: w, terms: [w] });
    } else if (r < 11) {
      const a = word();
      const b = word();
      out.push({ kind: 'two-term', text: `${a} ${b}`, terms: [a, b] });
    } else if (r < 14) {
      // Three consecutive content words from a paper's abstract: how people paste a half-remembered phrase.
      const ws = pick(rng, papers).abstract.toLowerCase().split(/[^a-z]+/).filter(plain);
      const at = Math.floor(rng() * Math.max(1, ws.length - 3));
      const t = ws.slice(at, at + 3);
      out.push({ kind: 'phrase', text: t.join(' '), terms: t });
    } else if (r < 17) {
      const w = pick(rng, common.filter((x) => x.length >= 6));
      const stem = w.slice(0, 4 + Math.floor(rng() * 2));
      out.push({ kind: 'prefix', text: `${stem}*`, terms: [stem], prefix: true });
    } else {
      const ws = pick(rng, papers).title.toLowerCase().split(/[^a-z]+/).filter(plain);
      const w = ws.length ? pick(rng, ws) : word();
      out.push({ kind: 'field', text: `title:${w}`, terms: [w], field: 'title' });
    }
  }
  return out;
}
