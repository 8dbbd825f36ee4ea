// CSL-JSON (Zotero's and Better CSL JSON's export, pandoc's `bibliography: refs.json`): an array of items with
// `id`, `title`, `author` [{family, given} | {literal}], `issued` {date-parts | raw}, `abstract`, `keyword`, `URL`,
// `DOI`. Invalid JSON is one diagnostic at the line where it breaks; an item without an id is one at its line.
import { arxivIdOf, keywordList, type LibraryEntry } from './entry';
import type { LibraryDiagnostic } from './bibtex-parse';

function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function nameOf(n: unknown): string {
  if (!n || typeof n !== 'object') return '';
  const o = n as Record<string, unknown>;
  const literal = str(o.literal);
  if (literal) return literal.trim();
  return [str(o.given), str(o['non-dropping-particle']), str(o.family), str(o.suffix)].filter(Boolean).join(' ').trim();
}

function yearOf(issued: unknown): number | undefined {
  if (!issued || typeof issued !== 'object') return undefined;
  const o = issued as Record<string, unknown>;
  const parts = o['date-parts'];
  const y = Array.isArray(parts) && Array.isArray(parts[0]) ? Number(parts[0][0]) : NaN;
  if (Number.isInteger(y) && y > 0) return y;
  const m = /\b(\d{4})\b/.exec(str(o.raw) ?? str(o.literal) ?? '');
  return m ? Number(m[1]) : undefined;
}

export function parseCslJson(text: string, file: string): { entries: LibraryEntry[]; diagnostics: LibraryDiagnostic[] } {
  const src = String(text ?? '').replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    return { entries: [], diagnostics: [{ line: pos ? lineOfOffset(src, Number(pos[1])) : 0, message: `Not valid CSL-JSON: ${message}` }] };
  }
  const items = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : undefined;
  if (!items) return { entries: [], diagnostics: [{ line: 0, message: 'Not CSL-JSON: expected an array of items.' }] };
  const entries: LibraryEntry[] = [];
  const diagnostics: LibraryDiagnostic[] = [];
  // Items are found in the text in order, so each line is looked up forward from the previous one.
  let cursor = 0;
  let cursorLine = 0;
  const lineOf = (needle: string): number => {
    const at = src.indexOf(needle, cursor);
    if (at < 0) return cursorLine;
    for (let i = cursor; i < at; i++) if (src.charCodeAt(i) === 10) cursorLine++;
    cursor = at;
    return cursorLine;
  };
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const key = str(o.id)?.trim();
    if (!key) {
      diagnostics.push({ line: lineOf('{'), message: 'CSL-JSON item without an "id"; it is skipped.' });
      cursor++;
      continue;
    }
    const line = lineOf(JSON.stringify(key));
    cursor++;
    const url = str(o.URL);
    const doi = str(o.DOI);
    const keywords = Array.isArray(o.keyword) ? o.keyword.map(str).filter((k): k is string => !!k) : keywordList(str(o.keyword) ?? '');
    const container = str(o['container-title']);
    entries.push({
      key,
      type: (str(o.type) ?? 'document').toLowerCase(),
      title: (str(o.title) ?? '').replace(/\s+/g, ' ').trim(),
      abstract: (str(o.abstract) ?? '').replace(/\s+/g, ' ').trim(),
      keywords,
      authors: (Array.isArray(o.author) ? o.author : Array.isArray(o.editor) ? o.editor : []).map(nameOf).filter(Boolean),
      year: yearOf(o.issued),
      venue: container || str(o.publisher),
      arxivId: arxivIdOf({
        eprint: str(o.number) && /arxiv/i.test(str(o.publisher) ?? str(o.archive) ?? '') ? str(o.number) : undefined,
        url, doi, journal: container, note: str(o.note),
      }),
      url: url && /^https?:\/\/[^\s"<>]+$/i.test(url) ? url : undefined,
      doi: doi?.trim() || undefined,
      file,
      line,
    });
  }
  return { entries, diagnostics };
}
