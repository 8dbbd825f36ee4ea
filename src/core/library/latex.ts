// BibTeX field text as a reader sees it: LaTeX accents and the common text commands become Unicode
// ({\"u} → ü, \'e → é, \ss → ß, ~ → no-break space, -- → –), protective braces go, math keeps its TeX.
// Not a TeX engine: an unknown command keeps its argument's text and loses its name, and nothing throws.

const ACCENTS: Record<string, string> = {
  '`': '\u0300', "'": '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304', u: '\u0306', '.': '\u0307',
  '"': '\u0308', r: '\u030a', H: '\u030b', v: '\u030c', d: '\u0323', c: '\u0327', k: '\u0328', b: '\u0331',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß', SS: 'SS', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“',
  textquotedblright: '”', textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textless: '<',
  textgreater: '>', textbar: '|', textbraceleft: '{', textbraceright: '}', textunderscore: '_',
  textregistered: '®', texttrademark: '™', copyright: '©', textcopyright: '©', S: '§', P: '¶', dag: '†',
  ddag: '‡', textellipsis: '…', ldots: '…', dots: '…', guillemotleft: '«', guillemotright: '»', pounds: '£',
  euro: '€', textdegree: '°', LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', relax: '', ensuremath: '',
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', ' ': ' ', ',': '\u202f', ';': ' ', '@': '',
  '/': '', '-': '', textnbsp: '\u00a0', nobreakspace: '\u00a0', quad: ' ', qquad: ' ',
};

/** Commands whose argument is the text (formatting only). */
const TEXT_COMMANDS = new Set([
  'emph', 'textbf', 'textit', 'textsc', 'textrm', 'textsf', 'texttt', 'textsl', 'textup', 'textmd', 'textnormal',
  'mbox', 'hbox', 'text', 'uppercase', 'lowercase', 'MakeUppercase', 'MakeLowercase', 'url', 'nolinkurl',
  'bf', 'it', 'sc', 'rm', 'sf', 'tt', 'em', 'sl', 'small', 'footnotesize', 'large', 'Large', 'normalfont', 'noopsort',
]);

/** The group starting at `src[i] === '{'`: its inner text and the index after its closing brace. */
function group(src: string, i: number): { inner: string; end: number } {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { inner: src.slice(i + 1, j), end: j + 1 };
  }
  return { inner: src.slice(i + 1), end: src.length };
}

/** One argument after a command: a braced group, or the next character (spaces skipped). */
function argument(src: string, i: number): { text: string; end: number } {
  let j = i;
  while (src[j] === ' ') j++;
  if (src[j] === '{') {
    const g = group(src, j);
    return { text: g.inner, end: g.end };
  }
  if (src[j] === '\\') {
    const m = /^\\([A-Za-z]+)\s*/.exec(src.slice(j));
    if (m) return { text: src.slice(j, j + m[0].length), end: j + m[0].length };
  }
  return { text: src[j] ?? '', end: Math.min(j + 1, src.length) };
}

function accent(base: string, mark: string): string {
  const letter = base === '\\i' || base === 'ı' ? 'i' : base === '\\j' ? 'j' : base;
  return `${letter}${mark}`.normalize('NFC');
}

/** Decodes LaTeX in one field value to plain Unicode text (whitespace collapsed). */
export function latexToUnicode(value: string): string {
  return decode(String(value ?? ''), 0).replace(/[ \t\n\r\f\v]+/g, ' ').replace(/^ +| +$/g, '');
}

function decode(src: string, depth: number): string {
  if (depth > 50) return src.replace(/[{}\\]/g, '');
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '{') {
      const g = group(src, i);
      out += decode(g.inner, depth + 1);
      i = g.end;
    } else if (c === '}') {
      i++;
    } else if (c === '$') {
      // Math is kept as written (titles like "$O(n)$ sorting"): readers know TeX math, and we are no renderer.
      const close = src.indexOf('$', i + 1);
      const end = close < 0 ? src.length : close + 1;
      out += src.slice(i, end);
      i = end;
    } else if (c === '~') {
      out += '\u00a0';
      i++;
    } else if (c === '-' && src.startsWith('---', i)) {
      out += '—';
      i += 3;
    } else if (c === '-' && src.startsWith('--', i)) {
      out += '–';
      i += 2;
    } else if (c === '`' && src[i + 1] === '`') {
      out += '“';
      i += 2;
    } else if (c === "'" && src[i + 1] === "'") {
      out += '”';
      i += 2;
    } else if (c === '\\') {
      const r = command(src, i, depth);
      out += r.text;
      i = r.end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function command(src: string, i: number, depth: number): { text: string; end: number } {
  const next = src[i + 1];
  if (next === undefined) return { text: '', end: i + 1 };
  if (next === '\\') return { text: ' ', end: i + 2 }; // a line break
  const mark = ACCENTS[next];
  // Symbol accents (\'e, \"{u}) and letter accents (\c{c}, \v s) take one argument.
  if (mark && (!/[A-Za-z]/.test(next) || !/[A-Za-z]/.test(src[i + 2] ?? ''))) {
    const arg = argument(src, i + 2);
    const base = decode(arg.text, depth + 1);
    return { text: base ? accent(base.slice(0, 1), mark) + base.slice(1) : '', end: arg.end };
  }
  const m = /^[A-Za-z]+/.exec(src.slice(i + 1, i + 40));
  if (!m) return { text: SYMBOLS[next] ?? next, end: i + 2 };
  const name = m[0];
  let end = i + 1 + name.length;
  if (name in SYMBOLS) {
    // A control word eats the spaces after it; `{}` after it is an empty group.
    while (src[end] === ' ') end++;
    if (src.startsWith('{}', end)) end += 2;
    return { text: SYMBOLS[name], end };
  }
  while (src[end] === ' ') end++;
  if (TEXT_COMMANDS.has(name) || src[end] === '{') {
    if (src[end] !== '{') return { text: '', end };
    const g = group(src, end);
    return { text: decode(g.inner, depth + 1), end: g.end };
  }
  return { text: '', end };
}
