// Which entries Sync Bibliography writes into the generated block: one per cached paper the notes cite — by key
// (pandoc `[@key]`, a footnote `[^key]` that is a key) or by link / `arXiv:ID` — under the paper's workspace key.
// A key another bibliography source already defines is that source's entry: writing it again would give the
// key two entries. The user's entries in the target file itself are syncBibliography's to leave alone.
import type { BibEntry } from '../cite/bib-sync';
import { bibtexEntry } from '../cite/bibtex';
import type { KeyMap } from '../cite/keys';
import type { PaperRef } from '../notes/index';
import type { Paper } from '../papers/model';

export interface SyncPlan {
  /** Sorted by key, one per cited cached paper. */
  entries: BibEntry[];
  /** Keys of cited papers left to an entry of another source. */
  elsewhere: string[];
  /** Cited keys that are no paper's key and not in `knownKeys`, sorted. */
  unknown: string[];
}

/**
 * `keys`: workspace keys (workspaceKeys); `definedElsewhere`: entry keys of the other sources; `knownKeys`: every
 * entry key of every source, the target's included (for `unknown`).
 */
export function syncPlan(notes: Iterable<PaperRef[]>, papers: ReadonlyMap<string, Paper>, keys: KeyMap, definedElsewhere: ReadonlySet<string>, knownKeys: ReadonlySet<string> = definedElsewhere): SyncPlan {
  const keyToId = new Map(Object.entries(keys).map(([id, key]) => [key, id]));
  const ids = new Set<string>();
  const unknown = new Set<string>();
  for (const refs of notes) {
    for (const ref of refs) {
      const id = ref.key !== undefined ? keyToId.get(ref.key) : ref.id;
      if (id !== undefined && papers.has(id)) ids.add(id);
      // A footnote label that is no key is an ordinary footnote, not an unknown citation.
      else if (ref.kind === 'pandoc' && ref.key !== undefined && id === undefined && !knownKeys.has(ref.key)) unknown.add(ref.key);
    }
  }
  const entries: BibEntry[] = [];
  const elsewhere: string[] = [];
  for (const id of ids) {
    const key = keys[id];
    if (!key) continue;
    if (definedElsewhere.has(key)) elsewhere.push(key);
    else entries.push({ key, bibtex: bibtexEntry(papers.get(id)!, key) });
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { entries, elsewhere: elsewhere.sort(), unknown: [...unknown].sort() };
}
