// A segment: an immutable inverted index over a few documents, plus a mutable set of tombstones.
// It stores raw term frequencies and field lengths, not finished BM25 weights: idf and average field
// lengths are taken from all live segments at query time, so scores stay comparable across segments
// and equal to those of a single index over the same documents.
// Postings live in two flat typed arrays (no object per posting), one uint32 per posting, which keeps the
// heap small and lets a saved segment load as binary views instead of parsing numbers out of JSON.
import lunr from 'lunr';
import { FIELDS, type AnalysedDoc } from './analyze';
import type { DocRecord } from './records';
import { checkNotNewer } from '../file-format';

const F = FIELDS.length;
/** The file starts with "PNS" and the format digit (as a little-endian uint32); a newer digit is a newer Paper Notes. */
export const SEGMENT_FORMAT = 2;
const MAGIC = 0x50_4e_53_30 + SEGMENT_FORMAT; // "PNS2"
/** A posting packs document ordinal (high 16 bits), field (3 bits) and term frequency (13 bits, capped). */
export const MAX_SEGMENT_DOCS = 0xffff;
const MAX_TF = 0x1fff;
export const postingOrd = (e: number) => e >>> 16;
export const postingField = (e: number) => (e >>> 13) & 7;
export const postingTf = (e: number) => e & MAX_TF;

export class Segment {
  /** Field lengths in terms, `ord * F + field`. */
  readonly lengths: Uint32Array;
  readonly dead: Uint8Array;
  deadCount = 0;
  /** Sum of live documents' field lengths, per field. */
  readonly liveLengthSums: number[];
  private tokenSetCache?: lunr.TokenSet;

  /**
   * `terms[i]`'s postings are `data[offsets[i] .. offsets[i + 1])`, packed as described above.
   */
  private constructor(
    readonly docs: DocRecord[],
    lengths: Uint32Array,
    private readonly terms: Map<string, number>,
    private readonly offsets: Uint32Array,
    private readonly data: Uint32Array,
  ) {
    this.lengths = lengths;
    this.dead = new Uint8Array(docs.length);
    this.liveLengthSums = new Array<number>(F).fill(0);
    for (let i = 0; i < lengths.length; i++) this.liveLengthSums[i % F] += lengths[i];
  }

  /** `records[i]` must be the record that `analysed[i]` was made from. */
  static build(records: DocRecord[], analysed: AnalysedDoc[]): Segment {
    const builder = new SegmentBuilder();
    for (const doc of analysed) builder.add(doc);
    return builder.finish(records);
  }

  /** @internal for SegmentBuilder */
  static fromParts(records: DocRecord[], lengths: Uint32Array, terms: Map<string, number>, offsets: Uint32Array, data: Uint32Array): Segment {
    return new Segment(records, lengths, terms, offsets, data);
  }

  /** Terms in sorted order (the Map's insertion order for segments we built). */
  private sortedTerms?: string[];

  /** Every term starting with `prefix`, by binary search over the sorted terms. */
  withPrefix(prefix: string): string[] {
    const sorted = (this.sortedTerms ??= [...this.terms.keys()]);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
    return out;
  }

  /** The packed postings of a term, or undefined when no document here has it. */
  posting(term: string): Uint32Array | undefined {
    const i = this.terms.get(term);
    return i === undefined ? undefined : this.data.subarray(this.offsets[i], this.offsets[i + 1]);
  }

  /**
   * Binary file: magic, header length, JSON header (records and terms), then lengths, offsets and postings
   * as little-endian 32-bit arrays, each 4-byte aligned.
   */
  encode(): Uint8Array {
    const header = new TextEncoder().encode(JSON.stringify({ docs: this.docs, terms: [...this.terms.keys()] }));
    const headerPadded = (header.length + 3) & ~3;
    const size = 8 + headerPadded + 4 * (this.lengths.length + this.offsets.length + this.data.length);
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, header.length, true);
    out.set(header, 8);
    let at = 8 + headerPadded;
    for (const arr of [this.lengths, this.offsets, this.data]) {
      out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at);
      at += arr.byteLength;
    }
    return out;
  }

  /** `path` names the file in a NewerFormatError. */
  static decode(bytes: Uint8Array, path = 'segment'): Segment {
    if (bytes.length < 8) throw new Error('segment: truncated');
    // Copy into an aligned buffer we own so typed-array views are legal and little-endian is assumed
    // (every platform VS Code runs on is little-endian).
    const buf = new Uint8Array(bytes.length);
    buf.set(bytes);
    const view = new DataView(buf.buffer);
    const magic = view.getUint32(0, true);
    if (magic >>> 8 === MAGIC >>> 8) checkNotNewer(path, (magic & 0xff) - 0x30, SEGMENT_FORMAT);
    if (magic !== MAGIC) throw new Error('segment: not a segment file');
    const headerLen = view.getUint32(4, true);
    if (8 + headerLen > buf.length) throw new Error('segment: truncated header');
    const header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + headerLen))) as { docs: DocRecord[]; terms: string[] };
    if (!Array.isArray(header.docs) || !Array.isArray(header.terms)) throw new Error('segment: bad header');
    let at = 8 + ((headerLen + 3) & ~3);
    const take = (n: number) => {
      if (at + 4 * n > buf.length) throw new Error('segment: truncated body');
      const a = new Uint32Array(buf.buffer, at, n);
      at += 4 * n;
      return a;
    };
    const lengths = take(header.docs.length * F);
    const offsets = take(header.terms.length + 1);
    const dataLen = offsets[header.terms.length];
    const data = take(dataLen);
    if (at !== buf.length) throw new Error('segment: size mismatch');
    const terms = new Map<string, number>();
    header.terms.forEach((t, i) => terms.set(t, i));
    const seg = new Segment(header.docs, lengths, terms, offsets, data);
    let sorted = true;
    for (let i = 1; i < header.terms.length && sorted; i++) sorted = header.terms[i - 1] < header.terms[i];
    if (sorted) seg.sortedTerms = header.terms;
    return seg;
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
    this.tokenSetCache ??= TokenSet.fromArray([...this.terms.keys()].sort());
    return this.tokenSetCache.intersect(TokenSet.fromClause(clause)).toArray();
  }
}

/**
 * Collects analysed documents one at a time, so a caller can yield to the event loop between documents
 * while a 1000-document segment is assembled; `finish` then sorts the terms and packs the postings.
 */
export class SegmentBuilder {
  private readonly lists = new Map<string, number[]>();
  private lengths: number[] = [];
  private ord = 0;

  add(doc: AnalysedDoc): void {
    const ord = this.ord++;
    if (ord >= MAX_SEGMENT_DOCS) throw new Error(`segment: more than ${MAX_SEGMENT_DOCS} documents`);
    for (let f = 0; f < F; f++) {
      this.lengths.push(doc.lengths[f]);
      for (const [term, tf] of doc.terms[f]) {
        let list = this.lists.get(term);
        if (!list) this.lists.set(term, (list = []));
        list.push(((ord << 16) | (f << 13) | Math.min(tf, MAX_TF)) >>> 0);
      }
    }
  }

  get size(): number {
    return this.ord;
  }

  /** `records[i]` must be the record the i-th added document was made from. */
  finish(records: DocRecord[]): Segment {
    if (records.length !== this.ord) throw new Error('segment: records and analysed documents differ in number');
    const { lists } = this;
    const terms = new Map<string, number>();
    const offsets = new Uint32Array(lists.size + 1);
    let total = 0;
    for (const list of lists.values()) total += list.length;
    const data = new Uint32Array(total);
    let i = 0;
    let at = 0;
    // Terms in sorted order: prefix queries then binary-search the saved term list.
    for (const term of [...lists.keys()].sort()) {
      const list = lists.get(term)!;
      terms.set(term, i);
      offsets[i++] = at;
      data.set(list, at);
      at += list.length;
    }
    offsets[i] = at;
    return Segment.fromParts(records, Uint32Array.from(this.lengths), terms, offsets, data);
  }
}
