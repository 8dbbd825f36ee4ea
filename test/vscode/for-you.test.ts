/// <reference types="mocha" />
// For You in the real extension host. Notes in the workspace cite the fixture day's (2026-07-30) continual-learning
// papers; the hostile day (2026-07-29) carries the same 69 papers under other ids (9999.001xx for 9999.000xx), so
// For You must put that day's continual-learning papers first. The topic's ids are listed by hand from the titles
// in test/fixtures/days/2026-07-30.json, not by the code under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Node } from '../../src/vscode/papers-tree';
import { extensionApi, FIXTURE_DAY, HOSTILE_DAY, until } from './support';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const dayNode = (day: string): Node => ({ kind: 'day', day });
const papersOf = (nodes: Node[]) => nodes.flatMap((n) => (n.kind === 'paper' ? [n.paper] : []));

/** Continual / lifelong learning and forgetting, by title (…18 survey of continual learning, …19 online prototype
 * learning for online CL, …31 few-shot CL, …43 lifelong machine learning, …48 continual evaluation for lifelong
 * learning, …55 replay-free CL, …57 catastrophic forgetting, …58 online CL). */
const CONTINUAL = ['18', '19', '31', '43', '48', '55', '57', '58'];
const onFixtureDay = (n: string) => `9999.000${n}`;
const onHostileDay = (n: string) => `9999.001${n}`;

const NOTES: Record<string, string> = {
  'for-you/forgetting.md': `# Catastrophic forgetting

Reading group notes on continual learning: a model trained on a stream of tasks forgets the old tasks
(catastrophic forgetting). Replay buffers, prototypes and regularisation keep old knowledge; the stability gap
shows up right after a task switch. See https://arxiv.org/abs/${onFixtureDay('18')} for the survey and
https://arxiv.org/abs/${onFixtureDay('57')} on forgetting in language models.
`,
  'for-you/online-continual.md': `# Online continual learning

Online continual learning sees each example once. Prototype learning and bias correction help with class
imbalance between old and new classes: https://arxiv.org/abs/${onFixtureDay('19')} and
https://arxiv.org/abs/${onFixtureDay('58')}. Replay-free distillation of prototypes:
https://arxiv.org/abs/${onFixtureDay('55')}.
`,
  'for-you/lifelong.md': `# Lifelong learning

Lifelong machine learning and few-shot continual learning from a brain-inspired angle: new tasks without
forgetting old ones, evaluated continually. https://arxiv.org/abs/${onFixtureDay('43')}
https://arxiv.org/abs/${onFixtureDay('31')} https://arxiv.org/abs/${onFixtureDay('48')}
`,
};

describe('For You', function () {
  this.timeout(120_000);
  const created: vscode.Uri[] = [];
  const feedbackDir = () => vscode.Uri.joinPath(root(), '.paper-notes');

  before(async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('paperNotes.showDailyPapers');
    // Both days cached (the fixture server serves them).
    assert.equal(papersOf(await api.dailyPapers.getChildren(dayNode(FIXTURE_DAY))).length, 69);
    assert.ok(papersOf(await api.dailyPapers.getChildren(dayNode(HOSTILE_DAY))).length > 69);
    for (const [rel, text] of Object.entries(NOTES)) {
      const uri = vscode.Uri.joinPath(root(), rel);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      created.push(uri);
      void api.citations.notes!.noteChanged(uri);
    }
    await api.citations.notes!.settled();
    await until('the notes indexed', () => api.services.notesCiting(onFixtureDay('55')).length > 0 || undefined, 30_000);
  });

  after(async () => {
    const api = await extensionApi();
    api.dailyPapers.setSort('upvotes');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [...created, feedbackDir()]) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    for (const uri of created) await api.citations.notes!.noteChanged(uri);
  });

  /** The hostile day in the tree's current order, once For You has ranked it against the current profile. */
  async function forYouOrder(): Promise<string[]> {
    const api = await extensionApi();
    await api.forYou.settled();
    return until('a For You ranking', async () => {
      const ids = papersOf(await api.dailyPapers.getChildren(dayNode(HOSTILE_DAY))).map((p) => p.id);
      await api.forYou.settled();
      const again = papersOf(await api.dailyPapers.getChildren(dayNode(HOSTILE_DAY))).map((p) => p.id);
      return ids.join() === again.join() && api.forYou.ranked(again[0]) ? again : undefined;
    }, 30_000);
  }

  it("puts another day's papers on the notes' topic first, and says why", async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('paperNotes.sortByForYou');
    assert.equal(api.dailyPapers.sort, 'forYou');
    const order = await forYouOrder();
    const expected = new Set(CONTINUAL.map(onHostileDay));
    const top = order.slice(0, 6);
    assert.deepEqual(top.filter((id) => !expected.has(id)), [], `top 6 are continual-learning papers: ${top.join(', ')}`);
    // By upvotes the same day starts elsewhere (…09 pruning has the most upvotes among the 69).
    assert.ok(!expected.has(onHostileDay('09')));

    // The row's tooltip names a note that cites the topic, as a link to our command only.
    const first = papersOf(await api.dailyPapers.getChildren(dayNode(HOSTILE_DAY)))[0];
    const item = api.dailyPapers.getTreeItem({ kind: 'paper', day: HOSTILE_DAY, paper: first });
    const md = item.tooltip as vscode.MarkdownString;
    assert.ok(md instanceof vscode.MarkdownString);
    assert.match(md.value, /For You/);
    // (the label is escaped Markdown: `for\-you/forgetting\.md`)
    assert.match(md.value, /\[for\\-you\/(forgetting|online\\-continual|lifelong)\\\.md\]\(command:paperNotes\.openReasonNote\?/);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['paperNotes.openReasonNote'] });
    assert.equal(md.supportHtml, false);

    // The abstract says the same, with the notes as buttons (the webview names no file, only the reason's index);
    // opening it makes the paper Seen.
    assert.equal(api.forYou.seen(first.id), false);
    const panel = await api.abstracts.show(first.id);
    assert.ok(panel);
    const html = panel.webview.html;
    assert.match(html, /<section id="for-you"/);
    assert.match(html, /data-action="forYouOpenNote" data-arg="0"[^>]*>for-you\/(forgetting|online-continual|lifelong)\.md</);
    assert.match(html, /data-action="forYouNotInterested"/);
    await until('the paper marked seen', () => api.forYou.seen(first.id) || undefined);
  });

  it('moves a Not Interested paper down, keeps the mark in the feedback file, and undoes it', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('paperNotes.sortByForYou');
    const before = await forYouOrder();
    const target = before[0];
    const paper = papersOf(await api.dailyPapers.getChildren(dayNode(HOSTILE_DAY))).find((p) => p.id === target)!;
    await vscode.commands.executeCommand('paperNotes.markNotInterested', { kind: 'paper', day: HOSTILE_DAY, paper });
    const file = vscode.Uri.joinPath(feedbackDir(), 'feedback.json');
    const stored = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    assert.deepEqual(stored, { version: 1, interested: [], notInterested: [target] });
    const after = await until('the paper moved down', async () => {
      const o = await forYouOrder();
      return o.indexOf(target) > 5 ? o : undefined;
    });
    assert.ok(after.indexOf(target) > 5, `${target} is at ${after.indexOf(target)}`);
    const row = api.dailyPapers.getTreeItem({ kind: 'paper', day: HOSTILE_DAY, paper });
    assert.equal(row.contextValue, 'paper notInterested');

    await vscode.commands.executeCommand('paperNotes.undoNotInterested', paper.id);
    const cleared = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    assert.deepEqual(cleared, { version: 1, interested: [], notInterested: [] });
    await until('the paper back on top', async () => ((await forYouOrder()).indexOf(target) < 3 ? true : undefined));
    assert.equal(api.dailyPapers.getTreeItem({ kind: 'paper', day: HOSTILE_DAY, paper }).contextValue, 'paper');
  });

  it("lists in Related the uncited papers on the open note's topic, and inserts one at the cursor (one undo removes it)", async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('paperNotes.related.focus');
    const uri = vscode.Uri.joinPath(root(), 'for-you/draft.md');
    const text = `# Draft: forgetting in language models\n\nFine-tuning on new tasks causes catastrophic forgetting of old ones;\ncontinual learning with replay helps. https://arxiv.org/abs/${onFixtureDay('57')}\n`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    created.push(uri);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await api.related.current();
    const group = api.related.getChildren().find((n) => n.kind === 'group' && n.group === 'papers');
    assert.ok(group, 'a Papers group');
    const rows = api.related.getChildren(group).flatMap((n) => (n.kind === 'paper' ? [n] : []));
    const ids = rows.map((r) => r.paper.id);
    assert.ok(!ids.includes(onFixtureDay('57')), 'what the note cites is left out');
    const topic = new Set([...CONTINUAL.map(onFixtureDay), ...CONTINUAL.map(onHostileDay)]);
    assert.ok(topic.has(ids[0]), `the first related paper is on the topic: ${ids.slice(0, 3).join(', ')}`);
    const item = api.related.getTreeItem(rows[0]);
    assert.equal(item.contextValue, 'relatedPaper');
    assert.deepEqual(item.command?.arguments, [ids[0]]);

    // The row's inline action: Insert Citation with the row, at the cursor of the note.
    const doc = editor.document;
    const at = new vscode.Position(2, 0);
    editor.selection = new vscode.Selection(at, at);
    const before = doc.getText();
    await vscode.commands.executeCommand('paperNotes.insertCitation', rows[0]);
    const key = api.citations.lookup.keyOf(ids[0]);
    assert.ok(key);
    const offset = doc.offsetAt(at);
    assert.equal(doc.getText(), `${before.slice(0, offset)}[@${key}]${before.slice(offset)}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
  });
});
