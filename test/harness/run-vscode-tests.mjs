#!/usr/bin/env node
// Runs the extension-host suite (out/test/vscode/index.js, mocha) inside the real VS Code extension host:
// fixture API + code-server with the smoke-test driver + headless chromium opening the workbench with the
// test payload. Exit code = the suite's. Everything is torn down (process groups) however the run ends.
//   node test/harness/run-vscode-tests.mjs        (after `node scripts/build.mjs --tests`)
// Env: VERBOSE=1 (all workbench logs), KEEP_STATE=1 (keep the temp state dir), EXT_TEST_TIMEOUT_MS.
import util from 'node:util';
import { cpSync, mkdtempSync, rmSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startCodeServer } from './code-server.mjs';
import { startFixture } from './fixture.mjs';
import { launchBrowser, workbenchUrl, remoteUri } from './browser.mjs';
import { teardown, onTeardown } from './processes.mjs';
import { testSettings } from './settings.mjs';
import { extensionUnderTest } from './extension.mjs';

const t0 = Date.now();
const timeoutMs = Number(process.env.EXT_TEST_TIMEOUT_MS || 600_000);
const stateDir = mkdtempSync(join(tmpdir(), 'paper-notes-vscode-'));
onTeardown(() => { if (!process.env.KEEP_STATE) rmSync(stateDir, { recursive: true, force: true }); else console.log(`[harness] state kept: ${stateDir}`); });
let code = 1;
try {
  if (!existsSync(join(repoRoot, 'out/test/vscode/index.js'))) throw new Error('out/test/vscode/index.js missing; run: node scripts/build.mjs --tests');
  const fixture = await startFixture();
  const workspace = join(stateDir, 'workspace');
  cpSync(join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
  const extension = extensionUnderTest();
  const server = await startCodeServer({ stateDir, smokeDriver: true, settings: {
    ...testSettings(fixture.url),
    // VS Code in a browser saves dirty editors after a second by default; this suite asserts what the extension
    // saves (nothing the user has not saved), and on a busy machine that timer saved a test's dirty note first.
    'files.autoSave': 'off',
  }, ...extension });
  // The host gives each extension its own `vscode` API object, chosen by the path of the requiring file, and the
  // suite stubs some of the extension's (showWarningMessage, createQuickPick): so the suite must sit inside the
  // extension's folder. A linked checkout already holds it; into an installed VSIX the harness copies the compiled
  // suite and its fixtures (under .suite/, laid out as in the checkout), and the extension itself runs the VSIX's files.
  let root = repoRoot;
  if (extension.vsix) {
    root = join(server.extensionPath, '.suite');
    cpSync(join(repoRoot, 'out'), join(root, 'out'), { recursive: true });
    cpSync(join(repoRoot, 'test/fixtures'), join(root, 'test/fixtures'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules')); // mocha, outside the suite's bundles
  }
  const suite = join(root, 'out/test/vscode/index.js');
  console.log(`[harness] fixture ${fixture.url}, code-server ${server.url} (${server.startMs} ms), extension ${extension.vsix ?? `linked from ${repoRoot}`}`);
  const { context } = await launchBrowser();
  let resolveExit;
  const done = new Promise((resolve) => { resolveExit = resolve; });
  await context.exposeFunction('codeAutomationExit', (c) => resolveExit(Number(c)));
  // The workbench forwards its log, including the extension host's console (the mocha reporter), here.
  const noise = /^(Resolving connection|Resolved connection|Creating a socket|\[(ChatModelSelection|AgentHost|AccountPolicyGate|reconnection-grace-time|Service Worker)|Updating additional builtin|Ignoring fetching additional builtin)/;
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    if (process.env.VERBOSE || !noise.test(text.trim())) console.log(text);
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  // The workbench runs extension tests only in development mode: for a VSIX the development path is the installed
  // copy (as code-server unpacked it), so the suite runs the packaged files, never the checkout's.
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.url, extension.vsix ? server.extensionPath : repoRoot)],
    ['extensionTestsPath', remoteUri(server.url, suite)],
    ['skipWelcome', 'true'],
    ['extensionEnvironment', JSON.stringify({ PAPER_NOTES_FIXTURE_URL: fixture.url, PAPER_NOTES_INSTALLED_AT: extension.vsix ? server.extensionPath : repoRoot, PAPER_NOTES_PACKAGED: extension.vsix ? '1' : '' })],
  ];
  // The suite's exit is what we wait on (the watchdog below bounds it); loading the workbench is only the way there,
  // and on a busy machine its 'load' event took longer than Playwright's default 30 s.
  await page.goto(workbenchUrl(server.url, workspace, payload), { waitUntil: 'domcontentloaded', timeout: 180_000 });
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => { console.log(`[harness] timeout after ${timeoutMs} ms`); resolve(2); }, timeoutMs); });
  code = await Promise.race([done, timeout]);
  clearTimeout(timer);
} catch (e) {
  console.error('[harness] extension-host run failed:', e?.stack ?? e);
  code = 1;
} finally {
  await teardown();
}
console.log(`[harness] extension-host suite: exit ${code}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(code);
