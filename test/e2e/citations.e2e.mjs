// Citations, driven in the real workbench: Insert Citation from the palette (one undo; multi-cursor), `[@`
// completion, hover, the Markdown preview's short-title link, Sync Bibliography accepted by pandoc --citeproc,
// Search Notes by Topic, and the cited paper's tree item listing the note. Screenshots at each stage.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/code-server.mjs';
import { FIXTURE_DAY } from '../harness/settings.mjs';
import { expect, mod, runCommand, treeRow, webview, widenSidebar } from './workbench.mjs';
import { keyOf, seed } from './fixture-day.mjs';

/** After the Daily Papers walk, which needs a fresh profile (it checks the welcome view). */
export const order = 1;



/** F1 → command title → Enter, without waiting for the quick input to close (it may open a second pick). */
const palette = (page, title) => runCommand(page, title, { wait: false });

async function quickOpen(page, name) {
  await page.keyboard.press(`${mod}+P`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

const editorText = async (page) =>
  (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

async function waitText(page, what, pred, timeout = 10_000) {
  const end = Date.now() + timeout;
  let text = '';
  while (Date.now() < end) {
    text = await editorText(page);
    if (pred(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; editor shows:\n${text}`);
}

/** Insert Citation from the palette, picking `paper` in the second quick pick. */
async function insertCitation(page, paper) {
  await palette(page, 'Paper Notes: Insert Citation');
  const qi = page.locator('.quick-input-widget');
  await qi.locator('.quick-input-title', { hasText: 'Insert Citation' }).waitFor();
  await qi.locator('.quick-input-box input').fill(paper.title.split(' ').slice(0, 4).join(' '));
  await qi.locator('.monaco-list-row', { hasText: paper.title }).first().waitFor();
  await page.keyboard.press('Enter');
  await qi.waitFor({ state: 'hidden' });
}

export default async function ({ page, shot, log }) {
  const workspace = new URL(page.url()).searchParams.get('folder');
  expect(workspace, 'workspace folder in the URL');

  // Papers in the cache: the sidebar's fixture day.
  await page.locator('.activitybar [aria-label^="Paper Notes"]').first().click();
  const view = page.locator('[id="workbench.view.extension.paperNotes"]');
  const start = view.getByRole('button', { name: 'Show Daily Papers' });
  const dayRow = treeRow(page, FIXTURE_DAY).first();
  await Promise.race([start.waitFor(), dayRow.waitFor()]);
  // The welcome view may flash before a started tree replaces it: a detached button is fine.
  if (await start.isVisible()) await start.click({ timeout: 5000 }).catch(() => undefined);
  await widenSidebar(page, 460);
  await treeRow(page, FIXTURE_DAY).filter({ hasText: '69 papers' }).waitFor();

  // 1. Insert Citation at the cursor; one undo removes it.
  const paper = seed[0];
  await quickOpen(page, 'second.md');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('\nOne. \nTwo. ');
  await insertCitation(page, paper);
  const afterOne = await waitText(page, 'a stub', (t) => /Two\. \[@[^\]]+\]/.test(t));
  const key = /Two\. \[@([^\]]+)\]/.exec(afterOne)[1];
  expect(key === keyOf(paper.id), `inserted the key ${keyOf(paper.id)}, got ${key}`);
  log(`inserted [@${key}] for ${paper.id}`);
  await shot('insert');
  // The injection grammar gives the key its own scope (Developer: Inspect Editor Tokens and Scopes).
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await palette(page, 'Developer: Inspect Editor Tokens and Scopes');
  const inspect = page.locator('.token-inspect-widget');
  await inspect.waitFor();
  const scopes = await inspect.innerText();
  expect(scopes.includes('entity.name.tag.citation-key.markdown') && scopes.includes('meta.citation.pandoc.markdown'), `citation scopes:\n${scopes}`);
  await shot('scopes');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press(`${mod}+Z`);
  await waitText(page, 'undo', (t) => !t.includes(`[@${key}]`) && t.includes('Two. '));
  await shot('undo');

  // 2. Multi-cursor: a cursor at the end of "One. " and of "Two. " → one stub at each.
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Alt+ArrowUp');
  await insertCitation(page, paper);
  await waitText(page, 'stubs at both cursors', (t) => t.includes(`One. [@${key}]`) && t.includes(`Two. [@${key}]`));
  await shot('multi-cursor');
  await page.keyboard.press('Escape'); // back to one cursor

  // 3. Completion: typing `[@` offers the seed papers' keys.
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('\nSee [@');
  const suggest = page.locator('.editor-widget.suggest-widget.visible');
  await suggest.waitFor();
  await suggest.locator('.monaco-list-row', { hasText: key }).first().waitFor();
  const offered = await suggest.locator('.monaco-list-row').count();
  expect(offered >= 5, `several keys offered (${offered} rows)`);
  await shot('completion');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End'); // past the auto-closed `]`
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await waitText(page, 'the completion line removed', (t) => t.trimEnd().endsWith(`Two. [@${key}]`));

  // 4. Hover a stub: the paper's abstract.
  const stub = page.locator('.editor-group-container.active .view-lines span', { hasText: key }).first();
  await stub.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await hover.locator('text=' + paper.summary.slice(0, 40)).first().waitFor();
  await shot('hover');
  await page.mouse.move(5, 5);

  // 5. Save, then the preview renders the stub as the short title linking to arXiv.
  await page.keyboard.press(`${mod}+S`);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  await palette(page, 'Markdown: Open Preview to the Side');
  const link = webview(page).locator(`a[data-citation-key="${key}"]`).first();
  await link.waitFor();
  expect((await link.getAttribute('href')) === `https://arxiv.org/abs/${paper.id}`, 'links to arXiv');
  expect((await link.getAttribute('title')) === paper.title, 'full title as tooltip');
  log(`preview shows "${await link.innerText()}"`);
  await shot('preview');
  // Close every editor (preview, note, and any abstract panel that could take focus late and close the pick):
  // picking the search hit must open the note again.
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab', { hasText: 'second.md' }).waitFor({ state: 'detached' });

  // 6. Search Notes by Topic: a word of the cited paper's topic finds second.md.
  const topic = paper.title.split(/\W+/).filter((w) => w.length > 6)[0];
  await palette(page, 'Paper Notes: Search Notes by Topic');
  const qi = page.locator('.quick-input-widget');
  await qi.locator('.quick-input-title', { hasText: 'Search Notes by Topic' }).waitFor();
  await qi.locator('.quick-input-box input').fill(topic);
  const hit = qi.locator('.monaco-list-row', { hasText: 'second.md' }).first();
  await hit.waitFor();
  await shot('topic-search');
  await hit.click();
  await page.locator('.tabs-container .tab.active', { hasText: 'second.md' }).waitFor();

  // 7. The paper's tree item lists the note.
  const row = treeRow(page, paper.title).first();
  await row.locator('.monaco-tl-twistie.collapsible').waitFor();
  await row.locator('.monaco-tl-twistie').click();
  await treeRow(page, 'second.md').first().waitFor();
  await shot('tree-note');

  // 8. Sync Bibliography, then pandoc --citeproc renders the notes with it.
  await palette(page, 'Paper Notes: Sync Bibliography');
  const bibPath = join(workspace, 'references.bib');
  const end = Date.now() + 10_000;
  let bib = '';
  while (Date.now() < end) {
    try { bib = readFileSync(bibPath, 'utf8'); if (bib.includes(`{${key},`)) break; } catch {}
    await page.waitForTimeout(100);
  }
  expect(bib.includes(`{${key},`), `references.bib has @${key}`);
  const out = execFileSync('pandoc', ['--citeproc', '--bibliography', bibPath, '-t', 'plain', join(workspace, 'notes.md'), join(workspace, 'second.md')], { encoding: 'utf8' });
  expect(!out.includes('???'), `pandoc resolved every citation:\n${out}`);
  log(`pandoc: ${out.split('\n').find((l) => l.trim()) ?? ''}`);
  const toast = page.locator('.notification-toast', { hasText: 'Bibliography updated' });
  await toast.waitFor();
  await toast.getByRole('button', { name: 'Open' }).click();
  await page.locator('.tabs-container .tab.active', { hasText: 'references.bib' }).waitFor();
  await shot('bibliography');
}
