// The clean fixture day the e2e walks use: its papers by upvotes (the tree's order) and the keys the catalog gives them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../harness/code-server.mjs';
import { FIXTURE_DAY } from '../harness/settings.mjs';

const require = createRequire(import.meta.url);
const items = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/days', `${FIXTURE_DAY}.json`), 'utf8'));

/** The fixture day's papers, most upvoted first. */
export const seed = items.map((i) => i.paper).sort((a, b) => b.upvotes - a.upvotes);

/** The key the catalog gives a fixture-day paper (core assignKeys; the fixture day is the first one cached). */
export function keyOf(id) {
  const { validateDailyItems } = require(join(repoRoot, 'out/src/core/papers/validate.js'));
  const { assignKeys } = require(join(repoRoot, 'out/src/core/cite/keys.js'));
  return assignKeys({}, validateDailyItems(items, FIXTURE_DAY).papers)[id];
}
