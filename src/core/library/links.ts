// The notes index's link graph told apart for `links --json`: a citation of an entry naming an arXiv paper is a
// citation of that paper (index-targets.ts resolves its key to the arXiv id), any other entry is `bib:KEY` there
// and is listed under its key.
import { ENTRY_ID_PREFIX } from './index-targets';

export interface LibraryLinks {
  /** arXiv id → notes citing that paper, by any of its keys or links. */
  papers: Record<string, string[]>;
  /** Entry key → notes citing it, for entries that name no arXiv paper. */
  entries: Record<string, string[]>;
  /** Note → the arXiv ids and entry keys it cites. */
  notes: Record<string, string[]>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const name = (id: string) => (id.startsWith(ENTRY_ID_PREFIX) ? id.slice(ENTRY_ID_PREFIX.length) : id);

export function splitLinks(graph: { papers: Record<string, string[]>; notes: Record<string, string[]> }): LibraryLinks {
  const papers: Record<string, string[]> = {};
  const entries = Object.create(null) as Record<string, string[]>; // keys are user text (`__proto__`…)
  for (const id of Object.keys(graph.papers).sort(byText)) {
    (id.startsWith(ENTRY_ID_PREFIX) ? entries : papers)[name(id)] = [...graph.papers[id]];
  }
  const notes: Record<string, string[]> = {};
  for (const path of Object.keys(graph.notes).sort(byText)) notes[path] = [...new Set(graph.notes[path].map(name))].sort(byText);
  return { papers, entries, notes };
}
