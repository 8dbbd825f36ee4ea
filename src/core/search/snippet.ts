// A short excerpt around the first word that matched, so a hit shows why it is a hit.
import { termOf } from './analyze';

const WORD = /[^\s-]+/g;

/** The first word of `text` whose index term is in `terms`, as [start, end) offsets. */
export function firstMatch(text: string, terms: Set<string>): [number, number] | undefined {
  if (terms.size === 0) return undefined;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const t = termOf(m[0].toLowerCase());
    if (t !== null && terms.has(t)) return [m.index, m.index + m[0].length];
  }
  return undefined;
}

export function snippet(text: string, terms: Set<string>, width = 160): string | undefined {
  const at = firstMatch(text, terms);
  if (!at) return undefined;
  let start = Math.max(0, at[0] - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  // Cut at word boundaries so the excerpt does not start or end mid-word.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at[1] ? text.lastIndexOf(' ', end) : end;
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

/** Plain leading text when nothing matched literally (e.g. a note found through a cited paper). */
export function lead(text: string, width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, flat.lastIndexOf(' ', width) > 0 ? flat.lastIndexOf(' ', width) : width)}…`;
}
