/// <reference types="mocha" />
// Insert Citation from the tree or the webview with no Markdown editor open: it offers to create a literature note
// instead (issue 5). The offer is an information message; the test answers it through the same `vscode.window`
// object the extension calls (tests inside the extension's folder share its API instance), and restores it after.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { validateDailyItems } from '../../src/core/papers/validate';
import { extensionApi, fixtureItems, FIXTURE_DAY, until } from './support';

const PAPER = '9999.00011';
type ShowInfo = typeof vscode.window.showInformationMessage;

describe('Insert Citation with no Markdown editor open', function () {
  this.timeout(60_000);
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const realShowInfo = vscode.window.showInformationMessage;
  let key = '';
  let offers: Array<{ message: string; items: string[] }> = [];

  /** Makes the next information messages answer `answer` (undefined: the user dismissed the toast). */
  function answerWith(answer: string | undefined): void {
    offers = [];
    (vscode.window as { showInformationMessage: ShowInfo }).showInformationMessage = (async (message: string, ...rest: unknown[]) => {
      offers.push({ message, items: rest.filter((r): r is string => typeof r === 'string') });
      return answer;
    }) as ShowInfo;
  }

  before(async () => {
    const api = await extensionApi();
    const { papers } = validateDailyItems(fixtureItems(FIXTURE_DAY), FIXTURE_DAY);
    await api.services.catalog().addPapers(papers);
    key = (await api.services.catalog().keys())[PAPER];
    assert.ok(key, `a key for ${PAPER}`);
    await until('paper snapshot', () => api.citations.lookup.size >= 69 || undefined);
    // Make a Markdown editor the last active one, then close it: "last active" must not resurrect a closed note.
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'scratch' });
    await vscode.window.showTextDocument(doc);
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the scratch note closed', () => doc.isClosed || undefined);
  });

  afterEach(() => {
    (vscode.window as { showInformationMessage: ShowInfo }).showInformationMessage = realShowInfo;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'notes'), { recursive: true }).then(undefined, () => undefined);
  });

  it('dismissing the offer changes nothing', async () => {
    answerWith(undefined);
    await vscode.commands.executeCommand('paperNotes.insertCitation', { paper: { id: PAPER } });
    assert.equal(offers.length, 1, `one offer: ${JSON.stringify(offers)}`);
    assert.match(offers[0].message, /No Markdown editor is open/);
    assert.deepEqual(offers[0].items, ['Create Literature Note']);
    assert.equal(vscode.window.activeTextEditor, undefined, 'no editor opened');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(root(), 'notes', `${key}.md`))), 'no note created');
  });

  it('accepting it creates and opens <notesFolder>/<key>.md for that paper, without inserting anywhere else', async () => {
    answerWith('Create Literature Note');
    await vscode.commands.executeCommand('paperNotes.insertCitation', PAPER);
    assert.equal(offers.length, 1, `one offer: ${JSON.stringify(offers)}`);
    const uri = vscode.Uri.joinPath(root(), 'notes', `${key}.md`);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.ok(text.includes(`[@${key}]`), text);
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), uri.toString(), 'the new note is the active editor');
    assert.equal(active!.document.getText(), text, 'opened as created: no stub inserted into it');
    assert.equal(active!.document.isDirty, false);
  });
});
