// Sync Bibliography: keeps one generated block inside a .bib file. Everything outside the block (entries the
// user wrote, comments, @string macros) is kept byte for byte; the block holds one entry per cited paper,
// sorted by key, so re-running on the same notes writes the same file. A key the user already defines outside
// the block is left to the user's entry.

import { parseBibKeys } from './bibtex';

export const BIB_BEGIN = '% paper-notes: begin generated entries (Sync Bibliography rewrites this block; edit outside it)';
export const BIB_END = '% paper-notes: end generated entries';

export interface BibEntry {
  key: string;
  /** A complete `@article{key, …}` entry. */
  bibtex: string;
}

export interface BibSyncResult {
  text: string;
  /** Keys written into the block, in order. */
  written: string[];
  /** Keys skipped because the user defines them outside the block. */
  userDefined: string[];
  /** Keys that were in the previous block and are no longer cited. */
  dropped: string[];
  changed: boolean;
}

/** Keys of the entries in BibTeX text (not @comment/@string/@preamble), in order. */
export const bibEntryKeys: (text: string) => string[] = parseBibKeys;

interface Split {
  before: string;
  block: string;
  after: string;
  found: boolean;
}

function splitManaged(text: string): Split {
  const lines = text.split('\n');
  const b = lines.findIndex((l) => l.trimEnd().startsWith('% paper-notes: begin'));
  const e = b >= 0 ? lines.findIndex((l, i) => i > b && l.trimEnd().startsWith('% paper-notes: end')) : -1;
  if (b < 0 || e < 0) return { before: text, block: '', after: '', found: false };
  return {
    before: lines.slice(0, b).join('\n'),
    block: lines.slice(b + 1, e).join('\n'),
    after: lines.slice(e + 1).join('\n'),
    found: true,
  };
}

/** Keys of the entries outside the generated block: the user's own (all of them when there is no block). */
export function userEntryKeys(text: string | undefined): string[] {
  const { before, after } = splitManaged((text ?? '').replace(/\r\n/g, '\n'));
  return bibEntryKeys(`${before}\n${after}`);
}

export function syncBibliography(existing: string | undefined, entries: BibEntry[]): BibSyncResult {
  const old = (existing ?? '').replace(/\r\n/g, '\n');
  const { before, block, after, found } = splitManaged(old);
  const userKeys = new Set(bibEntryKeys(`${before}\n${after}`));

  const byKey = new Map<string, BibEntry>();
  for (const e of entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const userDefined = sorted.filter((e) => userKeys.has(e.key)).map((e) => e.key);
  const mine = sorted.filter((e) => !userKeys.has(e.key));
  const written = mine.map((e) => e.key);
  const nowWritten = new Set(written);
  const dropped = bibEntryKeys(block).filter((k) => !nowWritten.has(k));

  const body = mine.map((e) => e.bibtex.trim()).join('\n\n');
  const managed = [BIB_BEGIN, ...(body ? [body] : []), BIB_END].join('\n');
  let text: string;
  if (found) {
    text = `${before}${before ? '\n' : ''}${managed}\n${after}`;
  } else if (old.trim() === '') {
    text = `${managed}\n`;
  } else {
    text = `${old.replace(/\n*$/, '\n')}\n${managed}\n`;
  }
  return { text, written, userDefined, dropped, changed: text !== old };
}
