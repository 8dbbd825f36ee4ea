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
