// One entry of a bibliography source, whatever its format: what completion, hover, the preview and the notes index
// need, with the arXiv paper it names (from eprint/archivePrefix, an arXiv URL, the arXiv DOI 10.48550/arXiv.ID, or
// Google Scholar's `arXiv preprint arXiv:ID`), so a Zotero entry and a daily paper are one paper.
import { parseArxivId } from '../papers/model';
import { paperIdFromUrl } from '../notes/refs';
import { latexToUnicode } from './latex';
import type { RawEntry } from './bibtex-parse';

export interface LibraryEntry {
  key: string;
  /** BibTeX type or CSL type, lower case. */
  type: string;
  title: string;
  abstract: string;
  keywords: string[];
  /** Display names, "Given Family". */
  authors: string[];
  year?: number;
  /** Journal, book or venue, when the entry names one. */
  venue?: string;
  /** The arXiv paper this entry is (id without version). */
  arxivId?: string;
  /** http(s) only. */
  url?: string;
  doi?: string;
  /** Path of the source file ('/' separated). */
  file: string;
  /** 0-based line of the entry in its file. */
  line: number;
}

const ARXIV_DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(.+)$/i;
const ARXIV_IN_TEXT = /\barxiv:\s*([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/i;

/** The arXiv id an entry names, without version. */
export function arxivIdOf(f: { eprint?: string; archiveprefix?: string; eprinttype?: string; url?: string; doi?: string; journal?: string; note?: string; howpublished?: string }): string | undefined {
  const prefix = (f.archiveprefix ?? f.eprinttype ?? '').trim().toLowerCase();
  if (f.eprint && (prefix === 'arxiv' || prefix === '')) {
    const id = parseArxivId(f.eprint.replace(/^arxiv:/i, ''));
    if (id) return id.id;
  }
  if (f.doi) {
    const m = ARXIV_DOI.exec(f.doi.trim());
    const id = m && parseArxivId(m[1]);
    if (id) return id.id;
  }
  if (f.url) {
    const id = paperIdFromUrl(f.url.trim());
    if (id) return id.id;
  }
  for (const text of [f.journal, f.note, f.howpublished]) {
    const m = text ? ARXIV_IN_TEXT.exec(text) : null;
    if (m) return m[1];
  }
  return undefined;
}

/** Splits a BibTeX name list on ` and ` outside braces. */
export function splitNames(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c) && /^\s+and\s/i.test(value.slice(i, i + 6))) {
      out.push(value.slice(start, i));
      const m = /^\s+and\s+/i.exec(value.slice(i))!;
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.map((n) => n.trim()).filter(Boolean);
}

/** One BibTeX name as "Given Family": `Family, Given`, `Family, Jr, Given`, a braced literal `{World Health Organization}`. */
export function displayName(raw: string): string {
  const t = raw.trim();
  if (/^\{[^{}]*\}$/.test(t)) return latexToUnicode(t);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '{') depth++;
    else if (t[i] === '}') depth--;
    else if (t[i] === ',' && depth === 0) {
      parts.push(t.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(t.slice(start));
  const [family, a, b] = parts.map(latexToUnicode);
  if (parts.length === 1) return family;
  if (parts.length === 2) return `${a} ${family}`.trim();
  return `${b} ${family}, ${a}`.trim();
}

function yearOf(text: string | undefined): number | undefined {
  const m = text ? /\b(1[5-9]\d\d|2\d\d\d)\b/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

function httpUrl(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t && /^https?:\/\/[^\s"<>]+$/i.test(t) ? t : undefined;
}

export function keywordList(text: string): string[] {
  return text.split(/[,;]/).map((k) => k.trim()).filter(Boolean);
}

export function bibtexEntryOf(raw: RawEntry, file: string): LibraryEntry {
  const f = raw.fields;
  const dec = (name: string) => (f[name] === undefined ? undefined : latexToUnicode(f[name]));
  const url = dec('url');
  const doi = dec('doi');
  return {
    key: raw.key,
    type: raw.type,
    title: dec('title') ?? dec('booktitle') ?? '',
    abstract: dec('abstract') ?? '',
    keywords: keywordList(dec('keywords') ?? ''),
    authors: splitNames(f.author ?? f.editor ?? '').map(displayName).filter(Boolean),
    year: yearOf(f.year) ?? yearOf(f.date),
    venue: dec('journaltitle') ?? dec('journal') ?? dec('booktitle') ?? dec('publisher'),
    arxivId: arxivIdOf({
      eprint: dec('eprint'), archiveprefix: dec('archiveprefix'), eprinttype: dec('eprinttype'), url, doi,
      journal: dec('journal') ?? dec('journaltitle'), note: dec('note'), howpublished: dec('howpublished'),
    }),
    url: httpUrl(url),
    doi: doi?.trim() || undefined,
    file,
    line: raw.line,
  };
}
