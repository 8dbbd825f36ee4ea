// What the index remembers about each document: enough to rebuild its segment, show a hit, and
// answer link queries without re-reading the file. Records are persisted inside segment files.
import type { Paper } from '../papers/model';
import type { ScannedNote } from '../notes/index';
import type { DocFields } from './analyze';

export interface NoteRecord {
  kind: 'note';
  /** Relative to the notes root, '/' separated. */
  path: string;
  title: string;
  tags: string[];
  headings: string[];
  text: string;
  /** Paper ids cited directly (links, autolinks, arXiv:ID), without version. */
  ids: string[];
  /** Citation keys (pandoc, footnote); resolved to ids through the current KeyMap. */
  keys: string[];
  /** Front matter `bibliography:` values as written, when the note names its own sources. */
  bibliography?: string[];
}

export interface PaperRecord {
  kind: 'paper';
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  keywords: string[];
  /** Detects a changed paper cheaply when the catalog is handed over again. */
  hash: string;
}

export type DocRecord = NoteRecord | PaperRecord;

export function docKey(r: DocRecord): string {
  return r.kind === 'note' ? `n:${r.path}` : `p:${r.id}`;
}

export function noteRecord(path: string, scanned: ScannedNote): NoteRecord {
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const ref of scanned.refs) {
    if (ref.id) ids.add(ref.id.replace(/v\d+$/, ''));
    else if (ref.key) keys.add(ref.key);
  }
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  return {
    kind: 'note',
    path,
    title: scanned.title?.trim() || base,
    tags: scanned.tags,
    headings: scanned.headings,
    text: scanned.text,
    ids: [...ids],
    keys: [...keys],
    ...(scanned.bibliography?.length ? { bibliography: scanned.bibliography } : {}),
  };
}

export function paperRecord(p: Paper): PaperRecord {
  const r = { title: p.title, abstract: p.abstract ?? '', authors: p.authors ?? [], keywords: p.aiKeywords ?? [] };
  return { kind: 'paper', id: p.id, ...r, hash: fnv1a(JSON.stringify(r)) };
}

/** The ids a note cites: direct ids plus keys known to the KeyMap (unknown keys make no link). */
export function citedIds(note: NoteRecord, keyToId: Map<string, string>): string[] {
  const out = new Set(note.ids);
  for (const k of note.keys) {
    const id = keyToId.get(k);
    if (id) out.add(id);
  }
  return [...out];
}

/** What a cited paper lends to the notes citing it: its topics, not its authors. */
export function citedText(p: PaperRecord): string {
  return `${p.title}\n${p.keywords.join(' ')}\n${p.abstract}`;
}

/** The texts the analyser sees. A note's `cited` field carries the topics of the papers it cites. */
export function fieldsOf(r: DocRecord, cited: PaperRecord[] = []): DocFields {
  if (r.kind === 'paper') {
    return { title: r.title, tags: r.keywords.join(' '), headings: '', body: r.abstract, authors: r.authors.join(' '), cited: '' };
  }
  return {
    title: r.title,
    tags: r.tags.join(' '),
    headings: r.headings.join('\n'),
    body: r.text,
    authors: '',
    cited: cited.map(citedText).join('\n'),
  };
}

/** FNV-1a, 32 bits, as hex: a change detector, not a security measure. */
export function fnv1a(data: string | Uint8Array): string {
  let h = 0x811c9dc5;
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) {
      h ^= data.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  } else {
    for (let i = 0; i < data.length; i++) {
      h ^= data[i];
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
