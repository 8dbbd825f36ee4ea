// The abstract webview's action buttons, clicked in the real webview (issues 4 and 5): with a Markdown note open
// and then the abstract shown over it, Insert Citation puts the stub at the note's cursor; Copy BibTeX puts the
// paper's entry on the clipboard (read back through the page's navigator.clipboard); Create Literature Note
// opens <notesFolder>/<key>.md; Open in Browser asks, then opens the arXiv page in a new tab — caught by a
// context route that aborts every request off 127.0.0.1, so nothing leaves the machine.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/code-server.mjs';
import { FIXTURE_DAY } from '../harness/settings.mjs';
import { expect, mod, openFile, runCommand, treeRow, webview } from './workbench.mjs';
import { keyOf, seed } from './fixture-day.mjs';

/** After the Daily Papers walk (fresh profile), before hostile (which repoints the feed). */
export const order = 1;



const editorText = async (page) =>
  (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

async function until(page, what, probe, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await probe();
    if (last?.ok) return last.value;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last?.value)?.slice(0, 400)}`);
}

export default async function ({ page, log }) {
  const context = page.context();
  const origin = new URL(page.url()).origin;
  const workspace = new URL(page.url()).searchParams.get('folder');
  expect(workspace, 'workspace folder in the URL');
  const paper = seed[1];
  const key = keyOf(paper.id);
  expect(key, `a key for ${paper.id}`);
  const notePath = join(workspace, 'notes', `${key}.md`);
  rmSync(notePath, { force: true });

  // Nothing may leave 127.0.0.1: record and abort every other request (the Open in Browser tab among them).
  const external = [];
  const guard = (route) => {
    const url = route.request().url();
    if (/^https?:\/\/127\.0\.0\.1[:/]/.test(url) || !/^https?:/.test(url)) return route.fallback();
    external.push(url);
    return route.abort();
  };
  await context.route('**/*', guard);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const popups = [];
  const onPage = (p) => popups.push(p);
  context.on('page', onPage);
  try {
    // A Markdown note open, the cursor at a new last line. (Close All Editors first: focus may sit in a restored webview.)
    await page.locator('.activitybar [aria-label^="Paper Notes"]').first().waitFor(); // contributions loaded
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'notes.md');
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press(`${mod}+End`);
    await page.keyboard.type('\nWebview cites ');

    // Then the abstract, from the Daily Papers tree: it opens over the note in the same group.
    await runCommand(page, 'Paper Notes: Show Daily Papers');
    await treeRow(page, FIXTURE_DAY).filter({ hasText: '69 papers' }).waitFor();
    await treeRow(page, paper.title).first().click();
    const frame = webview(page);
    await frame.locator('#title', { hasText: paper.title }).waitFor();
    const abstractTab = page.locator('.tabs-container .tab', { hasText: paper.title.slice(0, 30) }).first();
    await abstractTab.waitFor();

    // Insert Citation → the note comes back with the stub at its cursor.
    await frame.locator('button[data-action="insertCitation"]').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'notes.md' }).waitFor();
    await until(page, 'the stub in notes.md', async () => {
      const t = await editorText(page);
      return { ok: t.includes(`Webview cites [@${key}]`), value: t };
    });
    log(`Insert Citation → [@${key}] in notes.md`);
    await page.keyboard.press(`${mod}+Z`);
    await until(page, 'the undo', async () => {
      const t = await editorText(page);
      return { ok: !t.includes(`[@${key}]`) && t.includes('Webview cites'), value: t };
    });

    // Copy BibTeX → the clipboard holds an entry with the paper's key and title.
    await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
    await abstractTab.click();
    await frame.locator('button[data-action="copyBibtex"]').click();
    const bib = await until(page, 'BibTeX on the clipboard', async () => {
      const text = await page.evaluate(() => navigator.clipboard.readText()).catch((e) => `readText failed: ${e.message}`);
      return { ok: text.startsWith('@') && text.includes(`{${key},`), value: text };
    });
    expect(bib.includes(paper.title.slice(0, 30)), `the entry has the title:\n${bib}`);
    log(`Copy BibTeX → ${bib.split('\n')[0]}`);

    // Create Literature Note → <notesFolder>/<key>.md, opened.
    await frame.locator('button[data-action="createNote"]').click();
    await page.locator('.tabs-container .tab.active', { hasText: `${key}.md` }).waitFor();
    expect(existsSync(notePath), `${notePath} written`);
    expect(readFileSync(notePath, 'utf8').includes(`[@${key}]`), 'the note cites the paper');
    log(`Create Literature Note → notes/${key}.md opened`);

    // Open in Browser → the workbench asks first; Open → a new tab for the arXiv page (aborted by the route).
    await abstractTab.click();
    await frame.locator('button[data-action="open"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    expect((await dialog.innerText()).includes(`arxiv.org/abs/${paper.id}`), `the dialog names the URL:\n${await dialog.innerText()}`);
    await page.screenshot({ path: join(repoRoot, 'test-results', 'webview-actions.png') });
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    const want = `https://arxiv.org/abs/${paper.id}`;
    await until(page, `a request for ${want}`, async () => ({ ok: external.includes(want) && popups.length > 0, value: { external, popups: popups.map((p) => p.url()) } }));
    expect(popups.length === 1, `one new tab (got ${popups.length})`);
    expect(external.every((u) => u === want), `no other request left 127.0.0.1: ${external.join(', ')}`);
    log(`Open in Browser → new tab for ${want} (request aborted)`);
  } finally {
    // Leave notes.md as it was for the next scenario (the typed line would otherwise be restored as a dirty buffer).
    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).first().click({ timeout: 5000 })
      .then(() => runCommand(page, 'File: Revert File')).catch(() => {});
    context.off('page', onPage);
    for (const p of popups) await p.close().catch(() => {});
    await context.unroute('**/*', guard);
    await context.clearPermissions();
    rmSync(notePath, { force: true });
  }
}
