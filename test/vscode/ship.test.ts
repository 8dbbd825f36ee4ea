/// <reference types="mocha" />
// What VS Code users expect (issue 12): the Show Log / Rebuild Notes Index / Open Abstract commands, the keybinding
// contributions checked against the host's own default keybindings, and the settings that take effect at once
// (which files are notes, the index switch, unknown-key warnings, daysToShow).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { validateDailyItems } from '../../src/core/papers/validate';
import { extensionApi, fixtureItems, FIXTURE_DAY, until } from './support';

const cfg = () => vscode.workspace.getConfiguration('paperNotes');
const global = vscode.ConfigurationTarget.Global;

/** Resolves on the next change event of the notes index after `change` ran. */
async function indexChange(change: () => Thenable<void>): Promise<void> {
  const api = await extensionApi();
  const notes = api.citations.notes!;
  await notes.settled();
  const changed = new Promise<void>((resolve) => {
    const sub = notes.onDidChange(() => {
      sub.dispose();
      resolve();
    });
  });
  await change();
  await changed;
  await notes.settled();
}

const notePaths = async () => {
  const api = await extensionApi();
  return api.citations.notes!.search('note', { kind: 'notes', limit: 50 }).map((h) => h.path).sort();
};

describe('Ship: commands, keybindings and settings', function () {
  this.timeout(60_000);

  before(async () => {
    const api = await extensionApi();
    await api.services.catalog().addPapers(validateDailyItems(fixtureItems(FIXTURE_DAY), FIXTURE_DAY).papers);
    await api.citations.papers();
    await api.citations.notes!.settled();
  });

  it('registers Show Log, Rebuild Notes Index, Open Abstract and the index menu', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['paperNotes.showLog', 'paperNotes.rebuildIndex', 'paperNotes.indexMenu', 'paperNotes.openAbstract']) assert.ok(all.has(c), c);
    const pkg = vscode.extensions.getExtension('paper-notes.paper-notes')!.packageJSON;
    const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    assert.equal(titles['paperNotes.showLog'], 'Show Log');
    assert.equal(titles['paperNotes.rebuildIndex'], 'Rebuild Notes Index');
  });

  it('Show Log opens the Paper Notes output channel', async () => {
    const api = await extensionApi();
    api.services.log().info('ship test: show log');
    await vscode.commands.executeCommand('paperNotes.showLog');
    // The output channel's document, once it holds the line logged above (it fills in a moment after opening).
    const doc = await until('the log in the Output panel', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /ship test: show log/.test(d.getText())));
    assert.match(doc.uri.path, /Paper Notes/);
  });

  it('Rebuild Notes Index reads every note again; a settings restart reads none', async () => {
    const api = await extensionApi();
    const notes = api.citations.notes!;
    const count = await vscode.commands.executeCommand<number>('paperNotes.rebuildIndex');
    assert.ok(count !== undefined && count >= 2, `indexed ${count} notes`); // the fixture workspace has notes.md and second.md
    assert.equal(notes.reindexedFiles(), count);
    await notes.restart(false);
    assert.equal(notes.reindexedFiles(), 0);
    assert.equal(notes.noteCount(), count);
  });

  it('binds Insert Citation and Search Notes by Topic only in Markdown editors and the view, on keys VS Code leaves free', async () => {
    const pkg = vscode.extensions.getExtension('paper-notes.paper-notes')!.packageJSON;
    const ours = pkg.contributes.keybindings as Array<{ command: string; key: string; mac: string; when: string }>;
    assert.deepEqual(ours.map((k) => [k.command, k.key, k.mac]), [
      ['paperNotes.insertCitation', 'ctrl+shift+alt+k', 'shift+alt+cmd+k'],
      ['paperNotes.searchNotes', 'ctrl+shift+alt+f', 'shift+alt+cmd+f'],
    ]);
    for (const k of ours) assert.match(k.when, /^\(?editorTextFocus && editorLangId == markdown \|\| focusedView == paperNotes\.dailyPapers\)?/);
    // The host's default keybindings (this platform), as the Keyboard Shortcuts editor lists them.
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const doc = await until('the default keybindings', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && /"command":/.test(d.getText()) ? d : undefined;
    });
    const bound = [...doc.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1], command: m[2] }));
    assert.ok(bound.length > 300, `read ${bound.length} default keybindings`);
    for (const k of ours) {
      const clash = bound.filter((b) => !b.command.startsWith('paperNotes.') && (b.key === k.key || b.key.startsWith(`${k.key} `)));
      assert.deepEqual(clash, [], `${k.key} is free`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('paperNotes.notes.exclude and files.exclude decide which files are notes', async () => {
    assert.deepEqual(await notePaths(), ['notes.md', 'second.md']);
    try {
      await indexChange(() => cfg().update('notes.exclude', ['second.md'], global));
      assert.deepEqual(await notePaths(), ['notes.md']);
      await indexChange(() => cfg().update('notes.exclude', undefined, global));
      assert.deepEqual(await notePaths(), ['notes.md', 'second.md']);
      await indexChange(() => vscode.workspace.getConfiguration('files').update('exclude', { 'notes.md': true }, global));
      assert.deepEqual(await notePaths(), ['second.md']);
    } finally {
      await cfg().update('notes.exclude', undefined, global);
      await indexChange(() => vscode.workspace.getConfiguration('files').update('exclude', undefined, global));
    }
    assert.deepEqual(await notePaths(), ['notes.md', 'second.md']);
  });

  it('paperNotes.index.enabled = false empties the index; true builds it again', async () => {
    const api = await extensionApi();
    try {
      await indexChange(() => cfg().update('index.enabled', false, global));
      assert.equal(api.citations.notes!.noteCount(), 0);
      assert.deepEqual(api.services.notesCiting('9999.00064'), []);
    } finally {
      await indexChange(() => cfg().update('index.enabled', undefined, global));
    }
    assert.ok(api.citations.notes!.noteCount() >= 2);
    assert.equal(api.services.notesCiting('9999.00064').map((u) => u.path.split('/').pop()).includes('notes.md'), true);
  });

  it('paperNotes.diagnostics.unknownKeys = false removes the unknown-key warnings', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [@nosuchkey2026zzz].\n' });
    await vscode.window.showTextDocument(doc);
    const ours = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Paper Notes');
    await until('the unknown-key warning', () => (ours().length === 1 ? true : undefined));
    try {
      await cfg().update('diagnostics.unknownKeys', false, global);
      await until('no warnings', () => (ours().length === 0 ? true : undefined));
    } finally {
      await cfg().update('diagnostics.unknownKeys', undefined, global);
    }
    await until('the warning again', () => (ours().length === 1 ? true : undefined));
    assert.match(ours()[0].message, /Unknown citation key @nosuchkey2026zzz/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('changing paperNotes.daysToShow refreshes the Daily Papers tree at once', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('paperNotes.showDailyPapers');
    const tree = api.dailyPapers;
    const listed = async () => {
      const added = tree.addedDays();
      return (await tree.topDays()).filter((d) => !added.includes(d));
    };
    assert.deepEqual(await listed(), ['2026-07-30', '2026-07-29', '2026-07-28']); // the harness's daysToShow = 3
    const refreshed = new Promise<void>((resolve) => {
      const sub = tree.onDidChangeTreeData(() => {
        sub.dispose();
        resolve();
      });
    });
    try {
      await cfg().update('daysToShow', 1, global);
      await refreshed;
      assert.deepEqual(await listed(), ['2026-07-30']);
    } finally {
      await cfg().update('daysToShow', 3, global);
    }
  });

  it('new literature notes go to the workspace folder of the active note', async () => {
    const api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'second.md'));
    await vscode.window.showTextDocument(doc);
    assert.equal(api.citations.noteFolder()?.uri.toString(), folder.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
