// The Paper Notes walkthrough and shortcuts, as a new user meets them: Welcome: Open Walkthrough… → Get Started
// with Paper Notes; a step's button opens Daily Papers, another opens an abstract; in a Markdown note the Insert
// Citation keybinding (Ctrl+Shift+Alt+K) inserts a stub and Ctrl+Shift+Alt+F opens Search Notes by Topic; the
// index's status-bar item opens its menu and Show Log opens the log. The screenshots (daily-papers, abstract,
// insert-citation, sync-bibliography, search-notes) are the ones `npm run screenshots` copies for the README and
// the walkthrough itself.
import { FIXTURE_DAY } from '../harness/settings.mjs';
import { expect, openFile, runCommand, treeRow, webview, widenSidebar } from './workbench.mjs';
import { seed } from './fixture-day.mjs';

/** After the Daily Papers walk, which needs a fresh profile (it checks the welcome view). */
export const order = 1;

const editorLines = (page) => page.locator('.editor-group-container.active .monaco-editor .view-lines').first();

async function waitEditorText(page, what, pred, timeout = 10_000) {
  const end = Date.now() + timeout;
  let text = '';
  while (Date.now() < end) {
    text = (await editorLines(page).innerText()).replace(/\u00a0/g, ' ');
    if (pred(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; editor shows:\n${text}`);
}

/**
 * Picks the quick pick's row for `title` after typing `filter`. The extension replaces the items as the value
 * changes, so Enter waits for that row to be the focused one (else it could accept nothing), and is pressed again
 * if the pick is still open (the items were replaced under the first press).
 */
async function pickRow(page, qi, filter, title, timeout = 30_000) {
  await qi.locator('.quick-input-box input').fill(filter, { timeout });
  const focused = qi.locator('.monaco-list-row.focused', { hasText: title }).first();
  for (let attempt = 0; ; attempt++) {
    await focused.waitFor({ timeout });
    await page.keyboard.press('Enter');
    if (await qi.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false)) return;
    if (attempt === 2) throw new Error(`the quick pick did not accept "${title}"`);
  }
}

export default async function ({ page, shot, log }) {
  const qi = page.locator('.quick-input-widget');

  // 1. The walkthrough, from the palette's list of walkthroughs.
  await runCommand(page, 'Welcome: Open Walkthrough', { wait: false });
  await qi.locator('.monaco-list-row', { hasText: 'Get Started with Paper Notes' }).first().waitFor();
  await qi.locator('.quick-input-box input').fill('Paper Notes');
  await qi.locator('.monaco-list-row', { hasText: 'Get Started with Paper Notes' }).first().click();
  const walk = page.locator('.gettingStartedContainer');
  await walk.locator('.getting-started-step', { hasText: 'Open Daily Papers' }).first().waitFor();
  log('walkthrough open');

  // 2. Step 1's button opens the Daily Papers view with the fixture day.
  await walk.locator('.getting-started-step.expanded a.button-link, .getting-started-step.expanded .button-container a', { hasText: 'Open Daily Papers' }).first().click();
  await treeRow(page, FIXTURE_DAY).filter({ hasText: '69 papers' }).waitFor();
  await shot('walkthrough');
  await widenSidebar(page, 460);
  await shot('daily-papers');

  // 3. Step 2's button asks for a paper and opens its abstract.
  await walk.locator('.getting-started-step', { hasText: 'Read an abstract' }).first().click();
  await walk.locator('.getting-started-step.expanded', { hasText: 'Read an abstract' }).waitFor();
  const paper = seed[0];
  // Selecting a step moves focus into the walkthrough a moment later, which can close a quick pick that opened
  // meanwhile (or take the Enter meant for it): then the button is clicked again, until the abstract is open.
  const heading = webview(page).locator('h1', { hasText: paper.title.slice(0, 30) });
  for (let attempt = 0; ; attempt++) {
    try {
      await walk.locator('a', { hasText: 'Open an Abstract' }).first().click();
      await qi.locator('.quick-input-title', { hasText: 'Open Abstract' }).waitFor({ timeout: 5000 });
      await pickRow(page, qi, paper.title.split(' ').slice(0, 4).join(' '), paper.title, 5000);
      await heading.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt === 2) throw e;
      log(`no abstract after the step's button (${e.message.split('\n')[0]}); clicking it again`);
      if (await qi.isVisible()) await page.keyboard.press('Escape');
    }
  }
  await shot('abstract');
  log(`abstract of ${paper.id} open`);

  // 4. The Insert Citation keybinding in a Markdown editor.
  await runCommand(page, 'View: Close All Editors');
  await openFile(page, 'second.md');
  await editorLines(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nKeybinding: ');
  await page.keyboard.press('Control+Shift+Alt+K');
  await qi.locator('.quick-input-title', { hasText: 'Insert Citation' }).waitFor();
  const cited = seed[1];
  await qi.locator('.quick-input-box input').fill(cited.title.split(' ').slice(0, 4).join(' '));
  await qi.locator('.monaco-list-row.focused', { hasText: cited.title }).first().waitFor();
  await shot('insert-citation');
  await pickRow(page, qi, cited.title.split(' ').slice(0, 4).join(' '), cited.title);
  const text = await waitEditorText(page, 'the stub', (t) => /Keybinding: \[@[^\]]+\]/.test(t));
  log(`inserted ${/\[@[^\]]+\]/.exec(text)[0]} with Ctrl+Shift+Alt+K`);
  await page.keyboard.press('Control+S');

  // 5. Sync Bibliography, and its file.
  await runCommand(page, 'Paper Notes: Sync Bibliography');
  await page.locator('.notifications-toasts', { hasText: /Bibliography (updated|up to date)/ }).first().waitFor();
  await openFile(page, 'references.bib');
  await waitEditorText(page, 'BibTeX entries', (t) => /@\w+\{/.test(t));
  await shot('sync-bibliography');

  // 6. Search Notes by Topic by its keybinding, from the Markdown note (still open in its tab).
  await page.locator('.tabs-container .tab', { hasText: 'second.md' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'second.md' }).waitFor();
  await editorLines(page).click();
  await page.keyboard.press('Control+Shift+Alt+F');
  await qi.locator('.quick-input-title', { hasText: 'Search Notes by Topic' }).waitFor();
  const topic = cited.title.split(/\s+/).find((w) => w.length > 6) ?? cited.title.split(/\s+/)[0];
  await qi.locator('.quick-input-box input').fill(topic.replace(/[^\p{L}\p{N}-]/gu, ''));
  await qi.locator('.monaco-list-row', { hasText: 'second.md' }).first().waitFor();
  await shot('search-notes');
  await page.keyboard.press('Escape');

  // 7. The index's status-bar item: its menu, and Show Log from it.
  await page.locator('.statusbar-item', { hasText: /\d+ notes?$/ }).first().click();
  await qi.locator('.quick-input-title', { hasText: 'notes index' }).waitFor();
  for (const item of ['Rebuild Notes Index', 'Show Log', 'Open Settings']) await qi.locator('.monaco-list-row', { hasText: item }).first().waitFor();
  await shot('index-menu');
  await qi.locator('.monaco-list-row', { hasText: 'Show Log' }).first().click();
  const output = page.locator('.part.panel', { hasText: 'note index' });
  await output.waitFor();
  expect(await page.locator('.part.panel .monaco-select-box, .part.panel [aria-label*="Paper Notes"]').count() > 0, 'the Output panel shows the Paper Notes channel');
  await shot('show-log');
}
