#!/usr/bin/env node
// Runs the browser e2e scenarios (test/e2e/*.e2e.mjs) against the real workbench: fixture API + code-server with
// the extension installed by symlink (as a user would have it; toasts visible) + headless chromium. Each scenario
// exports `default async ({ page, fixture, shot }) => {}` and gets a freshly loaded workbench. Screenshots go to
// test-results/. Exit code 0 only when every scenario passed. Everything is torn down however the run ends.
//   node test/e2e/run.mjs [name-filter]    (after `node scripts/build.mjs --tests`)
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot, startCodeServer } from '../harness/code-server.mjs';
import { startFixture } from '../harness/fixture.mjs';
import { launchBrowser, workbenchUrl } from '../harness/browser.mjs';
import { onTeardown, teardown } from '../harness/processes.mjs';
import { testSettings } from '../harness/settings.mjs';
import { extensionUnderTest } from '../harness/extension.mjs';
import { runCommand } from './workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const results = join(repoRoot, 'test-results');
mkdirSync(results, { recursive: true });
const filter = process.argv[2] ?? '';
// Sorted by name, then by a scenario's `export const order` (default 0): walks that need a fresh profile run first.
const names = readdirSync(here).filter((n) => n.endsWith('.e2e.mjs') && n.includes(filter)).sort();
const orders = new Map(await Promise.all(names.map(async (n) => [n, (await import(pathToFileURL(join(here, n)).href)).order ?? 0])));
const scenarios = names.sort((a, b) => orders.get(a) - orders.get(b));
const t0 = Date.now();
const stateDir = mkdtempSync(join(tmpdir(), 'paper-notes-e2e-'));
onTeardown(() => { if (!process.env.KEEP_STATE) rmSync(stateDir, { recursive: true, force: true }); else console.log(`[e2e] state kept: ${stateDir}`); });
let failures = 0;
try {
  if (scenarios.length === 0) throw new Error(`no e2e scenarios match "${filter}"`);
  const fixture = await startFixture();
  const workspace = join(stateDir, 'workspace');
  cpSync(join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
  const extension = extensionUnderTest();
  const server = await startCodeServer({ stateDir, settings: testSettings(fixture.url), ...extension });
  console.log(`[e2e] fixture ${fixture.url}, code-server ${server.url} (${server.startMs} ms), extension ${extension.vsix ?? `linked from ${repoRoot}`}`);
  const { context } = await launchBrowser();
  for (const file of scenarios) {
    const name = file.replace(/\.e2e\.mjs$/, '');
    const started = Date.now();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => console.log(`[e2e:${name}] pageerror: ${e.message}`));
    const shot = (label) => page.screenshot({ path: join(results, `${name}-${label}.png`) });
    try {
      const { default: scenario } = await import(pathToFileURL(join(here, file)).href);
      // Loading the workbench on a busy machine can take longer than the 30 s a step gets: wait for the workbench itself.
      await page.goto(workbenchUrl(server.url, workspace), { waitUntil: 'domcontentloaded', timeout: 180_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 180_000 });
      // Scenarios share one workbench profile: start each from no open editors, so a panel an earlier scenario kept
      // open cannot take focus (and close a quick input) in this one.
      if (scenarios.indexOf(file) > 0) await runCommand(page, 'View: Close All Editors');
      await scenario({ page, fixture, shot, log: (...a) => console.log(`[e2e:${name}]`, ...a) });
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures++;
      console.log(`  ✘ ${name} (${Date.now() - started} ms)\n${e?.stack ?? e}`);
      try { await shot('failure'); console.log(`    screenshot: test-results/${name}-failure.png`); } catch {}
    } finally {
      fixture.clearFaults();
      await page.close().catch(() => {});
    }
  }
} catch (e) {
  failures++;
  console.error('[e2e] harness failed:', e?.stack ?? e);
} finally {
  await teardown();
}
console.log(`[e2e] ${scenarios.length - Math.min(failures, scenarios.length)}/${scenarios.length} passed, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(failures ? 1 : 0);
