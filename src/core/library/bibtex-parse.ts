// A BibTeX/BibLaTeX reader made for the files Zotero + Better BibTeX, JabRef and hand editing produce: @string
// macros joined with #, quoted and braced values with nested braces, `%` comments, @comment and @preamble, entries
// delimited by braces or parentheses, crossref inheritance. One linear pass: an 8 MB file is read in well under a
// second (see BENCHMARKS.md). A broken entry gives one diagnostic at its line and reading resumes at the next line
// that starts an entry, so the rest of the file still counts. Values stay LaTeX here; entry.ts decodes them.

export interface RawEntry {
  /** Entry type, lower case (`article`, `misc`, …). */
  type: string;
  key: string;
  /** Field names lower case; values with macros expanded and `#` joined, LaTeX kept. */
  fields: Record<string, string>;
  /** 0-based line of the entry's `@`. */
  line: number;
}

export interface LibraryDiagnostic {
  /** 0-based line in the source file. */
  line: number;
  message: string;
}

export interface RawBibliography {
  entries: RawEntry[];
  diagnostics: LibraryDiagnostic[];
}

const MONTHS: Record<string, string> = {
  jan: '1', feb: '2', mar: '3', apr: '4', may: '5', jun: '6', jul: '7', aug: '8', sep: '9', oct: '10', nov: '11', dec: '12',
};

class Broken extends Error {}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
/** Characters BibTeX allows in identifiers (types, field names, macro names). */
const isIdent = (c: number) => !(isSpace(c) || c === 123 || c === 125 || c === 40 || c === 41 || c === 44 || c === 61 || c === 34 || c === 35 || c === 37 || c === 39 || c === 126) && c > 32;

class Reader {
  i = 0;
  private lineAtPos = 0;
  private lineNo = 0;
  readonly strings = new Map<string, string>(Object.entries(MONTHS));

  constructor(readonly src: string) {}

  /** 0-based line of `pos`; positions are asked in increasing order, so counting goes forward only. */
  line(pos: number): number {
    if (pos < this.lineAtPos) {
      this.lineAtPos = 0;
      this.lineNo = 0;
    }
    const s = this.src;
    for (let k = this.lineAtPos; k < pos; k++) if (s.charCodeAt(k) === 10) this.lineNo++;
    this.lineAtPos = pos;
    return this.lineNo;
  }

  /** Skips white space and `%` comments (to the end of the line). */
  skip(): void {
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (isSpace(c)) this.i++;
      else if (c === 37) {
        const eol = s.indexOf('\n', this.i);
        this.i = eol < 0 ? s.length : eol + 1;
      } else return;
    }
  }

  ident(): string {
    const s = this.src;
    const start = this.i;
    while (this.i < s.length && isIdent(s.charCodeAt(this.i))) this.i++;
    return s.slice(start, this.i);
  }

  expect(ch: string, what: string): void {
    this.skip();
    if (this.src[this.i] !== ch) throw new Broken(`expected ${what}${this.found()}`);
    this.i++;
  }

  found(): string {
    if (this.i >= this.src.length) return ', found the end of the file';
    const c = this.src[this.i];
    return `, found '${c === '\n' ? '\\n' : c}' on line ${this.line(this.i) + 1}`;
  }

  /** A braced group's inner text; `i` at the `{`. Escaped braces (`\{`) do not count. */
  braced(): string {
    const s = this.src;
    const start = this.i + 1;
    let depth = 0;
    for (let j = this.i; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 123) depth++;
      else if (c === 125 && --depth === 0) {
        this.i = j + 1;
        return s.slice(start, j);
      } else if (c === 64 && depth === 1 && s.charCodeAt(j - 1) === 10) {
        // An `@` at the start of a line inside an open brace: the entry lost its closing brace.
        break;
      }
    }
    throw new Broken('unbalanced braces in a value');
  }

  quoted(): string {
    const s = this.src;
    const start = this.i + 1;
    let depth = 0;
    for (let j = start; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 123) depth++;
      else if (c === 125) depth--;
      else if (c === 34 && depth <= 0) {
        this.i = j + 1;
        return s.slice(start, j);
      } else if (c === 64 && s.charCodeAt(j - 1) === 10) break;
    }
    throw new Broken('unterminated quoted value');
  }

  /** `part # part # …` with macros expanded. */
  value(): string {
    let out = '';
    for (;;) {
      this.skip();
      const c = this.src[this.i];
      if (c === '{') out += this.braced();
      else if (c === '"') out += this.quoted();
      else if (c !== undefined && /[0-9]/.test(c)) out += this.ident();
      else {
        const name = this.ident();
        if (!name) throw new Broken(`expected a value${this.found()}`);
        const macro = this.strings.get(name.toLowerCase());
        // An undefined macro reads as empty, as BibTeX does (with a warning there; pandoc stays silent).
        out += macro ?? '';
      }
      this.skip();
      if (this.src[this.i] !== '#') return out;
      this.i++;
    }
  }
}

/** Where reading resumes after a broken entry: the next line starting with `@` (after white space). */
function resumeAfter(src: string, from: number): number {
  const re = /\n[ \t]*@/g;
  re.lastIndex = from;
  const m = re.exec(src);
  return m ? m.index + 1 : src.length;
}

export function parseBibtex(text: string): RawBibliography {
  const src = String(text ?? '').replace(/^\uFEFF/, '');
  const r = new Reader(src);
  const entries: RawEntry[] = [];
  const diagnostics: LibraryDiagnostic[] = [];
  const next = /[@%]/g;
  while (r.i < src.length) {
    next.lastIndex = r.i;
    const found = next.exec(src);
    if (!found) break;
    const at = found.index;
    if (found[0] === '%') {
      // A comment line between entries (biber and pandoc skip these, `@` and all).
      const eol = src.indexOf('\n', at);
      r.i = eol < 0 ? src.length : eol + 1;
      continue;
    }
    r.i = at + 1;
    r.skip();
    const type = r.ident().toLowerCase();
    r.skip();
    const open = src[r.i];
    // Text between entries is a comment to BibTeX, including stray `@`s (an e-mail address).
    if (!type || (open !== '{' && open !== '(')) continue;
    const line = r.line(at);
    try {
      if (type === 'comment' || type === 'preamble') {
        skipBody(r, open);
        continue;
      }
      r.i++;
      const close = open === '{' ? '}' : ')';
      if (type === 'string') {
        r.skip();
        const name = r.ident();
        if (!name) throw new Broken(`expected a macro name${r.found()}`);
        r.expect('=', "'=' after the macro name");
        r.strings.set(name.toLowerCase(), r.value());
        r.expect(close, `'${close}' to end the @string`);
        continue;
      }
      r.skip();
      const keyStart = r.i;
      while (r.i < src.length && !/[,\s{}@"#%'=]/.test(src[r.i]) && !(close === ')' && src[r.i] === ')')) r.i++;
      const key = src.slice(keyStart, r.i);
      if (!key) throw new Broken(`entry without a key${r.found()}`);
      const fields: Record<string, string> = {};
      for (;;) {
        r.skip();
        if (src[r.i] === close) {
          r.i++;
          break;
        }
        if (src[r.i] !== ',') throw new Broken(`expected ',' or '${close}' after ${Object.keys(fields).length ? 'a field' : 'the key'}${r.found()}`);
        r.i++;
        r.skip();
        if (src[r.i] === close) {
          r.i++;
          break;
        }
        const name = r.ident().toLowerCase();
        if (!name) throw new Broken(`expected a field name${r.found()}`);
        r.expect('=', `'=' after field '${name}'`);
        const value = r.value();
        // The first definition counts, as in BibTeX; biber warns on the duplicate.
        if (!(name in fields)) fields[name] = value;
      }
      entries.push({ type, key, fields, line });
    } catch (e) {
      if (!(e instanceof Broken)) throw e;
      diagnostics.push({ line, message: `Broken @${type} entry: ${e.message}; it is skipped.` });
      r.i = resumeAfter(src, at + 1);
    }
  }
  inheritCrossrefs(entries);
  return { entries, diagnostics };
}

function skipBody(r: Reader, open: string): void {
  if (open === '{') {
    r.braced();
    return;
  }
  const end = r.src.indexOf(')', r.i);
  r.i = end < 0 ? r.src.length : end + 1;
}

/** BibLaTeX's default inheritance (the parts pandoc honours): missing fields from the parent; its title as booktitle. */
function inheritCrossrefs(entries: RawEntry[]): void {
  const byKey = new Map<string, RawEntry>();
  for (const e of entries) if (!byKey.has(e.key.toLowerCase())) byKey.set(e.key.toLowerCase(), e);
  for (const e of entries) {
    const parentKey = e.fields.crossref;
    if (!parentKey) continue;
    const parent = byKey.get(parentKey.trim().toLowerCase());
    if (!parent || parent === e) continue;
    for (const [name, value] of Object.entries(parent.fields)) {
      if (name === 'crossref' || name === 'ids') continue;
      if (name === 'title') {
        if (!('booktitle' in e.fields)) e.fields.booktitle = value;
        continue;
      }
      if (!(name in e.fields)) e.fields[name] = value;
    }
  }
}
