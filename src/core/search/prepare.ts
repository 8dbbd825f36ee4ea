// The per-file work of a build — scanning the Markdown and analysing the note's own words — as a pure
// function of (path, text). That is the part worth moving off the main thread: a host may inject a
// `NotePreparer` that runs `prepareNote` in worker threads. The cited-paper field is added afterwards on
// the main thread, where the papers are (see NoteIndex), so workers never need the catalog.
import type { ScannedNote } from '../notes/index';
import { analyse, type AnalysedDoc, type TermCounts } from './analyze';
import { docKey, fieldsOf, noteRecord, type NoteRecord } from './records';

export interface PreparedNote {
  record: NoteRecord;
  /** The note's analysis with an empty `cited` field. */
  own: AnalysedDoc;
}

export type NotePreparer = (files: Array<{ path: string; text: string }>) => Promise<PreparedNote[]>;

export function prepareNote(path: string, text: string, scan: (markdown: string) => ScannedNote): PreparedNote {
  const record = noteRecord(path, scan(text));
  return { record, own: analyse(docKey(record), fieldsOf(record)) };
}

/**
 * Yields to the event loop: a macrotask, so timers and I/O callbacks of the host get their turn.
 * setImmediate where there is one (Node), as setTimeout(0) costs a millisecond per yield.
 */
export const yieldToHost: () => Promise<void> = typeof setImmediate === 'function'
  ? () => new Promise<void>((resolve) => setImmediate(resolve))
  : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const CITED = 5; // FIELDS.indexOf('cited')

/** Adds the cited papers' counts to a note analysed without them (a fresh copy of the cited field). */
export function withCited(own: AnalysedDoc, cited: TermCounts[]): AnalysedDoc {
  const m = new Map<string, number>();
  let length = 0;
  for (const part of cited) {
    length += part.length;
    for (const [t, tf] of part.terms) m.set(t, (m.get(t) ?? 0) + tf);
  }
  const terms = [...own.terms];
  terms[CITED] = m;
  const lengths = [...own.lengths];
  lengths[CITED] = length;
  return { key: own.key, terms, lengths };
}

/**
 * Batches of changed notes on their way into the index, in the order they were submitted. With a
 * preparer, a batch starts the moment it is submitted (workers scan while the main thread goes on reading
 * files); inline, it is scanned when its turn comes, in short slices. The preparer's analyses wait here
 * until their note is put into a segment.
 */
export class PreparationQueue {
  private readonly jobs: Array<() => Promise<NoteRecord[]>> = [];
  private readonly analysed = new Map<string, AnalysedDoc>();

  constructor(
    private readonly scan: (markdown: string) => ScannedNote,
    private readonly preparer: NotePreparer | undefined,
    private readonly pause: () => Promise<void>,
  ) {}

  submit(files: Array<{ path: string; text: string }>): void {
    if (files.length === 0) return;
    const { preparer } = this;
    if (!preparer) {
      this.jobs.push(() => this.scanInThread(files));
      return;
    }
    const started = preparer(files);
    started.catch(() => undefined); // awaited (and reported) in results(); not an unhandled rejection meanwhile
    this.jobs.push(async () =>
      (await started).map(({ record, own }) => {
        this.analysed.set(own.key, own);
        return record;
      }),
    );
  }

  /** Prepared records, batch by batch, in submission order. */
  async *results(): AsyncGenerator<NoteRecord[]> {
    for (let job = this.jobs.shift(); job; job = this.jobs.shift()) yield await job();
  }

  /** The preparer's analysis of a note (own words only), once. */
  take(key: string): AnalysedDoc | undefined {
    const own = this.analysed.get(key);
    if (own) this.analysed.delete(key);
    return own;
  }

  clear(): void {
    this.jobs.length = 0;
    this.analysed.clear();
  }

  private async scanInThread(files: Array<{ path: string; text: string }>): Promise<NoteRecord[]> {
    const out: NoteRecord[] = [];
    let started = Date.now();
    for (const t of files) {
      out.push(noteRecord(t.path, this.scan(t.text)));
      if (Date.now() - started >= 25) {
        await this.pause(); // scanning 10k notes takes seconds: let the host breathe
        started = Date.now();
      }
    }
    return out;
  }
}
