// Citation keys. CONTRACT (implementation pending; owned by the cite+notes work).
import type { Paper } from '../papers/model';

/** id → key, as persisted by the store. Keys once assigned never change. */
export type KeyMap = Record<string, string>;

/**
 * Returns a new map that keeps every existing assignment and adds a unique key for each paper without one,
 * in the Better BibTeX spirit: ASCII-folded first-author surname + year + first significant title word,
 * suffixed a, b, … on collision.
 */
export function assignKeys(_existing: KeyMap, _papers: Paper[]): KeyMap {
  throw new Error('assignKeys: not implemented yet');
}
