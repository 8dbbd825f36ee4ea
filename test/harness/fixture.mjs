// The fixture Daily Papers API (test/support/fixture-server.ts, compiled to out/ by `build.mjs --tests`),
// started in this process so the runner can steer faults directly and nothing outlives it.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';
import { onTeardown } from './processes.mjs';

export async function startFixture(options = {}) {
  const compiled = join(repoRoot, 'out/test/support/fixture-server.js');
  if (!existsSync(compiled)) throw new Error(`${compiled} missing; run: node scripts/build.mjs --tests`);
  const { startFixtureServer } = createRequire(import.meta.url)(compiled);
  const server = await startFixtureServer(options);
  onTeardown(() => server.close());
  return server;
}
