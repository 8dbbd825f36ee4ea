// BibTeX entries for cached papers. Titles, names and abstracts come from the internet, so every character
// TeX gives a meaning to is written in a form that reads back as itself: the file must go through
// `pandoc --citeproc` with no warning and render each title verbatim, whatever the title holds.
import { paperYear, parseArxivId, type Paper } from '../papers/model';
import { NAME_PARTICLES } from './keys';

export interface BibtexOptions {
  /** Include the abstract (off by default: long, and rarely wanted in a bibliography). */
  abstract?: boolean;
}

// Each of these reads back as the literal character in pandoc's LaTeX reader (checked against pandoc 2.17):
// `\textbraceleft` and `\textbar` are dropped there, `'` and `` ` `` would turn into curly quotes, `--` into a dash.
const TEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  "'": "\\'{}",
  '`': '\\`{}',
};

/** Escapes text for a braced BibTeX field: one line, TeX specials neutralised, other Unicode kept as is. */
export function escapeBibtex(text: string): string {
  return (
    String(text ?? '')
      // Lone surrogates cannot be written as UTF-8; control and separator characters become spaces.
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\\{}$&%#_^~<>'`]/g, (c) => TEX[c])
      // `--` and `---` are dashes in TeX; keep every hyphen a hyphen.
      .replace(/-(?=-)/g, '-{}')
  );
}

/**
 * One author in BibTeX's `Surname, Given` form. A name BibTeX would misread (holding a comma, the word
 * `and`, or being just `others`) is braced whole, which BibTeX and CSL treat as a literal name.
 */
export function bibtexName(name: string): string {
  const words = escapeBibtex(name).split(' ').filter(Boolean);
  if (words.length === 0) return '';
  const raw = words.join(' ');
  if (/,/.test(raw) || words.some((w) => w.toLowerCase() === 'and') || raw.toLowerCase() === 'others') return `{${raw}}`;
  if (words.length === 1) return raw;
  let first = words.length - 1;
  while (first > 1 && NAME_PARTICLES.has(words[first - 1].toLowerCase())) first--;
  return `${words.slice(first).join(' ')}, ${words.slice(0, first).join(' ')}`;
}

/** Only URL characters that BibTeX and pandoc keep verbatim; anything else is left out rather than mangled. */
function safeUrl(url: string): string | undefined {
  return /^https?:\/\/[A-Za-z0-9:/._?=+-]+$/.test(url) ? url : undefined;
}

/** Keys are ours ([a-z0-9]); this only guards the entry syntax against a foreign key. */
function safeKey(key: string): string {
  return key.replace(/[^\p{L}\p{N}_:.+\-/]/gu, '') || 'anon';
}

/** One `@misc` entry (we never know a journal, so never `@article`). */
export function bibtexEntry(paper: Paper, key: string, options: BibtexOptions = {}): string {
  const fields: Array<[string, string]> = [];
  const authors = (paper.authors ?? []).map(bibtexName).filter(Boolean);
  if (authors.length > 0) fields.push(['author', authors.join(' and ')]);
  // Double braces keep the title's capitalisation: styles must not re-case "BERT" or "ImageNet".
  const title = escapeBibtex(paper.title);
  if (title) fields.push(['title', `{${title}}`]);
  const year = paperYear(paper);
  if (year) fields.push(['year', String(year)]);
  const arxiv = parseArxivId(paper.id);
  // Without the version, as arXiv's own BibTeX export writes it: the citation is to the paper, not one revision.
  fields.push(['eprint', arxiv ? arxiv.id : escapeBibtex(paper.id)]);
  fields.push(['archivePrefix', 'arXiv']);
  // Old-style ids name their archive (hep-th/9901001); new-style ids do not say.
  const archive = arxiv && arxiv.id.includes('/') ? arxiv.id.slice(0, arxiv.id.indexOf('/')) : undefined;
  if (archive) fields.push(['primaryClass', archive]);
  const url = arxiv ? safeUrl(`https://arxiv.org/abs/${arxiv.id}`) : undefined;
  if (url) fields.push(['url', url]);
  const keywords = (paper.aiKeywords ?? []).map(escapeBibtex).filter(Boolean);
  if (keywords.length > 0) fields.push(['keywords', keywords.join(', ')]);
  if (options.abstract) {
    const abstract = escapeBibtex(paper.abstract);
    if (abstract) fields.push(['abstract', abstract]);
  }
  return [`@misc{${safeKey(key)},`, ...fields.map(([name, value]) => `  ${name} = {${value}},`), '}'].join('\n');
}

/** A whole .bib file: one entry per paper, ordered by key so the same papers always give the same bytes. */
export function bibtexFile(items: Array<{ paper: Paper; key: string }>, options: BibtexOptions = {}): string {
  const sorted = [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted.map((i) => `${bibtexEntry(i.paper, i.key, options)}\n`).join('\n');
}

const NOT_ENTRIES = new Set(['comment', 'string', 'preamble']);

/**
 * Keys of the entries in existing BibTeX text, in order, so a sync can keep the entries it did not write.
 * Walks entry bodies by brace depth (honouring `\{`), so `@misc{x,` inside an abstract is not an entry;
 * `%` lines between entries are comments.
 */
export function parseBibKeys(text: string): string[] {
  const keys: string[] = [];
  const src = String(text ?? '');
  let i = 0;
  const next = /[@%]/g;
  for (;;) {
    next.lastIndex = i;
    const found = next.exec(src);
    if (!found) break;
    i = found.index;
    if (found[0] === '%') {
      // A comment line between entries (biber and pandoc skip these).
      const eol = src.indexOf('\n', i);
      i = eol < 0 ? src.length : eol + 1;
      continue;
    }
    const head = /^@\s*([A-Za-z]+)\s*([{(])\s*/.exec(src.slice(i, i + 200));
    if (!head) {
      i++;
      continue;
    }
    const type = head[1].toLowerCase();
    const open = head[2];
    let j = i + head[0].length;
    if (!NOT_ENTRIES.has(type)) {
      const key = /^[^,\s{}()]+(?=\s*,)/.exec(src.slice(j, j + 1000));
      if (key) keys.push(key[0]);
    }
    // Skip the body to its closing delimiter, counting braces (escaped ones do not count, as in pandoc).
    let depth = 0;
    for (; j < src.length; j++) {
      const c = src[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (depth === 0 && ((open === '{' && c === '}') || (open === '(' && c === ')'))) break;
    }
    i = j + 1;
  }
  return keys;
}
