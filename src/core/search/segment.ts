// A segment: an immutable inverted index over a few documents, plus a mutable set of tombstones.
// It stores raw term frequencies and field lengths, not finished BM25 weights: idf and average field
// lengths are taken from all live segments at query time, so scores stay comparable across segments
// and equal to those of a single index over the same documents.
import lunr from 'lunr';
import { FIELDS, type AnalysedDoc } from './analyze';
import type { DocRecord } from './records';

const F = FIELDS.length;

/** What a segment file holds. Postings are flat triples: field index, document ordinal, term frequency. */
export interface SegmentData {
  docs: DocRecord[];
  lengths: number[];
  postings: Record<string, number[]>;
}

export class Segment {
  /** Field lengths in terms, `ord * F + field`. */
  readonly lengths: Uint32Array;
  readonly dead: Uint8Array;
  deadCount = 0;
  /** Sum of live documents' field lengths, per field. */
  readonly liveLengthSums: number[];
  private tokenSetCache?: lunr.TokenSet;

  private constructor(
    readonly docs: DocRecord[],
    lengths: ArrayLike<number>,
    readonly postings: Map<string, Int32Array>,
  ) {
    this.lengths = Uint32Array.from(lengths);
    this.dead = new Uint8Array(docs.length);
    this.liveLengthSums = new Array<number>(F).fill(0);
    for (let i = 0; i < this.lengths.length; i++) this.liveLengthSums[i % F] += this.lengths[i];
  }

  /** `records[i]` must be the record that `analysed[i]` was made from. */
  static build(records: DocRecord[], analysed: AnalysedDoc[]): Segment {
    const lists = new Map<string, number[]>();
    const lengths: number[] = [];
    analysed.forEach((doc, ord) => {
      for (let f = 0; f < F; f++) {
        lengths.push(doc.lengths[f]);
        for (const [term, tf] of doc.terms[f]) {
          let list = lists.get(term);
          if (!list) lists.set(term, (list = []));
          list.push(f, ord, tf);
        }
      }
    });
    const postings = new Map<string, Int32Array>();
    for (const [term, list] of lists) postings.set(term, Int32Array.from(list));
    return new Segment(records, lengths, postings);
  }

  static fromData(data: SegmentData): Segment {
    if (!Array.isArray(data.docs) || !Array.isArray(data.lengths) || data.lengths.length !== data.docs.length * F) {
      throw new Error('segment: docs and lengths disagree');
    }
    const postings = new Map<string, Int32Array>();
    for (const term of Object.keys(data.postings)) {
      const list = data.postings[term];
      if (!Array.isArray(list) || list.length % 3 !== 0) throw new Error('segment: bad postings');
      postings.set(term, Int32Array.from(list));
    }
    return new Segment(data.docs, data.lengths, postings);
  }

  toData(): SegmentData {
    const postings: Record<string, number[]> = {};
    for (const [term, list] of this.postings) postings[term] = Array.from(list);
    return { docs: this.docs, lengths: Array.from(this.lengths), postings };
  }

  get size(): number {
    return this.docs.length;
  }

  get liveCount(): number {
    return this.docs.length - this.deadCount;
  }

  kill(ord: number): void {
    if (this.dead[ord]) return;
    this.dead[ord] = 1;
    this.deadCount++;
    for (let f = 0; f < F; f++) this.liveLengthSums[f] -= this.lengths[ord * F + f];
  }

  /** Index terms matching a wildcard / fuzzy clause, via lunr's token-set automaton (built on first use). */
  expand(clause: lunr.Query.Clause): string[] {
    const TokenSet = lunr.TokenSet as unknown as {
      fromArray(terms: string[]): lunr.TokenSet;
      fromClause(c: lunr.Query.Clause): lunr.TokenSet;
    };
    this.tokenSetCache ??= TokenSet.fromArray([...this.postings.keys()].sort());
    return this.tokenSetCache.intersect(TokenSet.fromClause(clause)).toArray();
  }
}
