// YAML front matter, the small subset notes use: `title`, and `tags` and `bibliography` (`[a, b]`, a `- a` list,
// or `a, b` for tags; pandoc's `bibliography: refs.bib` is one path, never split on commas).
// Not a YAML parser: anything else is ignored, and nothing here can throw.

export interface FrontMatter {
  /** Lines the front matter spans, fences included (0 when there is none). */
  lineCount: number;
  title?: string;
  tags: string[];
  /** The `bibliography:` paths as written (one or a list); empty when absent. */
  bibliography: string[];
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

/** A flow list `[a, b]`, else the plain value: split on commas for tags, kept whole for paths. */
function valueList(value: string, splitPlain: boolean): string[] {
  const v = value.trim();
  const items = v.startsWith('[') && v.endsWith(']') ? splitFlow(v.slice(1, -1)) : splitPlain ? v.split(',') : [v];
  return items.map(unquote).filter((t) => t !== '');
}

/** Reads front matter from the first lines; `lineCount` 0 when the note has none (or it never closes). */
export function readFrontMatter(lines: string[]): FrontMatter {
  if (lines.length < 2 || !OPEN.test(lines[0])) return { lineCount: 0, tags: [], bibliography: [] };
  let close = -1;
  for (let i = 1; i < Math.min(lines.length, MAX_LINES); i++) {
    if (CLOSE.test(lines[i])) {
      close = i;
      break;
    }
  }
  if (close < 0) return { lineCount: 0, tags: [], bibliography: [] };
  const fm: FrontMatter = { lineCount: close + 1, tags: [], bibliography: [] };
  for (let i = 1; i < close; i++) {
    const m = /^(title|tags|bibliography)\s*:(.*)$/.exec(lines[i]);
    if (!m) continue;
    const value = m[2].trim();
    if (m[1] === 'title') {
      const t = unquote(value);
      if (t) fm.title = t;
      continue;
    }
    const field = m[1] === 'tags' ? 'tags' : 'bibliography';
    if (value) {
      fm[field] = valueList(value, field === 'tags');
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
    fm[field] = list;
  }
  return fm;
}
