// Citation keys in the Better BibTeX spirit: `surname` + `year` + first significant title word,
// ASCII-folded, e.g. `muller2026deep`. Keys are stored by the catalog and never change once assigned,
// so notes that cite them keep working when more papers arrive.
import type { Paper } from '../papers/model';
import { paperYear } from '../papers/model';
import { asciiFold } from './fold';

/** id → key, as persisted by the store. Keys once assigned never change. */
export type KeyMap = Record<string, string>;

// Words a title may start with that say nothing about the paper (Better BibTeX's skip-word list, abridged).
const STOP_WORDS = new Set(
  (
    'a ab about above across after against al along amid among an and anti around as at be before behind below ' +
    'beneath beside besides between beyond but by d da das de del della dem den der des despite die do down du ' +
    'during ein eine el en et except for from gli i il in inside into is it its l la las le les like lo los near ' +
    'nor of off on onto or over past per plus round since so some sur than the through to toward towards un una ' +
    'une under underneath unlike until up upon versus via von vs while with within without yet zu zum'
  ).split(' '),
);

/**
 * Name particles (lower case), the one list for keys and BibTeX names. Keys drop them like Better BibTeX does
 * ("Ludwig van Beethoven" → beethoven) and never take one for the surname when a name ends oddly ("Jan van der");
 * BibTeX names keep them with the surname ("Ludwig van Beethoven" → "van Beethoven, Ludwig").
 */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(
  'van von der den de del della di da du la le ten ter dos das st. bin ibn al el'.split(' '),
);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv|phd|ph\.d\.)$/i;

/** The ASCII-folded surname of one author name, '' when nothing usable remains. */
export function surnameOf(name: string): string {
  let n = name.replace(/\([^)]*\)/g, ' ').trim();
  const comma = n.indexOf(',');
  if (comma > 0) {
    if (!SUFFIXES.test(n.slice(comma + 1).trim())) {
      // "van der Berg, Jan" (BibTeX order): the whole family part, particles dropped.
      const family = n.slice(0, comma).split(/\s+/).filter((w) => w && !NAME_PARTICLES.has(w.toLowerCase()));
      const folded = asciiFold(family.join(''));
      if (folded) return folded;
    }
    n = n.slice(0, comma); // "John Smith, Jr."
  }
  const words = n.split(/\s+/).filter((w) => w && !SUFFIXES.test(w));
  for (let i = words.length - 1; i >= 0; i--) {
    if (words.length > 1 && NAME_PARTICLES.has(words[i].toLowerCase())) continue;
    const folded = asciiFold(words[i]);
    if (folded) return folded;
  }
  return '';
}

function firstTitleWord(title: string): string {
  // Tag-like markup is not a word of the title ("<b>Deep</b> nets" → deep).
  for (const word of title.replace(/<\/?[A-Za-z][^<>]*>/g, ' ').split(/[^\p{L}\p{N}\p{M}]+/u)) {
    const folded = asciiFold(word);
    if (folded && !STOP_WORDS.has(folded)) return folded;
  }
  return '';
}

/** The key a paper would get without collisions: `surname` + `year` + `word`, `anon` without authors. */
export function keyCandidate(paper: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'day'>): string {
  const first = (paper.authors ?? []).find((a) => typeof a === 'string' && a.trim());
  const surname = (first && surnameOf(first)) || 'anon';
  const year = paperYear(paper);
  return `${surname}${year ?? ''}${firstTitleWord(typeof paper.title === 'string' ? paper.title : '')}`;
}

/** a, b, … z, aa, ab, … (bijective base 26). */
function suffix(n: number): string {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(97 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * Returns a new map that keeps every existing assignment and adds a unique key for each paper without one,
 * suffixed a, b, … on collision. New papers are assigned in id order, so the result does not depend on the
 * order the papers came in. `taken`: keys no new paper may get although no paper of `existing` has them (the
 * keys of the workspace's bibliographies, see core/library/workspace-keys.ts).
 */
export function assignKeys(existing: KeyMap, papers: Paper[], taken: Iterable<string> = []): KeyMap {
  const out: KeyMap = { ...existing };
  const used = new Set([...Object.values(existing), ...taken]);
  const fresh = new Map<string, Paper>();
  for (const p of papers) if (p && typeof p.id === 'string' && !(p.id in out) && !fresh.has(p.id)) fresh.set(p.id, p);
  const ids = [...fresh.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Where each base's suffix search resumes, so many papers sharing a base stay linear.
  const nextSuffix = new Map<string, number>();
  for (const id of ids) {
    const base = keyCandidate(fresh.get(id)!);
    let key = base;
    let n = nextSuffix.get(base) ?? 0;
    while (used.has(key)) key = base + suffix(n++);
    nextSuffix.set(base, n);
    used.add(key);
    out[id] = key;
  }
  return out;
}
