// Papers by arXiv id or URL in the real workbench, against the fixture server's arXiv route: Add Paper with three
// ids (they appear under "Added"), pasting an arXiv URL into a note inserts its stub (the paste widget still offers
// plain text; the paper joins the tree, its abstract opens, one undo removes the stub), and dragging a paper from the
// tree into the note inserts its stub (one undo removes it).
// Titles and keys are written by hand from test/fixtures/arxiv/entries.atom. Screenshots at each stage.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, mod, moveCursor, openFile, runCommand, setExpanded, treeRow, webview, widenSidebar } from './workbench.mjs';

/** After the walks that need a fresh profile. */
export const order = 2;

const editorText = async (page) =>
  (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

async function waitText(page, what, pred, timeout = 15_000) {
  const end = Date.now() + timeout;
  let text = '';
  while (Date.now() < end) {
    text = await editorText(page);
    if (pred(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; editor shows:\n${text}`);
}

export default async function ({ page, shot, log }) {
  const workspace = new URL(page.url()).searchParams.get('folder');
  expect(workspace, 'workspace folder in the URL');
  writeFileSync(join(workspace, 'arxiv-note.md'), '# Papers from arXiv\n\nPasted: \n\nDropped: \n');

  await page.locator('.activitybar [aria-label^="Paper Notes"]').first().click();
  await page.locator('[id="workbench.view.extension.paperNotes"]').waitFor();
  await widenSidebar(page, 460);

  // 1. Add Paper with three ids pasted together (an abs URL, a Hugging Face URL, an old-style id).
  await runCommand(page, 'Paper Notes: Add Paper by arXiv ID or URL', { wait: false });
  const qi = page.locator('.quick-input-widget');
  await qi.locator('.quick-input-title', { hasText: 'Add Paper by arXiv ID or URL' }).waitFor();
  await qi.locator('.quick-input-box input').fill('https://arxiv.org/abs/2503.21708v2, huggingface.co/papers/2602.05977 arXiv:hep-th/9901001');
  await page.keyboard.press('Enter');
  await qi.waitFor({ state: 'hidden' });
  const added = treeRow(page, 'Added').first();
  await added.waitFor();
  await setExpanded(added, true);
  // Once in a CI run (ci4) the node was expanded, then shown collapsed again by a refresh of the tree that followed
  // the add (For You re-ranking). Not a dropped input: a product issue under investigation (see the closing note of
  // this session). Expand it again and say so, so the rest of the walk still checks what it is for.
  try {
    await treeRow(page, 'Elementwise Layer Normalization').first().waitFor({ timeout: 10_000 });
  } catch {
    if ((await added.getAttribute('aria-expanded')) !== 'false') throw new Error('the added papers are not listed under an expanded Added node');
    log('Added was collapsed again by a tree refresh after the add (known issue): expanding it again');
    await setExpanded(added, true);
  }
  for (const title of ['Elementwise Layer Normalization', 'Clifford Kolmogorov-Arnold Networks', 'Fixture paper with an old-style identifier']) {
    await treeRow(page, title).first().waitFor();
  }
  await page.locator('.notification-toast', { hasText: 'Added 3 papers' }).waitFor();
  await shot('added');
  log('three papers under Added');

  // 2. Paste an arXiv URL into the note: the stub is inserted.
  await openFile(page, 'arxiv-note.md');
  await page.locator('[id="status.editor.selection"]').first().waitFor();
  await moveCursor(page, 3, 9); // end of "Pasted: "
  const url = 'https://arxiv.org/abs/2506.03268v1';
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((text) => navigator.clipboard.writeText(text), url);
  await page.keyboard.press(`${mod}+V`);
  const pasted = await waitText(page, 'the pasted citation', (t) => t.includes('Pasted: [@chesi2025conclusive]') || t.includes(`Pasted: ${url}`));
  expect(pasted.includes('Pasted: [@chesi2025conclusive]'), 'Insert citation is the paste applied');
  expect(!(await editorText(page)).includes(url), 'the URL itself is not in the note');
  await shot('pasted');
  // The paste widget keeps the plain paste one click away.
  await page.locator('.post-edit-widget .monaco-button').first().click();
  const option = (text) => page.locator('.action-widget .monaco-list-row', { hasText: text }).first();
  await option('Insert citation').waitFor();
  await option('Insert Plain Text').waitFor();
  await shot('paste-options');
  await page.keyboard.press('Escape');
  await option('Insert citation').waitFor({ state: 'hidden' });

  // The pasted paper is in the tree (it was not cached: fetched from arXiv, now under "Added"); its abstract opens.
  const row = treeRow(page, 'A conclusive remark on linguistic theorizing').first();
  await row.waitFor();
  await row.click();
  await webview(page).locator('#title', { hasText: 'A conclusive remark on linguistic theorizing and language modeling' }).waitFor();
  await page.locator('.tabs-container .tab', { hasText: 'A conclusive remark' }).first().waitFor();
  await shot('pasted-abstract');

  // One undo removes the stub (and pastes nothing back).
  await page.locator('.tabs-container .tab', { hasText: 'arxiv-note.md' }).first().click();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
  await page.locator('.tabs-container .tab.active', { hasText: 'arxiv-note.md' }).waitFor();
  await page.keyboard.press(`${mod}+Z`);
  await waitText(page, 'the undone paste', (t) => !t.includes('[@chesi2025conclusive]') && !t.includes('arxiv.org') && t.includes('Pasted:'));
  await shot('undo');

  // 3. Drag a paper from the tree into the note (Shift drops into the text instead of opening it).
  const source = treeRow(page, 'Clifford Kolmogorov-Arnold Networks').first();
  const target = page.locator('.editor-group-container.active .view-lines .view-line', { hasText: 'Dropped:' }).first();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 3, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 3 + 20, from.y + from.height / 2, { steps: 4 });
  await page.mouse.move(to.x + 200, to.y + to.height / 2, { steps: 12 });
  await page.keyboard.down('Shift');
  await page.mouse.move(to.x + 210, to.y + to.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await waitText(page, 'the dropped citation', (t) => t.includes('Dropped: [@wolff2026clifford]'));
  await shot('dropped');
  await page.keyboard.press(`${mod}+Z`);
  await waitText(page, 'the undone drop', (t) => !t.includes('wolff2026clifford') && !t.includes('arxiv.org') && t.includes('Dropped:'));
  log('dragged Clifford Kolmogorov-Arnold Networks into the note');
}
