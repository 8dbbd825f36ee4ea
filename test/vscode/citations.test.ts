/// <reference types="mocha" />
// Citations in the real extension host: Insert Citation (multi-cursor, one undo), completion, hover, diagnostics
// with quick fix, the preview plugin through the built-in Markdown engine, Sync Bibliography through pandoc,
// literature notes, topic search and the tree's note children. The seed papers come in through
// catalog.addPapers (no network: the Daily Papers suite counts the fixture server's requests).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { validateDailyItems } from '../../src/core/papers/validate';
import type { Paper } from '../../src/core/papers/model';
import { BIB_BEGIN } from '../../src/core/cite/bib-sync';
import { EditorNoteIndex } from '../../src/vscode/note-index';
import { locateFixRange, type FixArgs } from '../../src/vscode/insert-citation';
import { extensionApi, fixtureItems, FIXTURE_DAY, until } from './support';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
let papers: Paper[] = [];
let keys: Record<string, string> = {};

async function markdownEditor(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(doc);
}

async function writeNote(rel: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(root(), rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

describe('Citations', function () {
  this.timeout(60_000);
  const created: vscode.Uri[] = [];

  before(async () => {
    const api = await extensionApi();
    papers = validateDailyItems(fixtureItems(FIXTURE_DAY), FIXTURE_DAY).papers;
    assert.equal(papers.length, 69);
    await api.services.catalog().addPapers(papers);
    keys = await api.services.catalog().keys();
    await until('paper snapshot', () => api.citations.lookup.size >= 69 || undefined);
  });

  after(async () => {
    // Revert before closing: a dirty untitled editor would ask to save.
    for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
  });

  it('registers its commands and contributes settings, grammar and the preview plugin', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['insertCitation', 'createLiteratureNote', 'syncBibliography', 'searchNotes', 'showCitingNotes', 'copyBibtex']) {
      assert.ok(all.has(`paperNotes.${c}`), c);
    }
    const pkg = vscode.extensions.getExtension('paper-notes.paper-notes')!.packageJSON;
    assert.equal(pkg.contributes['markdown.markdownItPlugins'], true);
    assert.equal(pkg.contributes.grammars[0].injectTo[0], 'text.html.markdown');
    assert.equal(vscode.workspace.getConfiguration('paperNotes').get('citationStyle'), 'pandoc');
    assert.equal(vscode.workspace.getConfiguration('paperNotes').get('bibliographyFile'), 'references.bib');
  });

  it('Insert Citation puts [@key] at every cursor as one undoable edit', async () => {
    const editor = await markdownEditor('First line.\nSecond line.\n');
    editor.selections = [new vscode.Selection(0, 5, 0, 5), new vscode.Selection(1, 6, 1, 6)];
    const key = keys['9999.00001'];
    assert.ok(key);
    await vscode.commands.executeCommand('paperNotes.insertCitation', '9999.00001');
    assert.equal(editor.document.getText(), `First[@${key}] line.\nSecond[@${key}] line.\n`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'First line.\nSecond line.\n', 'one undo removes every stub');
  });

  it('footnote style adds the stub and one definition', async () => {
    const cfg = vscode.workspace.getConfiguration('paperNotes');
    await cfg.update('citationStyle', 'footnote', vscode.ConfigurationTarget.Global);
    try {
      const editor = await markdownEditor('Text.\n');
      editor.selection = new vscode.Selection(0, 4, 0, 4);
      await vscode.commands.executeCommand('paperNotes.insertCitation', { paper: { id: '9999.00002' } });
      const key = keys['9999.00002'];
      const text = editor.document.getText();
      assert.ok(text.startsWith(`Text[^${key}].\n`), text);
      assert.equal(text.split(`[^${key}]:`).length, 2, 'one definition');
    } finally {
      await cfg.update('citationStyle', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('completes keys inside [@ with title, authors and the abstract', async () => {
    const editor = await markdownEditor('See [@');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 6), '@', 200);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of ['9999.00001', '9999.00033', '9999.00069']) assert.ok(labels.includes(keys[id]), `offers ${keys[id]}`);
    const none = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 3));
    assert.ok(!none.items.some((i) => i.kind === vscode.CompletionItemKind.Reference), 'no citation keys outside [@');
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === keys['9999.00001'])!;
    assert.equal(item.kind, vscode.CompletionItemKind.Reference);
    assert.match(item.detail ?? '', /Müller/);
  });

  it('hovers a stub with the title and abstract, escaped and untrusted', async () => {
    const p = papers.find((x) => x.id === '9999.00003')!;
    const editor = await markdownEditor(`Cites [@${keys[p.id]}] here.`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 9));
    const md = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
    assert.ok(md.includes(p.abstract.slice(0, 20).replace(/[\\`*_{}[\]()#+\-.!|~$:]/g, '\\$&')), md);
    assert.ok(!/command:[^)]*\?/.test(md), 'no command link with arguments');
  });

  it('links a stub to the abstract and resolves Go to Definition to a read-only paper document', async () => {
    const p = papers.find((x) => x.id === '9999.00008')!;
    const editor = await markdownEditor(`Cites [@${keys[p.id]}] and arXiv:${p.id}.`);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const ours = links.filter((l) => l.target?.scheme === 'command');
    assert.equal(ours.length, 2, JSON.stringify(links.map((l) => l.target?.toString())));
    for (const l of ours) {
      assert.equal(l.target!.path, 'paperNotes.openPaper');
      assert.deepEqual(JSON.parse(decodeURIComponent(l.target!.query)), [p.id]);
    }
    const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider', editor.document.uri, new vscode.Position(0, 9));
    const uri = defs.map((d) => ('uri' in d ? d.uri : d.targetUri)).find((u) => u.scheme === 'paper-notes-paper');
    assert.ok(uri, 'a paper document');
    const doc = await vscode.workspace.openTextDocument(uri!);
    assert.ok(doc.getText().startsWith(p.title), doc.getText());
    // Untrusted title and abstract: plain text, so no Markdown preview renders their HTML or images.
    assert.equal(doc.languageId, 'plaintext');
  });

  it('warns about an unknown key, with a quick fix that opens Insert Citation', async () => {
    const editor = await markdownEditor('Unknown [@nosuchkey2026] and known [@' + keys['9999.00004'] + '].');
    const diags = await until('diagnostic', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.source === 'Paper Notes');
      return d.length ? d : undefined;
    });
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(diags[0].range), '@nosuchkey2026');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diags[0].range);
    const fix = actions.find((a) => a.command?.command === 'paperNotes.insertCitation');
    assert.ok(fix, 'quick fix offered');
    assert.equal((fix!.command!.arguments![0] as { filter: string }).filter, 'nosuchkey2026');
  });

  it('the quick fix replaces the key where it is now, and nothing when the user typed over it', async () => {
    const chosen = papers.find((x) => x.id === '9999.00004')!;
    // A typo of a real key (its last letter missing): unknown, and the picker's filter still lists the paper.
    const unknown = keys[chosen.id].slice(0, -1);
    assert.ok(!Object.values(keys).includes(unknown), unknown);
    const realWarn = vscode.window.showWarningMessage;
    const realCreate = vscode.window.createQuickPick;
    const warnings: string[] = [];
    const picks: Array<vscode.QuickPick<vscode.QuickPickItem & { paper?: Paper }>> = [];
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (m: string) => {
      warnings.push(m);
      return undefined;
    };
    // The real quick pick, kept so the test can choose a row in it the way a user does (make it active, accept).
    (vscode.window as { createQuickPick: unknown }).createQuickPick = () => {
      const qp = realCreate<vscode.QuickPickItem & { paper?: Paper }>();
      picks.push(qp);
      return qp;
    };
    // The picker is not modal: text typed while it is open moves or removes the key the fix captured.
    const runFix = async (editor: vscode.TextEditor, range: FixArgs['range'], typed: (e: vscode.TextEditor) => Thenable<boolean>) => {
      assert.ok(await typed(editor));
      const args: FixArgs = { filter: unknown, uri: editor.document.uri.toString(), range };
      const before = picks.length;
      const run = Promise.resolve(vscode.commands.executeCommand('paperNotes.insertCitation', args));
      const qp = await until('the quick fix opened its picker', () => picks[before]);
      const row = await until('the paper listed in the picker', () => qp.items.find((i) => i.paper?.id === chosen.id));
      // Accepting before the workbench reports the active row would accept nothing: wait for the row to be active.
      const active = new Promise<void>((resolve) => qp.onDidChangeActive((a) => a.some((i) => i.paper?.id === chosen.id) && resolve()));
      qp.activeItems = [row];
      await active;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await run;
    };
    try {
      const moved = await markdownEditor(`See [@${unknown}] here.`);
      await runFix(moved, [0, 5, 0, 6 + unknown.length], (e) => e.edit((b) => b.insert(new vscode.Position(0, 0), 'Also ')));
      assert.equal(moved.document.getText(), `Also See [@${keys[chosen.id]}] here.`, 'the key replaced where it moved to');
      assert.deepEqual(warnings, []);

      const gone = await markdownEditor(`See [@${unknown}] here.`);
      await runFix(gone, [0, 5, 0, 6 + unknown.length], (e) => e.edit((b) => b.replace(new vscode.Range(0, 5, 0, 6 + unknown.length), 'my own words')));
      assert.equal(gone.document.getText(), 'See [my own words] here.', 'user text untouched');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /no longer/);
    } finally {
      (vscode.window as { showWarningMessage: unknown }).showWarningMessage = realWarn;
      (vscode.window as { createQuickPick: unknown }).createQuickPick = realCreate;
    }
  });

  it('locates a moved unknown key on its line, never inside a longer key', async () => {
    const doc = (await markdownEditor('a [@foo2020x] b [@foo2020] c [@foo2020].\n')).document;
    const at = (range: FixArgs['range']) => {
      const r = locateFixRange(doc, { filter: 'foo2020', uri: doc.uri.toString(), range });
      return r && [r.start.character, r.end.character];
    };
    assert.deepEqual(at([0, 17, 0, 25]), [17, 25], 'still where captured');
    assert.deepEqual(at([0, 3, 0, 11]), [17, 25], 'nearest whole key, not @foo2020x');
    assert.deepEqual(at([0, 28, 0, 36]), [30, 38], 'nearest of two');
    assert.equal(at([1, 0, 1, 8]), undefined, 'not on that line');
  });

  it('Show Notes Citing This Paper acts on the reference under the cursor, the hover link on its hover', async () => {
    const hovered = papers.find((x) => x.id === '9999.00012')!;
    const atCursor = papers.find((x) => x.id === '9999.00013')!;
    const editor = await markdownEditor(`Hovered [@${keys[hovered.id]}] and under the cursor [@${keys[atCursor.id]}].`);
    await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 12));
    const at = editor.document.getText().indexOf(keys[atCursor.id]) + 2;
    editor.selection = new vscode.Selection(0, at, 0, at);
    const realInfo = vscode.window.showInformationMessage;
    const realPick = vscode.window.showQuickPick;
    const shown: string[] = [];
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = async (m: string) => void shown.push(m);
    (vscode.window as { showQuickPick: unknown }).showQuickPick = async (_items: unknown, o?: vscode.QuickPickOptions) => void shown.push(o?.title ?? '');
    const title = (p: Paper) => p.title.replace(/\s+/g, ' ');
    try {
      await vscode.commands.executeCommand('paperNotes.showCitingNotes');
      assert.equal(shown.length, 1);
      assert.ok(shown[0].includes(title(atCursor)), `palette: the paper under the cursor, not the last hovered: ${shown[0]}`);
      await vscode.commands.executeCommand('paperNotes.showCitingHoveredPaper');
      assert.ok(shown[1].includes(title(hovered)), `hover link: the hovered paper: ${shown[1]}`);
      await vscode.commands.executeCommand('paperNotes.showCitingHoveredPaper');
      assert.ok(shown[2].includes(title(atCursor)), `the hover is used once: ${shown[2]}`);
    } finally {
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = realInfo;
      (vscode.window as { showQuickPick: unknown }).showQuickPick = realPick;
    }
  });

  it("renders a stub in the Markdown preview engine as the paper's short title linking to arXiv", async () => {
    const p = papers.find((x) => x.id === '9999.00005')!;
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', `See [@${keys[p.id]}].`);
    assert.ok(html.includes('href="https://arxiv.org/abs/9999.00005"'), html);
    assert.ok(html.includes(`data-citation-key="${keys[p.id]}"`), html);
  });

  it('Sync Bibliography writes a .bib pandoc --citeproc accepts, keeping entries it did not write', async () => {
    const bib = vscode.Uri.joinPath(root(), 'references.bib');
    created.push(bib);
    const mine = '@book{myown2020,\n  title = {My Own Book},\n  author = {Doe, Jane},\n  year = {2020}\n}\n';
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(mine));
    await vscode.commands.executeCommand('paperNotes.syncBibliography');
    const text = decode(await vscode.workspace.fs.readFile(bib));
    assert.ok(text.startsWith(mine), 'user entry kept byte for byte');
    assert.ok(text.includes(BIB_BEGIN));
    for (const k of ['rossi2026direct', 'dvorak2026nash', keys['9999.00064'], keys['9999.00018']]) assert.ok(text.includes(`{${k},`), k);
    await vscode.commands.executeCommand('paperNotes.syncBibliography');
    assert.equal(decode(await vscode.workspace.fs.readFile(bib)), text, 'stable');
    const notes = vscode.Uri.joinPath(root(), 'notes.md').fsPath;
    const out = execFileSync('pandoc', ['--citeproc', '--bibliography', bib.fsPath, '-t', 'plain', notes], { encoding: 'utf8' });
    assert.ok(!out.includes('???'), out);
    assert.match(out, /Rossi/);
  });

  it('Create Literature Note creates <notesFolder>/<key>.md and never overwrites it', async () => {
    const key = keys['9999.00006'];
    const uri = vscode.Uri.joinPath(root(), 'notes', `${key}.md`);
    created.push(vscode.Uri.joinPath(root(), 'notes'));
    await vscode.commands.executeCommand('paperNotes.createLiteratureNote', '9999.00006');
    const first = decode(await vscode.workspace.fs.readFile(uri));
    assert.ok(first.includes(`[@${key}]`));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('my own words\n'));
    await vscode.commands.executeCommand('paperNotes.createLiteratureNote', '9999.00006');
    assert.equal(decode(await vscode.workspace.fs.readFile(uri)), 'my own words\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'opens the existing note');
  });

  it("finds a note by a cited paper's topic and lists it under the paper in the tree", async () => {
    const api = await extensionApi();
    const p = papers.find((x) => x.id === '9999.00007')!;
    const note = await writeNote('topic-note.md', `# Reading\n\nThis builds on [@${keys[p.id]}].\n`);
    created.push(note);
    const notes = api.citations.notes!;
    await until('note indexed', async () => {
      await notes.settled();
      return notes.notesCiting(p.id).some((u) => u.toString() === note.toString()) || undefined;
    });
    // The workspace's first build (a fresh profile, two notes) ran in the extension's worker threads.
    assert.ok(notes.preparedInWorkers() >= 2, `notes prepared in workers: ${notes.preparedInWorkers()}`);
    const topic = p.title.split(/\s+/).find((w) => w.length > 6)!;
    const hits = notes.search(topic, { kind: 'notes' });
    assert.ok(hits.some((h) => h.uri?.toString() === note.toString()), `"${topic}" finds the note: ${JSON.stringify(hits.map((h) => h.path))}`);
    const children = await api.dailyPapers.getChildren({ kind: 'paper', day: FIXTURE_DAY, paper: p });
    assert.ok(children.some((c) => c.kind === 'note' && c.uri.toString() === note.toString()));
    const item = api.dailyPapers.getTreeItem({ kind: 'paper', day: FIXTURE_DAY, paper: p });
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);

    // A reload opens the persisted index: nothing is re-read, and the link is still there.
    await notes.save();
    const reopened = new EditorNoteIndex(api.citations);
    try {
      await reopened.settled();
      assert.equal(reopened.reindexedFiles(), 0, 'warm start re-reads no note');
      assert.ok(reopened.notesCiting(p.id).some((u) => u.toString() === note.toString()));
    } finally {
      reopened.dispose();
    }
  });
});
