// Runs a lunr query across segments with lunr's own scoring (BM25 field vectors, per-field query
// vectors, required/prohibited clauses), but with idf, document count and average field lengths taken
// from every live document of every segment. That makes hits from different segments comparable and
// the ranking equal to a single lunr index over the same documents.
import lunr from 'lunr';
import { FIELDS, FIELD_BOOSTS, queryTerm } from './analyze';
import { postingField, postingOrd, postingTf, type Segment } from './segment';

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
    if (seg.deadCount === 0) df += p.length;
    else for (let i = 0; i < p.length; i++) if (!seg.dead[postingOrd(p[i])]) df++;
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

/**
 * Keeps the `limit` best matches in a min-heap, so a common word does not sort thousands of hits.
 * Equal scores keep index order (earlier segment, earlier document first), as lunr's stable sort does.
 */
class TopK {
  private readonly heap: Array<Match & { pos: number }> = [];
  constructor(private readonly limit: number) {}
  get size(): number {
    return this.heap.length;
  }
  /** a ranks below b */
  private static worse(a: { score: number; pos: number }, b: { score: number; pos: number }): boolean {
    return a.score < b.score || (a.score === b.score && a.pos > b.pos);
  }
  offer(seg: Segment, ord: number, score: number, pos: number): void {
    const h = this.heap;
    const item = { seg, ord, score, pos };
    if (h.length < this.limit) {
      h.push(item);
      for (let i = h.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!TopK.worse(h[i], h[parent])) break;
        [h[parent], h[i]] = [h[i], h[parent]];
        i = parent;
      }
    } else if (this.limit > 0 && TopK.worse(h[0], item)) {
      h[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && TopK.worse(h[l], h[m])) m = l;
        if (r < h.length && TopK.worse(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
  }
  sorted(): Match[] {
    return [...this.heap].sort((a, b) => (TopK.worse(a, b) ? 1 : TopK.worse(b, a) ? -1 : 0)).map(({ seg, ord, score }) => ({ seg, ord, score }));
  }
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
  const dfCache = new Map<string, number>();
  let required: DocSet | undefined;
  const prohibited: DocSet = new Map();
  let impossible = false;

  for (const clause of clauses) {
    const fieldIdx = (clause.fields ?? ALL_FIELDS).map((f) => FIELDS.indexOf(f as (typeof FIELDS)[number])).filter((i) => i >= 0);
    let fieldMask = 0;
    for (const f of fieldIdx) fieldMask |= 1 << f;
    const words = clause.usePipeline ? [queryTerm(clause.term)] : [clause.term];
    const clauseMatches: DocSet = new Map();
    for (const word of words) {
      let expanded: string[];
      if (isPattern({ ...clause, term: word })) {
        const set = new Set<string>();
        // `word*` (the common case) is a binary search; other patterns use lunr's token-set automaton.
        const prefix = (clause.editDistance ?? 0) === 0 && /^[^*]+\*$/.test(word) ? word.slice(0, -1) : undefined;
        for (const seg of segments) for (const t of prefix ? seg.withPrefix(prefix) : seg.expand({ ...clause, term: word })) set.add(t);
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
        if (clause.presence === PRESENCE.REQUIRED || clause.presence === PRESENCE.PROHIBITED) {
          const target = clause.presence === PRESENCE.REQUIRED ? clauseMatches : prohibited;
          for (const seg of segments) {
            const p = seg.posting(t);
            if (!p) continue;
            for (let i = 0; i < p.length; i++) {
              const e = p[i];
              if (fieldMask & (1 << postingField(e)) && !seg.dead[postingOrd(e)]) addTo(target, seg, postingOrd(e));
            }
          }
          if (clause.presence === PRESENCE.PROHIBITED) continue;
        }
        for (const f of fieldIdx) queryVectors[f].set(t, (queryVectors[f].get(t) ?? 0) + (clause.boost ?? 1));
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

  // Per term: the query-vector weight of each field, already divided by that field's vector magnitude.
  const magnitudes = queryVectors.map((qv) => Math.sqrt([...qv.values()].reduce((s, v) => s + v * v, 0)));
  const termWeights = new Map<string, Float64Array>();
  queryVectors.forEach((qv, f) => {
    for (const [t, boost] of qv) {
      let w = termWeights.get(t);
      if (!w) termWeights.set(t, (w = new Float64Array(F)));
      w[f] = boost / magnitudes[f];
    }
  });
  const terms = new Set(termWeights.keys());
  if (impossible) return { matches: [], terms };
  const keep = (seg: Segment, ord: number) =>
    !seg.dead[ord] && (!required || has(required, seg, ord)) && !has(prohibited, seg, ord) && accept(seg, ord);

  const top = new TopK(limit);
  const negated = clauses.length > 0 && clauses.every((c) => c.presence === PRESENCE.PROHIBITED);
  if (negated) {
    segments.forEach((seg, si) => {
      for (let o = 0; o < seg.size && top.size < limit; o++) if (keep(seg, o)) top.offer(seg, o, 0, si * 65536 + o);
    });
    return { matches: top.sorted(), terms };
  }

  segments.forEach((seg, si) => {
    let scores: Float64Array | undefined;
    const touched: number[] = [];
    for (const [t, qf] of termWeights) {
      const p = seg.posting(t);
      if (!p) continue;
      const df = dfCache.get(t) ?? 0;
      const idf = Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
      scores ??= new Float64Array(seg.size).fill(-1);
      for (let i = 0; i < p.length; i++) {
        const e = p[i];
        const f = postingField(e);
        const q = qf[f];
        if (q === 0) continue;
        const ord = postingOrd(e);
        if (seg.dead[ord]) continue;
        const tf = postingTf(e);
        const len = seg.lengths[ord * F + f];
        const w = ((idf * ((K1 + 1) * tf)) / (K1 * (1 - B + (B * len) / avgLen[f]) + tf)) * BOOSTS[f];
        // lunr stores weights with three decimals; doing the same keeps ties where lunr has them.
        const weight = Math.round(w * 1000) / 1000;
        if (scores[ord] < 0) {
          scores[ord] = 0;
          touched.push(ord);
        }
        scores[ord] += q * weight;
      }
    }
    if (scores) for (const o of touched) if (keep(seg, o)) top.offer(seg, o, scores[o], si * 65536 + o);
  });
  return { matches: top.sorted(), terms };
}
