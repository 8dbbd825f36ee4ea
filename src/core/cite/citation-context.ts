// Where the cursor is, in citation terms: inside `[@…` (completion) — pure text logic, so the editor
// adapter and the tests share it.

export interface KeyCompletionContext {
  /** What has been typed of the key so far (after `@`). */
  prefix: string;
  /** Columns on the line that a chosen key replaces: the typed prefix plus key characters right of the cursor. */
  start: number;
  end: number;
}

const KEY_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;

/**
 * Completion applies when the cursor follows `@` (plus any key characters) inside an open `[` on the same line,
 * e.g. `[@`, `[@vasw`, `[see @a; @`, `[-@`. An `@` inside a word (e-mail) or outside brackets does not count.
 */
export function keyCompletionContext(line: string, col: number): KeyCompletionContext | undefined {
  let start = col;
  while (start > 0 && KEY_CHAR.test(line[start - 1]) && line[start - 1] !== '@') start--;
  if (start === 0 || line[start - 1] !== '@') return undefined;
  const at = start - 1;
  const before = at > 0 ? line[at - 1] : '';
  if (!(before === '[' || before === '-' || before === ';' || /\s/.test(before))) return undefined;
  // An unclosed `[` (not a footnote `[^`) must precede the `@`.
  const open = line.lastIndexOf('[', at);
  if (open < 0 || line.slice(open, at).includes(']') || line[open + 1] === '^') return undefined;
  let end = col;
  while (end < line.length && KEY_CHAR.test(line[end])) end++;
  return { prefix: line.slice(start, col), start, end };
}
