// Which citation key a paper has in one workspace. Keys are what notes contain, so they are the user's data: the
// workspace's bibliographies (the user's own .bib and CSL-JSON files, and the block Sync Bibliography writes, which
// parses like any other entry) are their record, and the cache's keys.json only a memory of keys handed out before.
//   (a) An entry that names the paper's arXiv id gives its key, always (the first such entry, in source order).
//   (b) Else the cached key, unless a bibliography entry now has that key: the entry means another work there.
//   (c) Else a new key from the paper's metadata (keys.ts), suffixed past every key the bibliographies take, every
//       key (a) and (b) gave, and every key the cache ever handed out (a note may hold it, meaning that other paper:
//       better an unknown key there than a wrong one). Papers are taken in id order, so input order does not matter.
// A deleted or corrupt keys.json, or a second cache (the CLI's and the extension's) that handed out suffixes in a
// different order, can therefore never change what a key already in a bibliography means.
import { assignKeys, type KeyMap } from '../cite/keys';
import type { Paper } from '../papers/model';
import type { LibraryEntry } from './entry';

/** Characters a key we print may hold: none that ends a pandoc citation or breaks a BibTeX entry. */
const USABLE_KEY = /^[^\s{}(),~#%\\"'=@[\]]+$/;

const byId = (a: Paper, b: Paper) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The key of every paper in `papers`, and of every arXiv paper an entry names (cached or not), from the entries of
 * the workspace's bibliographies (merged, first source first) and the cached key map (which may be empty or hold
 * anything a damaged file held). Every key in the result is unique, and none is the key of an entry naming
 * something else.
 */
export function workspaceKeys(papers: readonly Paper[], cached: Readonly<Record<string, unknown>>, entries: readonly LibraryEntry[]): KeyMap {
  const out: KeyMap = {};
  const entryKeys = new Set<string>();
  for (const e of entries) {
    entryKeys.add(e.key);
    if (e.arxivId && !(e.arxivId in out)) out[e.arxivId] = e.key; // (a)
  }
  const unique = new Map<string, Paper>();
  for (const p of papers) if (p && typeof p.id === 'string' && !unique.has(p.id)) unique.set(p.id, p);
  const rest = [...unique.values()].filter((p) => !(p.id in out)).sort(byId);
  const given = new Set(Object.values(out));
  const fresh: Paper[] = [];
  for (const p of rest) {
    const key = Object.prototype.hasOwnProperty.call(cached, p.id) ? cached[p.id] : undefined;
    // (b): two papers claiming one key can only come from a damaged keys.json; the lower id keeps it.
    if (typeof key === 'string' && USABLE_KEY.test(key) && !entryKeys.has(key) && !given.has(key)) {
      out[p.id] = key;
      given.add(key);
    } else fresh.push(p);
  }
  const handedOut = Object.values(cached).filter((k): k is string => typeof k === 'string');
  return assignKeys(out, fresh, [...entryKeys, ...handedOut]); // (c)
}
