// Runs a lunr query across segments with lunr's own scoring (BM25 field vectors, per-field query
// vectors, required/prohibited clauses), but with idf, document count and average field lengths taken
// from every live document of every segment. That makes hits from different segments comparable and
// the ranking equal to a single lunr index over the same documents.
import lunr from 'lunr';
import { FIELDS, FIELD_BOOSTS, queryTerm } from './analyze';
import type { Segment } from './segment';

const F = FIELDS.length;
const K1 = 1.2;
const B = 0.75;
const BOOSTS = FIELDS.map((f) => FIELD_BOOSTS[f]);
const ALL_FIELDS = [...FIELDS] as string[];

/** lunr's clause, with the `presence` its typings leave out (1 optional, 2 required `+`, 3 prohibited `-`). */
export type Clause = lunr.Query.Clause & { presence?: number };
const PRESENCE = (lunr.Query as unknown as { presence: { OPTIONAL: number; REQUIRED: number; PROHIBITED: number } }).presence;

export interface Match {
  seg: Segment;
  ord: number;
  score: number;
}

export interface QueryResult {
  matches: Match[];
  /** Every index term the query matched, for snippets. */
  terms: Set<string>;
}

/** Lunr query syntax; a syntax error (or an unknown field) falls back to the words as plain terms. */
export function parseQuery(text: string): Clause[] {
  const query = new lunr.Query(ALL_FIELDS);
  try {
    const Parser = (lunr as unknown as { QueryParser: new (s: string, q: lunr.Query) => { parse(): void } }).QueryParser;
    new Parser(text, query).parse();
    return query.clauses;
  } catch (e) {
    if (!(e instanceof lunr.QueryParseError)) throw e;
  }
  const plain = new lunr.Query(ALL_FIELDS);
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}_]+/u)) if (w) plain.term(w, {});
  return plain.clauses;
}

function isPattern(c: Clause): boolean {
  return (c.editDistance ?? 0) > 0 || (c.term ?? '').includes('*');
}

/** Number of live (field, document) pairs holding the term: lunr's document frequency. */
function liveDf(segments: Segment[], term: string): number {
  let df = 0;
  for (const seg of segments) {
    const p = seg.posting(term);
    if (!p) continue;
    if (seg.deadCount === 0) df += p.length / 3;
    else for (let i = 1; i < p.length; i += 3) if (!seg.dead[p[i]]) df++;
  }
  return df;
}

type DocSet = Map<Segment, Set<number>>;

function addTo(set: DocSet, seg: Segment, ord: number): void {
  let s = set.get(seg);
  if (!s) set.set(seg, (s = new Set()));
  s.add(ord);
}

function has(set: DocSet, seg: Segment, ord: number): boolean {
  return set.get(seg)?.has(ord) ?? false;
}

export function runQuery(segments: Segment[], text: string, accept: (seg: Segment, ord: number) => boolean, limit: number): QueryResult {
  const clauses = parseQuery(text);
  let n = 0;
  const lengthSums = new Array<number>(F).fill(0);
  for (const seg of segments) {
    n += seg.liveCount;
    for (let f = 0; f < F; f++) lengthSums[f] += seg.liveLengthSums[f];
  }
  const avgLen = lengthSums.map((s) => (n > 0 ? s / n : 0));

  // Per field: term → summed clause boost (lunr's query vector).
  const queryVectors: Array<Map<string, number>> = FIELDS.map(() => new Map());
  const collected = new Set<string>(); // `${term}/${field}` already scored
  const scoringPairs: Array<[string, number]> = [];
  const dfCache = new Map<string, number>();
  let required: DocSet | undefined;
  const prohibited: DocSet = new Map();
  let impossible = false;

  for (const clause of clauses) {
    const fieldIdx = (clause.fields ?? ALL_FIELDS).map((f) => FIELDS.indexOf(f as (typeof FIELDS)[number])).filter((i) => i >= 0);
    const words = clause.usePipeline ? [queryTerm(clause.term)] : [clause.term];
    const clauseMatches: DocSet = new Map();
    for (const word of words) {
      let expanded: string[];
      if (isPattern({ ...clause, term: word })) {
        const set = new Set<string>();
        for (const seg of segments) for (const t of seg.expand({ ...clause, term: word })) set.add(t);
        expanded = [...set];
      } else expanded = [word];
      expanded = expanded.filter((t) => {
        let df = dfCache.get(t);
        if (df === undefined) dfCache.set(t, (df = liveDf(segments, t)));
        return df > 0;
      });
      if (expanded.length === 0 && clause.presence === PRESENCE.REQUIRED) {
        impossible = true;
        break;
      }
      for (const t of expanded) {
        for (const f of fieldIdx) {
          if (clause.presence === PRESENCE.REQUIRED || clause.presence === PRESENCE.PROHIBITED) {
            const target = clause.presence === PRESENCE.REQUIRED ? clauseMatches : prohibited;
            for (const seg of segments) {
              const p = seg.posting(t);
              if (!p) continue;
              for (let i = 0; i < p.length; i += 3) if (p[i] === f && !seg.dead[p[i + 1]]) addTo(target, seg, p[i + 1]);
            }
            if (clause.presence === PRESENCE.PROHIBITED) continue;
          }
          const qv = queryVectors[f];
          qv.set(t, (qv.get(t) ?? 0) + (clause.boost ?? 1));
          const pair = `${t}/${f}`;
          if (!collected.has(pair)) {
            collected.add(pair);
            scoringPairs.push([t, f]);
          }
        }
      }
    }
    if (clause.presence === PRESENCE.REQUIRED && !impossible) {
      if (!required) required = clauseMatches;
      else {
        const next: DocSet = new Map();
        for (const [seg, ords] of required) for (const o of ords) if (has(clauseMatches, seg, o)) addTo(next, seg, o);
        required = next;
      }
    }
  }

  const terms = new Set(scoringPairs.map(([t]) => t));
  if (impossible) return { matches: [], terms };
  const negated = clauses.length > 0 && clauses.every((c) => c.presence === PRESENCE.PROHIBITED);
  const keep = (seg: Segment, ord: number) =>
    !seg.dead[ord] && (!required || has(required, seg, ord)) && !has(prohibited, seg, ord) && accept(seg, ord);

  const matches: Match[] = [];
  if (negated) {
    for (const seg of segments) for (let o = 0; o < seg.size; o++) if (keep(seg, o)) matches.push({ seg, ord: o, score: 0 });
    return { matches: matches.slice(0, limit), terms };
  }

  const magnitudes = queryVectors.map((qv) => Math.sqrt([...qv.values()].reduce((s, v) => s + v * v, 0)));
  const scores = new Map<Segment, Float64Array>();
  const touched = new Map<Segment, number[]>();
  for (const [t, f] of scoringPairs) {
    const df = dfCache.get(t) ?? 0;
    const x = (n - df + 0.5) / (df + 0.5);
    const idf = Math.log(1 + Math.abs(x));
    const q = (queryVectors[f].get(t) ?? 0) / magnitudes[f];
    for (const seg of segments) {
      const p = seg.posting(t);
      if (!p) continue;
      let s = scores.get(seg);
      if (!s) {
        scores.set(seg, (s = new Float64Array(seg.size).fill(-1)));
        touched.set(seg, []);
      }
      for (let i = 0; i < p.length; i += 3) {
        if (p[i] !== f) continue;
        const ord = p[i + 1];
        if (seg.dead[ord]) continue;
        const tf = p[i + 2];
        const len = seg.lengths[ord * F + f];
        const w = (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + (B * len) / avgLen[f]) + tf) * BOOSTS[f];
        // lunr stores weights with three decimals; doing the same keeps ties where lunr has them.
        const weight = Math.round(w * 1000) / 1000;
        if (s[ord] < 0) {
          s[ord] = 0;
          touched.get(seg)!.push(ord);
        }
        s[ord] += q * weight;
      }
    }
  }
  for (const [seg, ords] of touched) {
    const s = scores.get(seg)!;
    for (const o of ords) if (keep(seg, o)) matches.push({ seg, ord: o, score: s[o] });
  }
  matches.sort((a, b) => b.score - a.score);
  return { matches: matches.slice(0, limit), terms };
}
