// The Done-when walk: open the sidebar → the fixture day lists the 69 seed papers by upvotes → click one → the
// webview shows its abstract; a failing day shows its error item, Retry recovers it. Screenshots at each stage.
import { FIXTURE_DAY, HOSTILE_DAY } from '../harness/settings.mjs';
import { expect, runCommand, setExpanded, treeRow, webview, widenSidebar } from './workbench.mjs';
import { seed } from './fixture-day.mjs';

// The hostile day's valid papers, counted by hand from test/fixtures/make-fixtures.mjs: the 69 seed papers plus
// 9999.00201–00203 and 00208–00213; duplicates merge, and the 9 items without an id, a title or an object are skipped.
const hostileValid = 78;
/** First of the walks: it starts from the fresh profile's welcome view. */
export const order = 0;


export default async function ({ page, fixture, shot, log }) {
  // The activity-bar container, then the welcome view's button (a fresh profile has nothing cached).
  await page.locator('.activitybar [aria-label^="Paper Notes"]').first().click();
  const view = page.locator('[id="workbench.view.extension.paperNotes"]');
  await view.locator('.welcome-view-content', { hasText: 'Daily papers from the Hugging Face feed' }).waitFor();
  await shot('welcome');
  await view.getByRole('button', { name: 'Show Daily Papers' }).click();
  await widenSidebar(page, 520); // room for the ▲upvotes · author descriptions in the screenshots

  // Today (the fixture day) is expanded; its row says 69 papers and the rows come in upvote order.
  await treeRow(page, FIXTURE_DAY).filter({ hasText: '69 papers' }).waitFor();
  for (const p of seed.slice(0, 5)) await treeRow(page, p.title).first().waitFor();
  const titles = await view.locator('.monaco-list-row .label-name').allInnerTexts();
  const shown = titles.filter((t) => seed.some((p) => p.title === t));
  expect(shown.length >= 5, `at least 5 paper rows visible (got ${shown.length})`);
  expect(JSON.stringify(shown) === JSON.stringify(seed.slice(0, shown.length).map((p) => p.title)), `rows in upvote order: ${shown.slice(0, 5).join(' | ')}`);
  const firstRow = treeRow(page, seed[0].title).first();
  expect((await firstRow.innerText()).includes(`▲${seed[0].upvotes}`), 'the row shows ▲upvotes');

  // Click the top paper: the abstract webview opens with its title and abstract.
  await firstRow.click();
  const frame = webview(page);
  await frame.locator('#title', { hasText: seed[0].title }).waitFor();
  const abstract = await frame.locator('#abstract').innerText();
  expect(abstract.includes(seed[0].summary.slice(0, 60)), 'the webview shows the abstract');
  await page.locator('.tabs-container .tab', { hasText: seed[0].title.slice(0, 30) }).first().waitFor();
  await shot('abstract');
  log(`abstract of ${seed[0].id} shown`);

  // The panel survives a window reload: the webview saved the paper id (setState), the serializer restores it.
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window'); // flushes the workbench state, unlike a bare page reload
  await reloaded;
  await page.locator('.monaco-workbench').waitFor();
  await webview(page).locator('#title', { hasText: seed[0].title }).waitFor();
  log('abstract restored after reload');

  // A failing day: the fixture server answers HTML; the day shows an error item with the reason.
  fixture.setFault(HOSTILE_DAY, 'html');
  await setExpanded(treeRow(page, FIXTURE_DAY).first(), false); // collapse today so the other days are in view
  await setExpanded(treeRow(page, HOSTILE_DAY).first(), true);
  const error = treeRow(page, 'not valid JSON'); // the error item's label is the reason
  await error.waitFor();
  await shot('error');

  // Retry (the row's inline action) after the source recovers: the day lists its papers.
  fixture.clearFaults();
  await error.hover();
  await error.locator('.action-label[aria-label="Retry"]').click();
  await error.waitFor({ state: 'detached' });
  await treeRow(page, HOSTILE_DAY).filter({ hasText: `${hostileValid} papers` }).waitFor();
  await shot('recovered');

  // Filter from the view's title bar: the view's description shows it, and only matching rows remain.
  const sidebar = page.locator('.part.sidebar');
  // The container holds Daily Papers and Related, so the view's title actions sit in its own pane header (on hover).
  const header = sidebar.locator('.pane-header', { hasText: 'Daily Papers' });
  await header.hover();
  await header.locator('.action-label[aria-label="Filter Papers…"]').click();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill('Nash');
  await page.keyboard.press('Enter');
  await view.locator('.message', { hasText: 'Showing papers matching “Nash”' }).waitFor();
  await treeRow(page, HOSTILE_DAY).filter({ hasText: `of ${hostileValid} papers` }).waitFor();
  await treeRow(page, 'Nash Learning from Human Feedback').first().waitFor();
  await treeRow(page, 'Consistency-guided Prompt Learning').first().waitFor({ state: 'detached' });
  await shot('filtered');
  await header.hover();
  await header.locator('.action-label[aria-label="Clear Filter"]').click();
  await treeRow(page, 'Consistency-guided Prompt Learning').first().waitFor();
  await view.locator('.message', { hasText: 'Showing papers matching' }).waitFor({ state: 'hidden' });

  // A hostile title from that day renders as literal text in the webview, not as markup.
  await treeRow(page, '<script>alert("title")').first().click();
  const title = frame.locator('#title');
  await title.filter({ hasText: '<script>alert("title")</script>' }).waitFor();
  expect((await title.locator('b, script').count()) === 0, 'no markup from the title reaches the DOM');
  expect((await frame.locator('#links a').evaluateAll((as) => as.map((a) => a.protocol))).every((p) => p === 'https:' || p === 'http:'), 'only http(s) links');
  await shot('hostile');
}
