// The profile a workspace makes: its notes (own words, what they cite, when they were last changed), the
// documents it knows (cached papers; bibliography entries later: anything with an id, a title and an
// abstract) and the reader's feedback. Kept incrementally, so a note save costs one vectorisation.
import { vectorise, weigh, Vocabulary, type TermVector, type Weighted } from './features';
import type { Paper } from '../papers/model';

/** Anything that can be recommended or cited: a paper, a bibliography entry. */
export interface ProfileDoc {
  id: string;
  title: string;
  abstract: string;
  /** Extra topical words (a paper's keywords, an entry's keywords). */
  keywords?: string[];
}

export interface ProfileNote {
  /** The note's path, as the caller names it (relative to the notes root). */
  path: string;
  title?: string;
  text: string;
  /** Ids of the documents the note cites (keys already resolved to ids). */
  cites: string[];
  /** Last change, ms since the epoch: recent notes count more. */
  modifiedMs?: number;
}

export interface Feedback {
  interested: string[];
  notInterested: string[];
}

interface Entry<T> {
  value: T;
  vec: TermVector;
  cache?: { w: Weighted; docs: number; filter: string };
}

/**
 * Features too rare or too common to tell anything (arxiv-sanity-lite's min_df / max_df): a feature counts
 * when at least `minDf` documents and at most the fraction `maxDf` of them have it.
 */
export interface FeatureFilter {
  minDf: number;
  maxDf: number;
}
export const NO_FILTER: FeatureFilter = { minDf: 1, maxDf: 1 };

const FEEDBACK_NONE: Feedback = { interested: [], notInterested: [] };

export class Profile {
  readonly vocab = new Vocabulary();
  readonly notes = new Map<string, Entry<ProfileNote>>();
  readonly docs = new Map<string, Entry<ProfileDoc>>();
  /** Document ids in the order they were first seen: the most recent serve as background negatives. */
  private readonly docOrder: string[] = [];
  feedback: Feedback = FEEDBACK_NONE;
  /** Bumped on every change, so callers can cache what they derive. */
  version = 0;

  setNote(note: ProfileNote): void {
    const old = this.notes.get(note.path);
    const text = `${note.title ?? ''}\n${note.text}`;
    if (old && old.value.title === note.title && old.value.text === note.text) {
      old.value = note; // citations or time changed: the vector did not
      this.version++;
      return;
    }
    if (old) this.vocab.count(old.vec, -1);
    const vec = vectorise(text, this.vocab);
    this.vocab.count(vec, 1);
    this.notes.set(note.path, { value: note, vec });
    this.version++;
  }

  removeNote(path: string): void {
    const old = this.notes.get(path);
    if (!old) return;
    this.vocab.count(old.vec, -1);
    this.notes.delete(path);
    this.version++;
  }

  renameNote(from: string, to: string): void {
    const e = this.notes.get(from);
    if (!e) return;
    this.notes.delete(from);
    this.notes.set(to, { ...e, value: { ...e.value, path: to } });
    this.version++;
  }

  /** Adds or updates known documents (cached papers, bibliography entries, the day's candidates). */
  setDocs(docs: Iterable<ProfileDoc>): void {
    for (const doc of docs) {
      const old = this.docs.get(doc.id);
      if (old && sameDoc(old.value, doc)) continue;
      if (old) this.vocab.count(old.vec, -1);
      else this.docOrder.push(doc.id);
      const vec = vectorise(docText(doc), this.vocab);
      this.vocab.count(vec, 1);
      this.docs.set(doc.id, { value: doc, vec });
      this.version++;
    }
  }

  setFeedback(feedback: Feedback): void {
    this.feedback = { interested: [...feedback.interested], notInterested: [...feedback.notInterested] };
    this.version++;
  }

  /** True when there is something to learn from: a note with words or a citation of a known document. */
  get hasNotes(): boolean {
    for (const { value, vec } of this.notes.values()) {
      if (vec.ids.length > 0) return true;
      if (value.cites.some((id) => this.docs.has(id))) return true;
    }
    return this.feedback.interested.some((id) => this.docs.has(id));
  }

  /** The most recently seen documents, newest first, up to `limit`, skipping `except`. */
  recentDocs(limit: number, except: Set<string>): string[] {
    const out: string[] = [];
    for (let i = this.docOrder.length - 1; i >= 0 && out.length < limit; i--) {
      const id = this.docOrder[i];
      if (!except.has(id) && this.docs.has(id)) out.push(id);
    }
    return out;
  }

  /**
   * The tf-idf vector of a note or document. idf drifts as documents come and go; a cached vector is
   * reused until the corpus has grown or shrunk by 5%, which changes no ranking visibly and keeps
   * repeated rankings cheap.
   */
  weighted(entry: Entry<unknown>, filter: FeatureFilter = NO_FILTER): Weighted {
    const docs = this.vocab.docs;
    const c = entry.cache;
    const key = filter === NO_FILTER ? '' : `${filter.minDf}/${filter.maxDf}`;
    if (c && c.filter === key && Math.abs(c.docs - docs) <= 0.05 * docs) return c.w;
    const df = this.vocab.df;
    const maxCount = filter.maxDf * docs;
    const keep = filter.minDf <= 1 && filter.maxDf >= 1 ? undefined : (id: number) => df[id] >= filter.minDf && df[id] <= maxCount;
    const w = weigh(entry.vec, this.vocab, keep);
    entry.cache = { w, docs, filter: key };
    return w;
  }
}

/** A cached paper as a profile document: the CLI and the editor must map papers alike, or a day re-vectorises. */
export function paperDoc(p: Paper): ProfileDoc {
  return { id: p.id, title: p.title, abstract: p.abstract, keywords: p.aiKeywords };
}

export function docText(doc: ProfileDoc): string {
  return `${doc.title}\n${(doc.keywords ?? []).join(' ')}\n${doc.abstract}`;
}

function sameDoc(a: ProfileDoc, b: ProfileDoc): boolean {
  return a.title === b.title && a.abstract === b.abstract && (a.keywords ?? []).join('\n') === (b.keywords ?? []).join('\n');
}
