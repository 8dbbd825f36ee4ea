/// <reference types="mocha" />
// The abstract webview in the real extension host: one reusable preview panel, kept panels, message validation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { renderHtml, validMessage } from '../../src/vscode/abstract-panel';
import { extensionApi, FIXTURE_DAY, HOSTILE_DAY, until } from './support';

const webviewTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('paperNotes.abstract'));

describe('Abstract webview', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens one reusable preview panel titled with the paper, and Open to Side keeps another', async () => {
    const api = await extensionApi();
    const day = await api.services.catalog().refreshDay(FIXTURE_DAY);
    const [a, b, c] = day.papers;
    await vscode.commands.executeCommand('paperNotes.openPaper', a.id);
    await until('the panel tab', () => webviewTabs().some((t) => t.label === a.title) || undefined);
    await vscode.commands.executeCommand('paperNotes.openPaper', b.id);
    await until('the panel to show the second paper', () => webviewTabs().some((t) => t.label === b.title) || undefined);
    assert.equal(webviewTabs().length, 1, 'the preview panel is reused');
    await vscode.commands.executeCommand('paperNotes.openPaperToSide', c.id);
    await until('a second panel', () => (webviewTabs().length === 2 ? true : undefined));
    assert.deepEqual(api.abstracts.openPapers(), [{ id: b.id, preview: true }, { id: c.id, preview: false }]);
  });

  it('escapes hostile paper text and allows only http(s) links', async () => {
    const api = await extensionApi();
    const hostile = (await api.services.catalog().refreshDay(HOSTILE_DAY)).papers.find((p) => p.id === '9999.00201');
    assert.ok(hostile, 'the hostile fixture paper 9999.00201');
    const webview = { cspSource: 'vscode-resource:', asWebviewUri: (u: vscode.Uri) => u } as unknown as vscode.Webview;
    const html = renderHtml(webview, vscode.Uri.file('/ext'), hostile, true);
    const body = html.slice(html.indexOf('<body'));
    const scripts = body.match(/<script\b/gi) ?? [];
    assert.equal(scripts.length, 1, 'only our own nonce script');
    assert.doesNotMatch(body, /<(img|iframe|svg|object)\b/i);
    assert.doesNotMatch(body, /href="(?!https?:)/i);
    assert.doesNotMatch(body, /<[a-z][^>]*\son\w+\s*=/i, 'no inline event handlers in real tags');
    assert.match(body, /&lt;script/i, 'the hostile markup is shown as text');
    assert.match(html, /default-src 'none'/);
  });

  it('validates messages from the webview', () => {
    assert.deepEqual(validMessage({ type: 'copyBibtex', id: '9999.00001' }, '9999.00001'), { type: 'copyBibtex', id: '9999.00001' });
    assert.equal(validMessage({ type: 'copyBibtex', id: '9999.00002' }, '9999.00001'), undefined, 'another paper');
    assert.equal(validMessage({ type: 'runCommand', id: '9999.00001' }, '9999.00001'), undefined, 'unknown type');
    assert.equal(validMessage({ type: 'open', id: '9999.00001', url: 'javascript:alert(1)' }, '9999.00001'), undefined);
    assert.equal(validMessage({ type: 'open', id: '9999.00001', url: 'command:workbench.action.quit' }, '9999.00001'), undefined);
    assert.deepEqual(validMessage({ type: 'open', id: '9999.00001', url: 'https://arxiv.org/abs/9999.00001' }, '9999.00001'), {
      type: 'open', id: '9999.00001', url: 'https://arxiv.org/abs/9999.00001',
    });
    assert.equal(validMessage('open', '9999.00001'), undefined);
    assert.equal(validMessage(null, '9999.00001'), undefined);
  });
});
