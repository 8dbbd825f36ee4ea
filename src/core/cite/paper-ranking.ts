// Order of papers in Insert Citation: the ones you used lately, then the ones your notes cite most, then the
// newest days, then upvotes — and a filter that matches title, authors, key and id.
import type { Paper } from '../papers/model';

export interface RankInput {
  papers: Paper[];
  /** id → number of notes citing it. */
  citeCounts?: ReadonlyMap<string, number>;
  /** Ids most recently inserted, most recent first. */
  recent?: readonly string[];
}

export function rankPapers({ papers, citeCounts, recent = [] }: RankInput): Paper[] {
  const recentRank = new Map(recent.map((id, i) => [id, i]));
  const score = (p: Paper) => ({
    r: recentRank.get(p.id) ?? Number.MAX_SAFE_INTEGER,
    c: citeCounts?.get(p.id) ?? 0,
    d: p.day ?? p.publishedAt?.slice(0, 10) ?? '',
  });
  return papers
    .map((p) => ({ p, s: score(p) }))
    .sort((a, b) =>
      a.s.r - b.s.r ||
      b.s.c - a.s.c ||
      (a.s.d < b.s.d ? 1 : a.s.d > b.s.d ? -1 : 0) ||
      b.p.upvotes - a.p.upvotes ||
      (a.p.id < b.p.id ? -1 : 1),
    )
    .map((x) => x.p);
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** True when every word of the query appears in the title, authors, key or id (accents ignored). */
export function paperMatches(p: Paper, key: string | undefined, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold([p.title, p.authors.join(' '), key ?? '', p.id].join(' '));
  return words.every((w) => hay.includes(w.replace(/^@/, '')));
}

/** A one-line, plain-text label for pickers: `Müller, O'Brien et al. · 2026 · 9999.00001`. */
export function authorLine(p: Paper, max = 2): string {
  if (p.authors.length === 0) return '';
  const names = p.authors.slice(0, max).join(', ');
  return p.authors.length > max ? `${names} et al.` : names;
}
