/// <reference types="mocha" />
// Papers by arXiv id or URL in the real extension host, against the fixture server's arXiv route
// (test/fixtures/arxiv/entries.atom; titles and keys below written by hand from it): Add Paper with three ids, the
// tree's "Added" node, the abstract of one added paper, the paste provider's "Insert citation" (an uncached URL is
// fetched and added), the tree's drag payload and the Markdown drop provider's stub.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/papers/model';
import { CitationPasteProvider, pastedPaperIds } from '../../src/vscode/paste-citation';
import { PaperDropProvider } from '../../src/vscode/paper-drop';
import { PaperDragController, PAPER_MIME } from '../../src/vscode/tree-drag';
import { ADDED, type Node } from '../../src/vscode/papers-tree';
import { extensionApi, until } from './support';

const webviewTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('paperNotes.abstract'));

async function markdownDoc(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

const noToken = new vscode.CancellationTokenSource().token;
const pasteContext = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };

function transfer(entries: Record<string, string>): vscode.DataTransfer {
  const dt = new vscode.DataTransfer();
  for (const [mime, value] of Object.entries(entries)) dt.set(mime, new vscode.DataTransferItem(value));
  return dt;
}

describe('Add Paper by arXiv ID or URL', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('adds three papers pasted together; they are listed under "Added" and have keys', async () => {
    const api = await extensionApi();
    const added = await vscode.commands.executeCommand<Paper[]>(
      'paperNotes.addPaper', 'https://arxiv.org/abs/2503.21708v2, huggingface.co/papers/2602.05977  arXiv:hep-th/9901001',
    );
    assert.deepEqual(added.map((p) => [p.id, p.title]), [
      ['2503.21708', 'Elementwise Layer Normalization'],
      ['2602.05977', 'Clifford Kolmogorov-Arnold Networks'],
      ['hep-th/9901001', 'Fixture paper with an old-style identifier'],
    ]);
    const keys = await api.services.catalog().keys();
    assert.deepEqual(added.map((p) => keys[p.id]), ['stollenwerk2025elementwise', 'wolff2026clifford', 'fixture1999fixture']);
    const tree = api.dailyPapers;
    const top = await tree.getChildren();
    assert.equal(top[0].kind, 'added', 'the "Added" node comes first');
    assert.equal(tree.getTreeItem(top[0]).label, 'Added');
    const children = await tree.getChildren(top[0]);
    const listed = children.flatMap((n) => (n.kind === 'paper' ? [n.paper.id] : []));
    for (const p of added) assert.ok(listed.includes(p.id), `${p.id} is under "Added"`);
    const node = children.find((n): n is Extract<Node, { kind: 'paper' }> => n.kind === 'paper' && n.paper.id === 'hep-th/9901001')!;
    assert.equal(node.day, ADDED);
    assert.equal(tree.getParent(node), tree.addedNode);
    const item = tree.getTreeItem(node);
    assert.equal(item.description, 'hep-th/9901001 · Ada Fixture et al.');
    assert.deepEqual(item.command?.arguments, ['hep-th/9901001']);
    // The cited key resolves like a daily paper's.
    const lookup = await api.citations.papers();
    assert.equal(lookup.byKey('wolff2026clifford')?.id, '2602.05977');
  });

  it('one added paper opens its abstract; an id arXiv does not know adds nothing', async () => {
    const api = await extensionApi();
    const [paper] = await vscode.commands.executeCommand<Paper[]>('paperNotes.addPaper', '2511.22437');
    assert.equal(paper.title, 'Sum rule for non-adiabatic geometric phases');
    await until('the abstract tab', () => webviewTabs().some((t) => t.label === paper.title) || undefined);
    const none = await vscode.commands.executeCommand<Paper[]>('paperNotes.addPaper', '2401.99999');
    assert.deepEqual(none, []);
    assert.equal(await api.services.catalog().paper('2401.99999'), undefined);
    assert.deepEqual(await vscode.commands.executeCommand<Paper[]>('paperNotes.addPaper', 'not an id'), []);
  });

  it('pasting a paper URL offers "Insert citation", fetching an uncached paper and adding it', async () => {
    const api = await extensionApi();
    const provider = new CitationPasteProvider(api.citations);
    const doc = await markdownDoc('Read ');
    const ranges = [new vscode.Range(0, 5, 0, 5)];
    const plain = await provider.provideDocumentPasteEdits(doc, ranges, transfer({ 'text/plain': 'see https://arxiv.org/abs/2506.03268' }), pasteContext);
    assert.equal(plain, undefined, 'prose around the URL: a plain paste only');
    const edits = await provider.provideDocumentPasteEdits(doc, ranges, transfer({ 'text/plain': 'https://arxiv.org/pdf/2506.03268v1.pdf\n' }), pasteContext);
    assert.equal(edits?.length, 1);
    assert.equal(edits![0].title, 'Insert citation');
    assert.equal(edits![0].kind.value, 'markdown.paperNotes.citation');
    assert.equal(await api.services.catalog().paper('2506.03268'), undefined, 'nothing fetched before the edit is chosen');
    const resolved = await provider.resolveDocumentPasteEdit(edits![0], noToken);
    assert.equal(resolved.insertText, '[@chesi2025conclusive]');
    assert.equal((await api.services.catalog().addedPapers()).some((p) => p.id === '2506.03268'), true, 'the paper joined "Added"');
    assert.deepEqual(pastedPaperIds('2401.01234 hep-th/9901001v2'), ['2401.01234', 'hep-th/9901001v2']);
    // One id arXiv does not know: the paste keeps its text as it was instead of citing only the other.
    const mixed = '2506.03268 2401.99999';
    const [mixedEdit] = (await provider.provideDocumentPasteEdits(doc, ranges, transfer({ 'text/plain': mixed }), pasteContext))!;
    assert.equal((await provider.resolveDocumentPasteEdit(mixedEdit, noToken)).insertText, mixed);
  });

  it('dragging a paper from the tree carries its id and arXiv page; dropping it in a note inserts its stub', async () => {
    const api = await extensionApi();
    const { papers } = await api.services.catalog().resolveIds(['9999.00042']);
    const dt = new vscode.DataTransfer();
    new PaperDragController().handleDrag([{ kind: 'paper', paper: papers[0] }, { kind: 'day' }], dt);
    assert.equal(await dt.get(PAPER_MIME)?.asString(), '["9999.00042"]');
    assert.equal(await dt.get('text/uri-list')?.asString(), 'https://arxiv.org/abs/9999.00042');
    const doc = await markdownDoc('Dropped: ');
    const edit = await new PaperDropProvider(api.citations).provideDocumentDropEdits(doc, new vscode.Position(0, 9), dt);
    assert.equal(edit?.insertText, '[@rossi2026direct]');
    assert.equal(edit?.kind?.value, 'markdown.paperNotes.citation');
    const junk = await new PaperDropProvider(api.citations).provideDocumentDropEdits(doc, new vscode.Position(0, 9), transfer({ [PAPER_MIME]: '{"x":1}' }));
    assert.equal(junk, undefined);
  });
});
