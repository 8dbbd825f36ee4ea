// Restricted Mode holds (SECURITY.md, Trust): a workspace whose .vscode/settings.json points paperNotes.apiBaseUrl
// (and cacheDirectory) at its own server is opened in a code-server of its own WITH Workspace Trust (the shared one
// runs with --disable-workspace-trust). Answered "No, I don't trust the authors": the Daily Papers day comes from
// the USER's server and the workspace's server gets no request, nor is its cache folder written. The converse: a
// second such workspace, trusted, is fetched from its own server (so the walk can tell the two apart).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startCodeServer } from '../harness/code-server.mjs';
import { extensionUnderTest } from '../harness/extension.mjs';
import { startFixture } from '../harness/fixture.mjs';
import { workbenchUrl } from '../harness/browser.mjs';
import { FIXTURE_DAY, testSettings } from '../harness/settings.mjs';
import { expect, treeRow } from './workbench.mjs';

const dayRequests = (server) => server.requests.filter((r) => r.url.startsWith('/api/'));

function makeWorkspace(root, name, apiBaseUrl) {
  const dir = join(root, name);
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, 'notes.md'), '# Notes\n');
  const cache = join(dir, 'workspace-cache');
  writeFileSync(join(dir, '.vscode/settings.json'), JSON.stringify({ 'paperNotes.apiBaseUrl': apiBaseUrl, 'paperNotes.cacheDirectory': cache }, null, 2));
  return { dir, cache };
}

/** Opens `dir`, answers the trust dialog with `answer`, shows the Daily Papers view and waits for the fixture day. */
async function openAndShowDay(page, serverUrl, dir, answer) {
  await page.goto(workbenchUrl(serverUrl, dir), { waitUntil: 'domcontentloaded', timeout: 180_000 }); // see run.mjs
  await page.locator('.monaco-workbench').waitFor({ timeout: 180_000 });
  await page.locator('.monaco-dialog-box').getByRole('button', { name: answer }).click();
  await page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });
  await page.locator('.activitybar [aria-label^="Paper Notes"]').first().click();
  const view = page.locator('[id="workbench.view.extension.paperNotes"]');
  const show = view.getByRole('button', { name: 'Show Daily Papers' });
  const day = treeRow(page, FIXTURE_DAY).filter({ hasText: '69 papers' });
  // Granting trust changes the effective settings, so the view may re-render under a click: retry until the day shows.
  for (let attempt = 0; ; attempt++) {
    await show.or(day).first().waitFor();
    if (await show.isVisible()) await show.click({ timeout: 3000 }).catch(() => {});
    try { await day.waitFor({ timeout: 5000 }); return; } catch (e) { if (attempt === 3) throw e; }
  }
}

export default async function ({ page, shot, log }) {
  const root = mkdtempSync(join(tmpdir(), 'paper-notes-restricted-'));
  let server;
  const fixtures = [];
  try {
    const user = await startFixture(); fixtures.push(user);
    const attacker = await startFixture(); fixtures.push(attacker);
    const userSettings = { ...testSettings(user.url), 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' };
    server = await startCodeServer({ stateDir: join(root, 'state'), settings: userSettings, ...extensionUnderTest(), workspaceTrust: true });
    log(`user ${user.url}, workspace's ${attacker.url}, code-server with trust ${server.url} (${server.startMs} ms)`);

    // Restricted Mode: the workspace's apiBaseUrl / cacheDirectory are ignored.
    const untrusted = makeWorkspace(root, 'untrusted', attacker.url);
    await openAndShowDay(page, server.url, untrusted.dir, "No, I don't trust the authors");
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    await shot('untrusted'); // test-results/restricted-mode-untrusted.png
    await page.screenshot({ path: join(repoRoot, 'test-results/restricted-mode.png') });
    const fromUser = dayRequests(user).map((r) => r.url);
    expect(fromUser.some((u) => u.includes(`date=${FIXTURE_DAY}`)), `the day was fetched from the user's server (got ${JSON.stringify(fromUser)})`);
    expect(dayRequests(attacker).length === 0, `the workspace's server got no request (got ${JSON.stringify(attacker.requests)})`);
    expect(!existsSync(untrusted.cache), "the workspace's cacheDirectory was not written");
    log(`restricted: ${fromUser.length} request(s) to the user's server, 0 to the workspace's`);

    // Trusted: the same kind of workspace is honoured, so the assertions above can tell the servers apart.
    const before = dayRequests(user).length;
    const trusted = makeWorkspace(root, 'trusted', attacker.url);
    await openAndShowDay(page, server.url, trusted.dir, 'Yes, I trust the authors');
    await shot('trusted');
    const fromWorkspace = dayRequests(attacker).map((r) => r.url);
    expect(fromWorkspace.some((u) => u.includes(`date=${FIXTURE_DAY}`)), `trusted: the day was fetched from the workspace's server (got ${JSON.stringify(fromWorkspace)})`);
    expect(dayRequests(user).length === before, "trusted: no new request to the user's server");
    expect(existsSync(trusted.cache), "trusted: the workspace's cacheDirectory was written");
    log(`trusted: ${fromWorkspace.length} request(s) to the workspace's server`);
  } catch (e) {
    await shot('failure').catch(() => {}); // before the finally leaves this workbench
    throw e;
  } finally {
    await page.goto('about:blank').catch(() => {});
    await server?.stop();
    for (const f of fixtures) await f.close().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}
