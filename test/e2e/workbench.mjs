// Small helpers for driving the VS Code workbench with Playwright.

/** Runs a command through the palette: F1, type the title, pick the row. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The DOM inside the (single) visible webview. */
export const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** A row of the Daily Papers tree whose text contains `text`. */
export const treeRow = (page, text) => page.locator('[id="workbench.view.extension.paperNotes"] .monaco-list-row', { hasText: text });

export function expect(cond, message) {
  if (!cond) throw new Error(`expectation failed: ${message}`);
}

/** Drags the sash between the side bar and the editor so the side bar is `width` px wide. */
export async function widenSidebar(page, width) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const x = sidebar.x + sidebar.width, y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 5 });
  await page.mouse.up();
}
