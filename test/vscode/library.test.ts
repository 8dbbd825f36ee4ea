/// <reference types="mocha" />
// The researcher's bibliographies in the real extension host: a Zotero-style .bib outside the workspace (named by
// paperNotes.bibliographies) and a CSL-JSON file named by a note's front matter. Completion, hover, Go to
// Definition and the preview for their keys; no false warnings; the broken entry flagged at its line in the .bib;
// the .bib rewritten on disk changes the completion list; a note citing an entry whose eprint is a daily paper is
// listed under that paper in the tree. Expected titles and lines are read off the fixture files by hand.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { validateDailyItems } from '../../src/core/papers/validate';
import { extensionApi, fixtureItems, FIXTURE_DAY, until } from './support';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'library', name));
const cfg = () => vscode.workspace.getConfiguration('paperNotes');
const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

async function completionLabels(doc: vscode.TextDocument, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, '@', 20_000);
  return list.items.map(labelOf);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
}

describe('Library (bibliographies as sources)', function () {
  this.timeout(60_000);
  let bibUri: vscode.Uri;
  let cslUri: vscode.Uri;
  let noteDoc: vscode.TextDocument;
  const created: vscode.Uri[] = [];

  before(async () => {
    const api = await extensionApi();
    await api.services.catalog().addPapers(validateDailyItems(fixtureItems(FIXTURE_DAY), FIXTURE_DAY).papers);
    await until('paper snapshot', () => api.citations.lookup.size >= 69 || undefined);
    // The Zotero export lives outside the workspace, as a Better BibTeX auto-export usually does.
    bibUri = vscode.Uri.file(join(mkdtempSync(join(tmpdir(), 'pn-zotero-')), 'zotero.bib'));
    await vscode.workspace.fs.writeFile(bibUri, fixture('zotero.bib'));
    await cfg().update('bibliographies', [bibUri.fsPath], vscode.ConfigurationTarget.Global);
    // The CSL-JSON file is named by the front matter of the note that cites it.
    cslUri = vscode.Uri.joinPath(root(), 'library', 'extra.json');
    await vscode.workspace.fs.writeFile(cslUri, fixture('extra.json'));
    const note = vscode.Uri.joinPath(root(), 'library', 'reading.md');
    const text = '---\ntitle: Reading\nbibliography: extra.json\n---\n' +
      'Old [@lovelace1843notes] and new [@vaswani2017attention; @muller2020uber] and [@ostrom2024nested] and [@nosuchkey2020].\n\n[@\n';
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode(text));
    created.push(vscode.Uri.joinPath(root(), 'library'), bibUri);
    noteDoc = await vscode.workspace.openTextDocument(note);
    await vscode.window.showTextDocument(noteDoc);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cfg().update('bibliographies', undefined, vscode.ConfigurationTarget.Global);
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
  });

  it('completes keys from the .bib and the CSL-JSON file, never the broken entry', async () => {
    const at = new vscode.Position(6, 2);
    const labels = await until('library keys offered', async () => {
      const l = await completionLabels(noteDoc, at);
      return l.includes('lovelace1843notes') && l.includes('muller2020uber') ? l : undefined;
    });
    for (const k of ['vaswani2017attention', 'muller2020uber', 'icml2024', 'ostrom2024nested', 'lovelace1843notes', 'hopper2019bert']) {
      assert.ok(labels.includes(k), `offers ${k}`);
    }
    assert.ok(!labels.includes('broken2021missing'), 'the broken entry is not offered');
    assert.equal(labels.filter((l) => l === 'muller2020uber').length, 1, 'once');
  });

  it('hovers an entry with its Unicode title, authors and its file', async () => {
    const col = noteDoc.lineAt(4).text.indexOf('@muller2020uber') + 2;
    const md = await until('entry hover', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', noteDoc.uri, new vscode.Position(4, col)));
      return t.includes('Größe') ? t : undefined;
    });
    assert.ok(md.includes('Über die Größe von Netzen – eine Studie'), md);
    assert.ok(md.includes('Jörg Müller, José García'), md);
    assert.ok(md.includes('line 18'), md);
    const cslCol = noteDoc.lineAt(4).text.indexOf('@lovelace1843notes') + 2;
    const csl = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', noteDoc.uri, new vscode.Position(4, cslCol)));
    assert.ok(csl.includes('Notes on the Analytical Engine'), csl);
    assert.ok(csl.includes('Ada Lovelace'), csl);
  });

  it("goes to the entry's line in its file", async () => {
    const def = async (key: string) => {
      const col = noteDoc.lineAt(4).text.indexOf(`@${key}`) + 2;
      const defs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', noteDoc.uri, new vscode.Position(4, col));
      return defs.map((d) => ('uri' in d ? [d.uri.toString(), d.range.start.line] : [d.targetUri.toString(), d.targetRange.start.line]));
    };
    assert.deepEqual(await def('muller2020uber'), [[bibUri.toString(), 17]]);
    assert.deepEqual(await def('ostrom2024nested'), [[bibUri.toString(), 31]]);
    assert.deepEqual(await def('lovelace1843notes'), [[cslUri.toString(), 2]]);
  });

  it('renders entries in the Markdown preview engine', async () => {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', 'See [@muller2020uber] and [@vaswani2017attention] and [@hopper2019bert].');
    assert.ok(html.includes('title="Über die Größe von Netzen – eine Studie"'), html);
    assert.ok(html.includes('href="https://arxiv.org/abs/1706.03762"'), html);
    assert.ok(html.includes('data-citation-key="hopper2019bert"'), html);
    assert.ok(!html.includes('paper-notes-citation-unknown'), html);
  });

  it('warns only about the key no source defines', async () => {
    const diags = await until('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(noteDoc.uri).filter((x) => x.source === 'Paper Notes');
      return d.length ? d : undefined;
    });
    assert.deepEqual(diags.map((d) => noteDoc.getText(d.range)), ['@nosuchkey2020']);
  });

  it('flags the broken entry once, at its line in the .bib', async () => {
    const diags = await until('bib diagnostic', () => {
      const d = vscode.languages.getDiagnostics(bibUri);
      return d.length ? d : undefined;
    });
    assert.deepEqual(diags.map((d) => d.range.start.line), [38]);
    assert.match(diags[0].message, /broken @article entry/i);
  });

  it('picks up the .bib rewritten on disk without a reload', async () => {
    const at = new vscode.Position(6, 2);
    const rewritten = fixture('zotero.bib').toString('utf8').replace('@article{muller2020uber,', '@article{muller2020renamed,');
    const t0 = Date.now();
    await vscode.workspace.fs.writeFile(bibUri, new TextEncoder().encode(rewritten));
    const labels = await until('renamed key offered', async () => {
      const l = await completionLabels(noteDoc, at);
      return l.includes('muller2020renamed') ? l : undefined;
    });
    console.log(`      (.bib rewrite reached completion in ${Date.now() - t0} ms)`);
    assert.ok(!labels.includes('muller2020uber'), 'the old key is gone');
    // The note still cites the old key: now it is unknown.
    await until('old key flagged', () => vscode.languages.getDiagnostics(noteDoc.uri).some((d) => noteDoc.getText(d.range) === '@muller2020uber') || undefined);
  });

  it('lists a note citing an entry whose eprint is a daily paper under that paper', async () => {
    const api = await extensionApi();
    const p = (await api.citations.papers()).byId('9999.00004')!;
    assert.ok(p, 'fixture paper 9999.00004');
    assert.notEqual(api.citations.lookup.keyOf(p.id), 'angstrom2026rlhf', 'the .bib key is not the cache key');
    const note = vscode.Uri.joinPath(root(), 'library', 'safety.md');
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode('# Safety\n\nConstraints as in [@angstrom2026rlhf].\n'));
    const notes = api.citations.notes!;
    await until('note under the paper', async () => {
      await notes.settled();
      return notes.notesCiting(p.id).some((u) => u.toString() === note.toString()) || undefined;
    });
    const children = await api.dailyPapers.getChildren({ kind: 'paper', day: FIXTURE_DAY, paper: p });
    assert.ok(children.some((c) => c.kind === 'note' && c.uri.toString() === note.toString()), 'a child of the paper in the tree');
    // Topic search finds the CSL-cited note through its entry's abstract ("Bernoulli numbers").
    await until('topic hit', async () => {
      await notes.settled();
      return notes.search('bernoulli', { kind: 'notes' }).some((h) => h.uri?.toString() === noteDoc.uri.toString()) || undefined;
    });
  });
});
