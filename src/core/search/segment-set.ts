// The documents' home: sealed segments (immutable, with tombstones) plus one small open "delta"
// segment that takes every change. An edit re-analyses one document and rebuilds only the delta (a few
// dozen documents at most), so it is searchable in milliseconds; compaction later folds small and
// tombstone-heavy segments into full-sized ones.
import type { AnalysedDoc } from './analyze';
import { docKey, type DocRecord } from './records';
import { Segment, SegmentBuilder } from './segment';

export interface SegmentPolicy {
  /** Documents per full segment (cold builds and merges). */
  segmentSize: number;
  /** The open delta segment is sealed once it holds this many documents. */
  deltaMax: number;
  /** A segment is rebuilt once this share of its documents is dead. */
  maxDeadRatio: number;
  /** More than this many small (< segmentSize / 4) segments are merged together. */
  maxSmallSegments: number;
}

export const DEFAULT_POLICY: SegmentPolicy = { segmentSize: 1000, deltaMax: 64, maxDeadRatio: 0.3, maxSmallSegments: 4 };

/** Turns records into analysed documents; an injection point for building off the main thread later. */
export type Analyser = (records: DocRecord[]) => AnalysedDoc[];

export class SegmentSet {
  sealed: Segment[] = [];
  private where = new Map<string, { seg: Segment; ord: number }>();
  private deltaRecords: DocRecord[] = [];
  private deltaAnalysed: AnalysedDoc[] = [];
  private deltaPos = new Map<string, number>();
  private deltaSeg?: Segment;

  constructor(
    private readonly analyse: Analyser,
    readonly policy: SegmentPolicy = DEFAULT_POLICY,
  ) {}

  /** Registers a loaded segment; its live documents replace any earlier copies. */
  addSealed(seg: Segment): void {
    this.sealed.push(seg);
    seg.docs.forEach((r, ord) => {
      if (seg.dead[ord]) return;
      const key = docKey(r);
      // A copy in the delta arrived while this segment was being built (putMany yields): it is newer.
      if (this.deltaPos.has(key)) return seg.kill(ord);
      const old = this.where.get(key);
      if (old) old.seg.kill(old.ord);
      this.where.set(key, { seg, ord });
    });
  }

  get deltaSize(): number {
    return this.deltaRecords.length;
  }

  /** Adds or replaces documents. Small batches go to the delta; large ones become full segments directly. */
  put(records: DocRecord[]): void {
    if (records.length === 0) return;
    if (records.length + this.deltaRecords.length <= this.policy.deltaMax) {
      const analysed = this.analyse(records);
      records.forEach((r, i) => {
        const key = docKey(r);
        const pos = this.deltaPos.get(key);
        if (pos !== undefined) {
          this.deltaRecords[pos] = r;
          this.deltaAnalysed[pos] = analysed[i];
        } else {
          this.killSealed(key);
          this.deltaPos.set(key, this.deltaRecords.length);
          this.deltaRecords.push(r);
          this.deltaAnalysed.push(analysed[i]);
        }
      });
      this.deltaSeg = undefined;
      if (this.deltaRecords.length >= this.policy.deltaMax) this.seal();
      return;
    }
    for (const r of records) this.drop(docKey(r));
    for (let i = 0; i < records.length; i += this.policy.segmentSize) {
      const chunk = records.slice(i, i + this.policy.segmentSize);
      this.addSealed(Segment.build(chunk, this.analyse(chunk)));
    }
  }

  /**
   * Like `put`, for large batches (cold builds, many changed files): analyses in time slices and awaits
   * `pause` between them, so the host's event loop keeps running. Until a chunk is done, queries still
   * see the documents' previous versions.
   */
  async putMany(records: DocRecord[], pause: () => Promise<void>, sliceMs = 10): Promise<void> {
    if (records.length + this.deltaRecords.length <= this.policy.deltaMax) return this.put(records);
    for (const r of records) this.dropFromDelta(docKey(r));
    for (let i = 0; i < records.length; i += this.policy.segmentSize) {
      const chunk = records.slice(i, i + this.policy.segmentSize);
      this.addSealed(await this.buildSliced(chunk, pause, sliceMs));
      await pause();
    }
  }

  drop(key: string): void {
    this.killSealed(key);
    this.dropFromDelta(key);
  }

  private dropFromDelta(key: string): void {
    const pos = this.deltaPos.get(key);
    if (pos === undefined) return;
    this.deltaRecords.splice(pos, 1);
    this.deltaAnalysed.splice(pos, 1);
    this.deltaPos.clear();
    this.deltaRecords.forEach((r, i) => this.deltaPos.set(docKey(r), i));
    this.deltaSeg = undefined;
  }

  private killSealed(key: string): void {
    const at = this.where.get(key);
    if (!at) return;
    at.seg.kill(at.ord);
    this.where.delete(key);
  }

  /** Every segment a query must see, the delta rebuilt if it changed since the last query. */
  segments(): Segment[] {
    if (this.deltaRecords.length === 0) return this.sealed;
    if (!this.deltaSeg) this.deltaSeg = Segment.build(this.deltaRecords, this.deltaAnalysed);
    return [...this.sealed, this.deltaSeg];
  }

  /** Turns the delta into a sealed segment (before saving, or when it is full). */
  seal(): void {
    if (this.deltaRecords.length === 0) return;
    const seg = this.deltaSeg ?? Segment.build(this.deltaRecords, this.deltaAnalysed);
    this.deltaRecords = [];
    this.deltaAnalysed = [];
    this.deltaPos.clear();
    this.deltaSeg = undefined;
    this.addSealed(seg); // after clearing deltaPos, so the sealed copies stay live
  }

  /**
   * Merges small segments and rebuilds tombstone-heavy ones; drops empty ones. Re-analysis runs in time
   * slices (see `putMany`). Returns the number of documents re-analysed (0 when nothing needed doing).
   */
  async compact(pause: () => Promise<void>): Promise<number> {
    const { segmentSize, maxDeadRatio, maxSmallSegments } = this.policy;
    this.sealed = this.sealed.filter((s) => s.liveCount > 0);
    const heavy = this.sealed.filter((s) => s.deadCount / s.size > maxDeadRatio);
    const small = this.sealed.filter((s) => s.liveCount < segmentSize / 4 && !heavy.includes(s));
    const victims = small.length > maxSmallSegments ? [...heavy, ...small] : heavy;
    if (victims.length === 0) return 0;
    const records: DocRecord[] = [];
    for (const seg of victims) seg.docs.forEach((r, ord) => !seg.dead[ord] && records.push(r));
    // Build the replacements first; queries keep using the old segments meanwhile. A document changed
    // during the build lands in the delta, which wins over the rebuilt copy (see addSealed).
    const built: Segment[] = [];
    for (let i = 0; i < records.length; i += segmentSize) {
      const chunk = records.slice(i, i + segmentSize);
      built.push(await this.buildSliced(chunk, pause));
      await pause();
    }
    const stillLive = new Set<string>();
    for (const seg of victims) seg.docs.forEach((r, ord) => !seg.dead[ord] && stillLive.add(docKey(r)));
    this.sealed = this.sealed.filter((s) => !victims.includes(s));
    for (const r of records) if (stillLive.has(docKey(r))) this.where.delete(docKey(r));
    for (const seg of built) {
      // Documents removed or replaced while we were building must not come back.
      seg.docs.forEach((r, ord) => !stillLive.has(docKey(r)) && seg.kill(ord));
      this.addSealed(seg);
    }
    return records.length;
  }

  /**
   * Analyses and assembles one segment in time slices, awaiting `pause` between them (and before the final
   * sort and pack, so the last slice and the packing never share one task).
   */
  private async buildSliced(records: DocRecord[], pause: () => Promise<void>, sliceMs = 10): Promise<Segment> {
    const builder = new SegmentBuilder();
    let started = Date.now();
    for (let j = 0; j < records.length; j += 5) {
      for (const a of this.analyse(records.slice(j, j + 5))) builder.add(a);
      if (Date.now() - started >= sliceMs) {
        await pause();
        started = Date.now();
      }
    }
    await pause();
    return builder.finish(records);
  }
}
