// What the notes index cites, once the workspace's bibliographies count: the cached papers, each arXiv paper an
// entry names that the cache lacks (as the entry describes it), and every other entry under an id of its own,
// `@KEY` (no arXiv id starts with `@`). The index resolves keys through one id → key map, so an entry that names a
// paper another entry already gives its key to (a Zotero entry beside the generated block) gets an `@KEY` id too,
// and `linkTargets` folds it back into the paper: both keys mean that paper.
import type { KeyMap } from '../cite/keys';
import type { Paper } from '../papers/model';
import type { LibraryEntry } from './entry';

export interface Citables {
  /** For the index: papers, then one per entry that is no paper of the list. */
  papers: Paper[];
  /** For the index: every paper's key (as workspaceKeys gives them) and every `@KEY` id's key. */
  keys: KeyMap;
}

/** What one index id names: an arXiv paper, or a bibliography entry that names none. */
export type Target = { arxivId: string } | { key: string };

export const ENTRY_ID_PREFIX = '@';

function entryPaper(id: string, e: LibraryEntry): Paper {
  return {
    id,
    title: e.title || e.key,
    abstract: e.abstract,
    authors: e.authors,
    aiKeywords: e.keywords,
    upvotes: 0,
    numComments: 0,
    ...(e.year ? { publishedAt: `${e.year}-01-01T00:00:00Z` } : {}),
  };
}

/** `keys`: from workspaceKeys over the same papers and entries. */
export function citables(papers: readonly Paper[], keys: KeyMap, entries: readonly LibraryEntry[]): Citables {
  const out: Paper[] = [...papers];
  const outKeys: KeyMap = {};
  const have = new Set<string>();
  for (const p of papers) {
    have.add(p.id);
    if (keys[p.id]) outKeys[p.id] = keys[p.id];
  }
  for (const e of entries) {
    if (e.arxivId && keys[e.arxivId] === e.key) {
      outKeys[e.arxivId] = e.key;
      if (!have.has(e.arxivId)) {
        have.add(e.arxivId);
        out.push(entryPaper(e.arxivId, e));
      }
      continue;
    }
    const id = `${ENTRY_ID_PREFIX}${e.key}`;
    if (have.has(id)) continue;
    have.add(id);
    out.push(entryPaper(id, e));
    outKeys[id] = e.key;
  }
  return { papers: out, keys: outKeys };
}

/** Which paper or entry an index id stands for, given the same entries. */
export function targetResolver(entries: readonly LibraryEntry[]): (id: string) => Target {
  const byKey = new Map<string, LibraryEntry>();
  for (const e of entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  return (id) => {
    if (!id.startsWith(ENTRY_ID_PREFIX)) return { arxivId: id };
    const key = id.slice(ENTRY_ID_PREFIX.length);
    const arxivId = byKey.get(key)?.arxivId;
    return arxivId ? { arxivId } : { key };
  };
}

export interface LibraryLinks {
  /** arXiv id → notes citing that paper, by any of its keys or links. */
  papers: Record<string, string[]>;
  /** Entry key → notes citing it, for entries that name no arXiv paper. */
  entries: Record<string, string[]>;
  /** Note → the arXiv ids and entry keys it cites. */
  notes: Record<string, string[]>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortedRecord(m: Map<string, Set<string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of [...m.keys()].sort(byText)) out[k] = [...m.get(k)!].sort(byText);
  return out;
}

/** The index's link graph (`papers`: id → notes) told apart into papers and entries. */
export function linkTargets(graph: { papers: Record<string, string[]> }, target: (id: string) => Target): LibraryLinks {
  const papers = new Map<string, Set<string>>();
  const entries = new Map<string, Set<string>>();
  const notes = new Map<string, Set<string>>();
  for (const [id, paths] of Object.entries(graph.papers)) {
    const t = target(id);
    const [map, name] = 'arxivId' in t ? [papers, t.arxivId] : [entries, t.key];
    let set = map.get(name);
    if (!set) map.set(name, (set = new Set()));
    for (const path of paths) {
      set.add(path);
      let cites = notes.get(path);
      if (!cites) notes.set(path, (cites = new Set()));
      cites.add(name);
    }
  }
  return { papers: sortedRecord(papers), entries: sortedRecord(entries), notes: sortedRecord(notes) };
}
