// YAML front matter, the small subset notes use: `title` and `tags` (`[a, b]`, a `- a` list, or `a, b`).
// Not a YAML parser: anything else is ignored, and nothing here can throw.

export interface FrontMatter {
  /** Lines the front matter spans, fences included (0 when there is none). */
  lineCount: number;
  title?: string;
  tags: string[];
}

const OPEN = /^(\uFEFF)?---\s*$/;
const CLOSE = /^(---|\.\.\.)\s*$/;
const MAX_LINES = 1000;

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
      if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
      return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
    });
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  // A plain scalar ends at a comment.
  return v.replace(/\s+#.*$/, '').trim();
}

function splitFlow(inner: string): string[] {
  const items: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of inner) {
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ',') {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items;
}

function tagList(value: string): string[] {
  const v = value.trim();
  const items = v.startsWith('[') && v.endsWith(']') ? splitFlow(v.slice(1, -1)) : v.split(',');
  return items.map(unquote).filter((t) => t !== '');
}

/** Reads front matter from the first lines; `lineCount` 0 when the note has none (or it never closes). */
export function readFrontMatter(lines: string[]): FrontMatter {
  if (lines.length < 2 || !OPEN.test(lines[0])) return { lineCount: 0, tags: [] };
  let close = -1;
  for (let i = 1; i < Math.min(lines.length, MAX_LINES); i++) {
    if (CLOSE.test(lines[i])) {
      close = i;
      break;
    }
  }
  if (close < 0) return { lineCount: 0, tags: [] };
  const fm: FrontMatter = { lineCount: close + 1, tags: [] };
  for (let i = 1; i < close; i++) {
    const m = /^(title|tags)\s*:(.*)$/.exec(lines[i]);
    if (!m) continue;
    const value = m[2].trim();
    if (m[1] === 'title') {
      const t = unquote(value);
      if (t) fm.title = t;
      continue;
    }
    if (value) {
      fm.tags = tagList(value);
      continue;
    }
    const list: string[] = [];
    for (let j = i + 1; j < close; j++) {
      const item = /^\s*-\s+(.*)$/.exec(lines[j]);
      if (!item) {
        if (/^\s*(#.*)?$/.test(lines[j])) continue;
        break;
      }
      const t = unquote(item[1]);
      if (t) list.push(t);
    }
    fm.tags = list;
  }
  return fm;
}
