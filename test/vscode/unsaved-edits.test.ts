/// <reference types="mocha" />
// Sync Bibliography and Create Literature Note with a document the user is editing: the change is an edit in that
// document (visible, undoable), and the user's unsaved text is never written to disk by us.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { validateDailyItems } from '../../src/core/papers/validate';
import { BIB_BEGIN } from '../../src/core/cite/bib-sync';
import { extensionApi, fixtureItems, FIXTURE_DAY, until } from './support';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const onDisk = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

async function typeAtEnd(editor: vscode.TextEditor, text: string): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  assert.ok(await editor.edit((b) => b.insert(end, text)));
}

describe('Edits in documents with unsaved changes', function () {
  this.timeout(60_000);
  const created: vscode.Uri[] = [];
  let keys: Record<string, string> = {};

  before(async () => {
    // VS Code in a browser (the harness's code-server) saves after a delay by default; users who see a dirty editor don't.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const api = await extensionApi();
    const papers = validateDailyItems(fixtureItems(FIXTURE_DAY), FIXTURE_DAY).papers;
    await api.services.catalog().addPapers(papers);
    keys = await api.services.catalog().keys();
    await until('paper snapshot', () => api.citations.lookup.size >= 69 || undefined);
  });

  after(async () => {
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });

  it('Sync Bibliography edits an open .bib with unsaved changes in place, undoably, and does not save it', async () => {
    const bib = vscode.Uri.joinPath(root(), 'references.bib');
    created.push(bib);
    const mine = '@book{myown2020,\n  title = {My Own Book},\n  year = {2020}\n}\n';
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(mine));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bib));
    const draft = '% draft, not saved yet\n';
    await typeAtEnd(editor, draft);
    assert.ok(editor.document.isDirty);

    await vscode.commands.executeCommand('paperNotes.syncBibliography');
    const doc = editor.document;
    assert.ok(doc.getText().startsWith(mine + draft), 'the unsaved text is kept in the editor');
    assert.ok(doc.getText().includes(BIB_BEGIN), 'the generated block is added to the open document');
    assert.ok(doc.getText().includes('{rossi2026direct,'));
    assert.ok(doc.isDirty, 'left for the user to save');
    assert.equal(await onDisk(bib), mine, 'nothing written to disk: the draft is not saved behind the user');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await until('the sync undone', () => (doc.getText() === mine + draft ? true : undefined));
  });

  it('Sync Bibliography saves its edit to a .bib that had no unsaved changes (pandoc reads the file)', async () => {
    const bib = vscode.Uri.joinPath(root(), 'references.bib');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const mine = '@book{myown2021,\n  title = {Another Book},\n  year = {2021}\n}\n';
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(mine));
    const doc = await vscode.workspace.openTextDocument(bib);
    await until('the document reloaded from disk', () => (doc.getText() === mine && !doc.isDirty ? true : undefined));
    await vscode.commands.executeCommand('paperNotes.syncBibliography');
    const text = await onDisk(bib);
    assert.ok(text.startsWith(mine) && text.includes(BIB_BEGIN), text);
    assert.equal(doc.getText(), text);
    assert.ok(!doc.isDirty);
  });

  it('Create Literature Note opens an existing note with unsaved changes and does not save it', async () => {
    const key = keys['9999.00008'];
    assert.ok(key);
    const dir = vscode.Uri.joinPath(root(), 'notes');
    created.push(dir);
    const uri = vscode.Uri.joinPath(dir, `${key}.md`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# my note\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await typeAtEnd(editor, 'half a thought');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'notes.md')));
    assert.ok(editor.document.isDirty, 'the note stays open, behind another editor, with unsaved changes');

    await vscode.commands.executeCommand('paperNotes.createLiteratureNote', '9999.00008');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'opens the existing note');
    assert.equal(vscode.window.activeTextEditor?.document.getText(), '# my note\nhalf a thought');
    assert.ok(vscode.window.activeTextEditor?.document.isDirty, 'still unsaved');
    assert.equal(await onDisk(uri), '# my note\n', 'the unsaved text is not written behind the user');
  });
});
