/// <reference types="mocha" />
// The abstract panel's Keep Open button is offered only where it does something: in the reusable preview panel.
// Panels opened to the side are kept already; a panel restored after a reload comes back as what it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PANEL_TYPE } from '../../src/vscode/abstract-panel';
import { extensionApi, FIXTURE_DAY, until } from './support';

const KEEP_OPEN = 'data-action="keepOpen"';

describe('Abstract webview: Keep Open', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const api = await extensionApi();
    await until('all panels closed', () => (api.abstracts.openPapers().length === 0 ? true : undefined));
  });

  it('offers Keep Open in the preview panel only, not in a panel opened to the side', async () => {
    const api = await extensionApi();
    const [a, b] = (await api.services.catalog().refreshDay(FIXTURE_DAY)).papers;
    const preview = await vscode.commands.executeCommand<vscode.WebviewPanel>('paperNotes.openPaper', a.id);
    const side = await vscode.commands.executeCommand<vscode.WebviewPanel>('paperNotes.openPaperToSide', b.id);
    assert.ok(preview.webview.html.includes(KEEP_OPEN), 'the preview panel has the button');
    assert.ok(!side.webview.html.includes(KEEP_OPEN), 'a panel opened to the side is kept: no button that does nothing');
    assert.deepEqual(api.abstracts.openPapers(), [{ id: a.id, preview: true }, { id: b.id, preview: false }]);
  });

  it('restores a kept panel as kept (no Keep Open) and the preview panel as the reusable preview', async () => {
    const api = await extensionApi();
    const [a, b, c] = (await api.services.catalog().refreshDay(FIXTURE_DAY)).papers;
    // What the serializer receives after a reload: a fresh panel and the state the webview saved.
    const kept = vscode.window.createWebviewPanel(PANEL_TYPE, 'restored', vscode.ViewColumn.Active, {});
    await api.abstracts.restore(kept, { id: a.id, preview: false });
    const preview = vscode.window.createWebviewPanel(PANEL_TYPE, 'restored', vscode.ViewColumn.Active, {});
    await api.abstracts.restore(preview, { id: b.id, preview: true });
    assert.ok(!kept.webview.html.includes(KEEP_OPEN), 'a restored kept panel has no button that does nothing');
    assert.ok(preview.webview.html.includes(KEEP_OPEN), 'the restored preview panel keeps its button');
    assert.deepEqual(api.abstracts.openPapers(), [{ id: b.id, preview: true }, { id: a.id, preview: false }]);
    // It is the preview again: the next paper replaces it instead of opening a third panel.
    const next = await vscode.commands.executeCommand<vscode.WebviewPanel>('paperNotes.openPaper', c.id);
    assert.equal(next, preview);
    assert.deepEqual(api.abstracts.openPapers(), [{ id: c.id, preview: true }, { id: a.id, preview: false }]);
  });

  it('restores a panel saved before this change (state without preview) as kept, without Keep Open', async () => {
    const api = await extensionApi();
    const [a] = (await api.services.catalog().refreshDay(FIXTURE_DAY)).papers;
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, 'restored', vscode.ViewColumn.Active, {});
    await api.abstracts.restore(panel, { id: a.id });
    assert.ok(!panel.webview.html.includes(KEEP_OPEN));
    assert.deepEqual(api.abstracts.openPapers(), [{ id: a.id, preview: false }]);
  });
});
