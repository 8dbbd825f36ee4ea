// Public face of the notes scanner: paper references, front matter, headings and index text of one note.
// markdown-it splits prose from code (see ./parser); this file maps what it finds back to source positions.
import type MarkdownIt from 'markdown-it';
import { readFrontMatter } from './front-matter';
import { ARXIV, CITE, FOOTNOTE, parser } from './parser';
import { paperIdFromUrl, type KeyAt } from './refs';

type Token = MarkdownIt.Token;

/** 0-based line and UTF-16 column, end exclusive — the same convention as vscode.Range. */
export interface TextRange {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export type RefKind =
  | 'pandoc' //   [@key], [@a; @b], [see @key, p. 3]
  | 'footnote' // [^key] where key is a citation key
  | 'link' //     [text](https://arxiv.org/abs/ID) / pdf / huggingface.co/papers/ID
  | 'autolink' // <https://arxiv.org/abs/ID> or a bare linkified URL
  | 'arxiv'; //   arXiv:ID in text

/**
 * Ranges cover: `@key` for pandoc (each key of a group on its own), `[^key]` for footnotes, the whole
 * `[text](url)` for links, the URL (without `<>`) for autolinks, `arXiv:ID` for arxiv.
 */
export interface PaperRef {
  kind: RefKind;
  /** Citation key, for pandoc and footnote refs. */
  key?: string;
  /** arXiv id without version, for link/autolink/arxiv refs. */
  id?: string;
  version?: string;
  range: TextRange;
}

export interface ScannedNote {
  /** Front matter `title`, else the first level-1 heading. */
  title?: string;
  tags: string[];
  /** Front matter `bibliography:` values as written (pandoc's sources of this note); omitted when none. */
  bibliography?: string[];
  headings: string[];
  /** Prose text without code spans, code blocks, front matter or URLs: what the index should see. */
  text: string;
  refs: PaperRef[];
}

interface Pos {
  line: number;
  col: number;
}

/** Maps offsets in an inline token's content (its lines, with block prefixes stripped) to source positions. */
function locator(lines: string[], content: string, firstLine: number, cursors: Map<number, number>): (offset: number) => Pos | undefined {
  const starts: number[] = [];
  const cols: Array<number | undefined> = [];
  let offset = 0;
  const parts = content.split('\n');
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const line = firstLine + k;
    const src = lines[line] ?? '';
    const lead = part.length - part.trimStart().length;
    const needle = part.slice(lead);
    let at = src.indexOf(needle, cursors.get(line) ?? 0);
    if (at < 0) at = src.indexOf(needle);
    if (at >= 0) cursors.set(line, at + needle.length);
    starts.push(offset);
    cols.push(at < 0 ? undefined : at - lead);
    offset += part.length + 1;
  }
  return (o) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const base = cols[lo];
    return base === undefined ? undefined : { line: firstLine + lo, col: base + o - starts[lo] };
  };
}

/** Range of `raw` found at content offsets [start, end), checked against the source. */
function rangeOf(lines: string[], at: (o: number) => Pos | undefined, start: number, end: number, raw: string): TextRange | undefined {
  const a = at(start);
  const b = at(end);
  if (!a || !b) return undefined;
  if (a.line === b.line && (lines[a.line] ?? '').slice(a.col, b.col) !== raw) {
    // A cell with escaped pipes or expanded tabs: look for the text itself on that line.
    const col = (lines[a.line] ?? '').indexOf(raw);
    return col < 0 ? undefined : { line: a.line, col, endLine: a.line, endCol: col + raw.length };
  }
  return { line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

function collectRefs(children: Token[], content: string, lines: string[], at: (o: number) => Pos | undefined, refs: PaperRef[]): void {
  const push = (ref: Omit<PaperRef, 'range'>, start: number, end: number) => {
    const range = rangeOf(lines, at, start, end, content.slice(start, end));
    if (range) refs.push({ ...ref, range });
  };
  for (const t of children) {
    const m = t.meta as { start: number; end: number; [k: string]: unknown } | null;
    if (!m || typeof m.start !== 'number') continue;
    if (t.type === CITE) for (const k of m.keys as KeyAt[]) push({ kind: 'pandoc', key: k.key }, k.start, k.end);
    else if (t.type === FOOTNOTE) push({ kind: 'footnote', key: m.key as string }, m.start, m.end);
    else if (t.type === ARXIV) push(withVersion({ kind: 'arxiv', id: m.id as string }, m.version), m.start, m.end);
    else if (t.type === 'link_open') {
      const found = paperIdFromUrl(t.attrGet('href') ?? '');
      if (!found) continue;
      const auto = t.markup === 'autolink' || t.markup === 'linkify';
      const ref = withVersion({ kind: auto ? 'autolink' : 'link', id: found.id }, found.version);
      if (t.markup === 'autolink') push(ref, m.start + 1, m.end - 1);
      else push(ref, m.start, m.end);
    }
  }
}

function withVersion<T extends Omit<PaperRef, 'range'>>(ref: T, version: unknown): T {
  return typeof version === 'string' && version ? { ...ref, version } : ref;
}

/** Plain text of inline children: prose only for the index, code included for headings. URLs never. */
function plainText(children: Token[], withCode: boolean): string {
  let out = '';
  let inAutolink = 0;
  for (const t of children) {
    switch (t.type) {
      case 'link_open':
        if (t.markup === 'autolink' || t.markup === 'linkify') inAutolink++;
        break;
      case 'link_close':
        if (t.markup === 'autolink' || t.markup === 'linkify') inAutolink--;
        break;
      case 'text':
        if (!inAutolink) out += t.content;
        break;
      case 'code_inline':
        if (withCode) out += t.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += plainText(t.children ?? [], withCode);
        break;
      case CITE:
      case FOOTNOTE:
      case ARXIV:
        out += t.content;
        break;
      default:
        break;
    }
  }
  return out;
}

function scan(source: string): ScannedNote {
  // markdown-it reads \r\n and \r as line ends and NUL as U+FFFD; doing the same keeps columns aligned.
  const lines = source.replace(/\0/g, '\uFFFD').split(/\r\n|\r|\n/);
  const fm = readFrontMatter(lines);
  const bom = lines[0].startsWith('\uFEFF');
  if (bom) lines[0] = ` ${lines[0].slice(1)}`;
  // Front matter lines are blanked, not removed, so token line numbers stay source line numbers.
  // (markdown-it normalises line ends and NULs itself, so a plain note is parsed as given.)
  const body =
    fm.lineCount > 0 ? '\n'.repeat(fm.lineCount) + lines.slice(fm.lineCount).join('\n') : bom ? lines.join('\n') : source;
  const tokens = parser().parse(body, {});

  const refs: PaperRef[] = [];
  const headings: string[] = [];
  const text: string[] = [];
  const cursors = new Map<number, number>();
  let firstH1: string | undefined;
  let heading = '';
  let mapLine = 0;
  for (const t of tokens) {
    if (t.map) mapLine = t.map[0];
    if (t.type === 'heading_open') heading = t.tag;
    if (t.type === 'heading_close') heading = '';
    if (t.type !== 'inline' || !t.children) continue;
    const at = locator(lines, t.content, mapLine, cursors);
    collectRefs(t.children, t.content, lines, at, refs);
    text.push(plainText(t.children, false));
    if (heading) {
      const h = plainText(t.children, true).trim();
      headings.push(h);
      if (heading === 'h1' && firstH1 === undefined && h) firstH1 = h;
    }
  }
  const title = fm.title ?? firstH1;
  const bibliography = fm.bibliography.length ? { bibliography: fm.bibliography } : {};
  return { ...(title ? { title } : {}), tags: fm.tags, ...bibliography, headings, text: text.join('\n'), refs };
}

/** Scans one note. Never throws: input markdown-it cannot read gives an empty result. */
export function scanNote(markdown: string): ScannedNote {
  try {
    return scan(typeof markdown === 'string' ? markdown : String(markdown ?? ''));
  } catch {
    return { tags: [], headings: [], text: '', refs: [] };
  }
}
