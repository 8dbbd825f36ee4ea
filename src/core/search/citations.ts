// What the index knows about papers as citation targets: the paper records, the key map that resolves
// pandoc/footnote keys to ids, and each paper's term counts for its citers' `cited` field.
import type { KeyMap } from '../cite/keys';
import type { Paper } from '../papers/model';
import { countTerms, FIELDS, type AnalysedDoc, type TermCounts } from './analyze';

import { citedIds, citedText, paperRecord, type NoteRecord, type PaperRecord } from './records';

/** The paper fields that make up its cited text (see citedText and fieldsOf). */
const CITED_FROM = [FIELDS.indexOf('title'), FIELDS.indexOf('tags'), FIELDS.indexOf('body')];

export interface PaperChanges {
  /** New or changed paper records, to (re)index. */
  puts: PaperRecord[];
  /** Ids whose paper changed, appeared or disappeared. */
  changedIds: Set<string>;
  incoming: Map<string, PaperRecord>;
}

export class Citations {
  readonly papers = new Map<string, PaperRecord>();
  keyMap: KeyMap = {};
  /** Further key → id pairs: bibliography entries (an entry naming an arXiv paper resolves to that paper). */
  aliases: Record<string, string> = {};
  keyToId = new Map<string, string>();
  /** Keyed by the record object, so a changed paper (a new record) never reuses stale counts. */
  private readonly counts = new WeakMap<PaperRecord, TermCounts>();

  /** The catalog's keys win over an alias with the same key: a key the cache assigned keeps its paper. */
  setKeys(keys: KeyMap, aliases: Record<string, string> = {}): void {
    this.keyMap = { ...keys };
    this.aliases = { ...aliases };
    this.keyToId = new Map(Object.entries(keys).map(([id, key]) => [key, id]));
    for (const [key, id] of Object.entries(aliases)) if (!this.keyToId.has(key)) this.keyToId.set(key, id);
  }

  idsOf(note: NoteRecord, keyToId = this.keyToId): string[] {
    return citedIds(note, keyToId);
  }

  citedPapers(note: NoteRecord): PaperRecord[] {
    return this.idsOf(note).flatMap((id) => this.papers.get(id) ?? []);
  }

  /** Term counts of the papers a note cites; each paper is tokenised once, however many notes cite it. */
  citedCounts(note: NoteRecord): TermCounts[] {
    return this.citedPapers(note).map((p) => {
      let c = this.counts.get(p);
      if (!c) this.counts.set(p, (c = countTerms(citedText(p))));
      return c;
    });
  }

  /**
   * Takes a paper's counts from its own analysis (title, keywords and abstract are exactly its cited
   * text), so a cold build tokenises each paper once rather than twice.
   */
  rememberCounts(p: PaperRecord, doc: AnalysedDoc): void {
    if (this.counts.has(p)) return;
    const terms = new Map<string, number>();
    let length = 0;
    for (const f of CITED_FROM) {
      length += doc.lengths[f];
      for (const [t, tf] of doc.terms[f]) terms.set(t, (terms.get(t) ?? 0) + tf);
    }
    this.counts.set(p, { terms, length });
  }

  /** Compares a new paper list with the known one; hashing runs in slices with `pause` between. */
  async diff(papers: Paper[], pause: () => Promise<void>): Promise<PaperChanges> {
    const incoming = new Map<string, PaperRecord>();
    for (let i = 0; i < papers.length; i += 500) {
      for (const p of papers.slice(i, i + 500)) incoming.set(p.id, paperRecord(p));
      await pause();
    }
    const changedIds = new Set<string>();
    const puts: PaperRecord[] = [];
    for (const [id, rec] of incoming) {
      if (this.papers.get(id)?.hash === rec.hash) continue;
      changedIds.add(id);
      puts.push(rec);
    }
    for (const id of this.papers.keys()) if (!incoming.has(id)) changedIds.add(id);
    return { puts, changedIds, incoming };
  }

  /** Takes the changes in; returns the ids of papers that are gone. */
  apply({ changedIds, incoming }: PaperChanges): string[] {
    const removed: string[] = [];
    for (const id of changedIds) {
      const rec = incoming.get(id);
      if (rec) this.papers.set(id, rec);
      else if (this.papers.delete(id)) removed.push(id);
    }
    return removed;
  }
}
