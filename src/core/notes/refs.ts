// The grammar of paper references, applied to text markdown-it already split from code: pandoc citation
// groups, footnote labels, arXiv ids and the URLs of arXiv / Hugging Face paper pages.

/** One `@key` found inside a citation group; offsets are relative to the text given to the parser. */
export interface KeyAt {
  key: string;
  /** Offset of `@` (the `-` of a suppress-author `-@key` is left out). */
  start: number;
  end: number;
}

// Pandoc: starts with a letter, digit or _; internal punctuation :.#$%&-+?<>~/ when followed by a regular
// character; `:` or `/` may also precede `/` (URL-like keys). `@{…}` braces a key of other characters (no spaces).
const KEY_AT = /(^|\s)-?@(?:\{([^{}\s]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])|[:/](?=\/))*))/u;

/**
 * Reads the inside of `[…]` as pandoc citations (`see @a, p. 3; @b`): every `;`-separated part must hold a
 * key, as pandoc requires; undefined otherwise. `offset` is where `inner` starts in the caller's text.
 */
export function parseCitationKeys(inner: string, offset: number): KeyAt[] | undefined {
  if (!inner.includes('@') || inner.includes('`')) return undefined;
  const keys: KeyAt[] = [];
  let partStart = 0;
  for (const part of inner.split(';')) {
    const m = KEY_AT.exec(part);
    if (!m) return undefined;
    const at = m.index + m[1].length + (part[m.index + m[1].length] === '-' ? 1 : 0);
    const key = m[2] ?? m[3];
    const len = m[2] !== undefined ? m[2].length + 3 : m[3].length + 1;
    keys.push({ key, start: offset + partStart + at, end: offset + partStart + at + len });
    partStart += part.length + 1;
  }
  return keys.length > 0 ? keys : undefined;
}

/** Footnote labels as pandoc reads them: no spaces, brackets or carets. */
export const FOOTNOTE_LABEL = /^\[\^([^\s[\]^]+)\]/;

// New-style ids (2410.02604, 0704.0001) and old-style (hep-th/9901001, math.GT/0309136), optional version.
const ID = String.raw`(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(v\d+)?`;
/** `arXiv:ID` at the start of the text, case-insensitive prefix, not followed by more id characters. */
export const ARXIV_AT = new RegExp(String.raw`^arxiv:${ID}(?![\p{L}\p{N}_]|\.\d)`, 'iu');
const ARXIV_URL = new RegExp(
  String.raw`^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/${ID}(?:\.pdf)?/?(?:[?#].*)?$`,
  'i',
);
const HF_URL = new RegExp(String.raw`^https?://(?:www\.)?huggingface\.co/papers/${ID}/?(?:[?#].*)?$`, 'i');

export interface ArxivId {
  id: string;
  version?: string;
}

function idOf(m: RegExpExecArray | null): ArxivId | undefined {
  if (!m) return undefined;
  return m[2] ? { id: m[1], version: m[2] } : { id: m[1] };
}

/** The arXiv id a paper URL points at (abs, pdf, HF paper page), or undefined. */
export function paperIdFromUrl(href: string): ArxivId | undefined {
  let url = href.trim();
  if (url.length > 2048) return undefined;
  try {
    url = decodeURI(url);
  } catch {
    // keep it encoded: it cannot match an id then, which is the right answer
  }
  return idOf(ARXIV_URL.exec(url) ?? HF_URL.exec(url));
}

/** `arXiv:ID` at the start of `text`: the id and the matched length. */
export function arxivAt(text: string): (ArxivId & { length: number }) | undefined {
  const m = ARXIV_AT.exec(text);
  const id = idOf(m);
  return id && m ? { ...id, length: m[0].length } : undefined;
}
