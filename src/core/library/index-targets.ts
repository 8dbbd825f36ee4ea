// What the notes index sees of the library: each entry is a citation target. An entry naming an arXiv paper is
// that paper (its key resolves to the arXiv id, so its citers are listed under the paper); any other entry is a
// target of its own, `bib:KEY`, so topic search still finds its citers through its title, abstract and keywords.
import type { KeyMap } from '../cite/keys';
import type { Paper } from '../papers/model';
import type { LibraryEntry } from './entry';

/** Ids of entries that name no arXiv paper start with this (never an arXiv id, which has no colon). */
export const ENTRY_ID_PREFIX = 'bib:';

export function entryTargetId(e: Pick<LibraryEntry, 'key' | 'arxivId'>): string {
  return e.arxivId ?? `${ENTRY_ID_PREFIX}${e.key}`;
}

/** An entry as a paper record for the index (its words, no feed data). */
export function entryPaper(e: LibraryEntry): Paper {
  return {
    id: entryTargetId(e),
    title: e.title,
    abstract: e.abstract,
    authors: e.authors,
    ...(e.year ? { publishedAt: `${e.year}-01-01T00:00:00.000Z` } : {}),
    upvotes: 0,
    numComments: 0,
    aiKeywords: e.keywords,
  };
}

export interface IndexTargets {
  /** Papers for entries whose target is not a cached paper, one per target id (the first entry wins). */
  papers: Paper[];
  /** Entry key → target id, for keys the catalog does not already own. */
  aliases: Record<string, string>;
}

/**
 * The library's contribution to the index, beside the catalog's papers and keys. A key the catalog assigned
 * keeps meaning its paper even when a bibliography reuses it for something else.
 */
export function indexTargets(entries: LibraryEntry[], cachedIds: ReadonlySet<string>, keys: KeyMap): IndexTargets {
  const catalogKeys = new Set(Object.values(keys));
  const papers = new Map<string, Paper>();
  const aliases: Record<string, string> = Object.create(null) as Record<string, string>; // keys are user text
  for (const e of entries) {
    if (catalogKeys.has(e.key)) continue;
    const id = entryTargetId(e);
    if (!Object.hasOwn(aliases, e.key)) aliases[e.key] = id;
    if (!cachedIds.has(id) && !papers.has(id)) papers.set(id, entryPaper(e));
  }
  return { papers: [...papers.values()], aliases };
}
