// The clean fixture day the e2e walks use: its papers by upvotes (the tree's order), and the keys a user would see
// for the ones the walks cite — written out by hand from the fixture's authors, years and titles (surname folded to
// ASCII + year + first significant title word), so a bug in the key code fails a walk instead of moving with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/code-server.mjs';
import { FIXTURE_DAY } from '../harness/settings.mjs';

const items = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/days', `${FIXTURE_DAY}.json`), 'utf8'));

/** The fixture day's papers, most upvoted first. */
export const seed = items.map((i) => i.paper).sort((a, b) => b.upvotes - a.upvotes);

const KEYS = {
  '9999.00064': 'angstrom2026consistency', // Zoë Ångström, "Consistency-guided Prompt Learning …"
  '9999.00053': 'garcia2026distilling', //    Chloé García, "Distilling and Retrieving Generalizable Knowledge …"
  '9999.00042': 'rossi2026direct', //         Anna Rossi, "Direct Nash Optimization …"
};

/** The citation key of a fixture-day paper the walks use. */
export function keyOf(id) {
  if (!KEYS[id]) throw new Error(`no hand-written key for ${id} in test/e2e/fixture-day.mjs`);
  return KEYS[id];
}
