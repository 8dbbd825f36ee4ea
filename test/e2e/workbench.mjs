// Small helpers for driving the VS Code workbench with Playwright.

/** The platform's command modifier for shortcuts. */
export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/**
 * Runs a command through the palette: F1, type the title, pick the row. `{ wait: false }` returns right after
 * Enter, for commands that open a quick pick of their own. The palette closes when focus moves, and right after an
 * editor closes the webview revealed behind it may take focus late (under load, after F1): then close whatever is
 * left, focus the workbench (the side bar's title) and try again.
 */
export async function runCommand(page, title, { wait = true } = {}) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 0; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ timeout: 10000 });
      await input.fill(`>${title}`, { timeout: 5000 });
      await row.waitFor({ timeout: 10000 });
      break;
    } catch (e) {
      if (attempt === 2) throw e;
      console.log(`[e2e] the palette dropped "${title}" (attempt ${attempt + 1}: ${String(e?.message ?? e).split('\n')[0]}); trying again`);
      if (await input.isVisible()) await page.keyboard.press('Escape');
      await page.locator('.part.sidebar .title-label').first().click();
    }
  }
  await page.keyboard.press('Enter');
  if (wait) await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The DOM inside the (single) visible webview. */
export const webview = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/**
 * Clicks a tree row until it is expanded (`true`) or collapsed (`false`). Under load a click can land while the
 * list re-renders after the previous one; the row's aria-expanded says whether it took.
 */
export async function setExpanded(row, expanded) {
  for (let attempt = 0; ; attempt++) {
    if ((await row.getAttribute('aria-expanded')) === String(expanded)) return;
    if (attempt === 3) throw new Error(`tree row did not become ${expanded ? 'expanded' : 'collapsed'}`);
    if (attempt > 0) console.log(`[e2e] a tree row click did not take (attempt ${attempt}); clicking again`);
    await row.click();
    await row.page().waitForFunction(
      ([el, want]) => el.getAttribute('aria-expanded') === want, [await row.elementHandle(), String(expanded)], { timeout: 3000 },
    ).catch(() => undefined);
  }
}

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

/** Opens a workspace file through Quick Open (Ctrl+P), trying again once if the widget was dismissed under it. */
export async function openFile(page, name) {
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
  const qi = page.locator('.quick-input-widget');
  for (let attempt = 0; ; attempt++) {
    try {
      await qi.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      await page.keyboard.press(`${mod}+P`);
      await qi.locator('.quick-input-box input').fill(name, { timeout: 5000 });
      await qi.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt > 0) throw e;
      console.log(`[e2e] Quick Open dropped "${name}" (${String(e?.message ?? e).split('\n')[0]}); trying again`);
      await page.keyboard.press('Escape');
    }
  }
}

/** The active editor's cursor as the status bar shows it ("Ln 7, Col 21"). */
export async function cursorAt(page) {
  const text = await page.locator('[id="status.editor.selection"]').first().innerText();
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : undefined;
}

/**
 * Puts the cursor at line:col (1-based) with Go to Line and waits until the status bar shows it there: key presses
 * such as Home and arrows can be dropped under load, and nothing else says where the cursor went.
 */
export async function moveCursor(page, line, col) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // Ctrl+G pressed while the workbench moves focus (a view refreshing, a widget closing) can open Go to Line and
  // close it again at once: ask again, and say so.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(`${mod}+G`);
    try {
      await input.waitFor();
      await input.fill(`:${line}:${col}`, { timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      console.log(`[e2e] Go to Line closed before it took :${line}:${col} (attempt ${attempt}); asking again`);
      await page.keyboard.press('Escape');
    }
  }
  // Enter before the widget has read the text does nothing: wait for its "go to line N" row.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: `line ${line}` }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${col}` }).first().waitFor();
  // The status bar moves before focus is back in the editor: a key typed in between is lost (quick-fix lost a ']').
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
}
