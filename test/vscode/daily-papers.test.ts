/// <reference types="mocha" />
// The Daily Papers view in the real extension host, against the fixture API the harness started
// (user settings: apiBaseUrl = fixture server, today = 2026-07-30, daysToShow = 3).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PapersTreeProvider, type Node } from '../../src/vscode/papers-tree';
import type { Services } from '../../src/vscode/services';
import { clearFaults, extensionApi, fault, fixtureItems, FIXTURE_DAY, HOSTILE_DAY, requestsFor } from './support';

const dayNode = (day: string): Node => ({ kind: 'day', day });
const papersOf = (nodes: Node[]) => nodes.flatMap((n) => (n.kind === 'paper' ? [n.paper] : []));

describe('Daily Papers view', () => {
  afterEach(clearFaults);

  it('contributes its commands, view container and view', async () => {
    const api = await extensionApi();
    assert.ok(api.dailyPapers instanceof Object);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['paperNotes.showDailyPapers', 'paperNotes.refresh', 'paperNotes.goToDate', 'paperNotes.filter', 'paperNotes.clearFilter',
      'paperNotes.sortByTitle', 'paperNotes.sortByUpvotes', 'paperNotes.retryDay', 'paperNotes.openPaper', 'paperNotes.openPaperToSide',
      'paperNotes.insertCitation', 'paperNotes.createLiteratureNote', 'paperNotes.copyBibtex']) {
      assert.ok(all.has(c), `command ${c} is registered`);
    }
    const pkg = vscode.extensions.getExtension('paper-notes.paper-notes')!.packageJSON;
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'paperNotes');
    assert.equal(pkg.contributes.views.paperNotes[0].id, 'paperNotes.dailyPapers');
    // every command a menu or the welcome view names is declared
    const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const submenus = new Set((pkg.contributes.submenus ?? []).map((m: { id: string }) => m.id));
    for (const items of Object.values(pkg.contributes.menus) as Array<Array<{ command?: string; submenu?: string }>>) {
      for (const i of items) assert.ok(i.command ? declared.has(i.command) : submenus.has(i.submenu), i.command ?? i.submenu);
    }
    assert.deepEqual(pkg.contributes.menus['paperNotes.sortMenu'].map((i: { command: string }) => i.command), ['paperNotes.sortByTitle', 'paperNotes.sortByUpvotes', 'paperNotes.sortByForYou']);
  });

  it('is empty (welcome view) on a profile that never fetched, and starts with Show Daily Papers', async () => {
    // A provider over a never-used profile (empty global state, empty cache), independent of test order.
    const api = await extensionApi();
    const memory = new Map<string, unknown>();
    const globalState = { get: (k: string, d?: unknown) => (memory.has(k) ? memory.get(k) : d), update: async (k: string, v: unknown) => void memory.set(k, v) };
    const neverUsed = {
      context: { globalState },
      settings: () => api.services.settings(),
      catalog: () => ({ cachedDays: async () => [] }),
      onDidChangePapers: () => new vscode.Disposable(() => undefined),
      onDidChangePaperNotes: () => new vscode.Disposable(() => undefined),
      notesCiting: () => [],
      log: () => api.services.log(),
    } as unknown as Services;
    const provider = new PapersTreeProvider(neverUsed);
    try {
      assert.deepEqual(await provider.getChildren(), []);
      await provider.start();
      assert.deepEqual((await provider.getChildren()).map((n) => n.day), [FIXTURE_DAY, HOSTILE_DAY, '2026-07-28']);
    } finally {
      provider.dispose();
    }
  });

  it('lists the last N days newest first, today expanded', async () => {
    const { dailyPapers } = await extensionApi();
    await vscode.commands.executeCommand('paperNotes.showDailyPapers');
    // (an "Added" node above the days when an earlier test added papers by id)
    const top = (await dailyPapers.getChildren()).filter((n) => n.kind === 'day');
    assert.deepEqual(top.map((n) => n.day), [FIXTURE_DAY, HOSTILE_DAY, '2026-07-28']);
    const item = dailyPapers.getTreeItem(top[0]);
    assert.equal(item.label, FIXTURE_DAY);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'today starts expanded');
  });

  it("lists the fixture day's papers sorted by upvotes, with escaped tooltips", async () => {
    const { dailyPapers } = await extensionApi();
    const papers = papersOf(await dailyPapers.getChildren(dayNode(FIXTURE_DAY)));
    const expected = fixtureItems(FIXTURE_DAY);
    assert.equal(papers.length, expected.length);
    assert.equal(papers.length, 69);
    for (let i = 1; i < papers.length; i++) assert.ok(papers[i - 1].upvotes >= papers[i].upvotes, `sorted at ${i}`);
    const top = expected.reduce((a, b) => ((a.paper.upvotes ?? 0) >= (b.paper.upvotes ?? 0) ? a : b));
    assert.equal(papers[0].title, top.paper.title);
    const item = dailyPapers.getTreeItem({ kind: 'paper', day: FIXTURE_DAY, paper: papers[0] });
    assert.equal(item.label, papers[0].title);
    assert.equal(item.description, `▲${papers[0].upvotes} · ${papers[0].authors[0]}${papers[0].authors.length > 1 ? ' et al.' : ''}`);
    assert.equal(item.contextValue, 'paper');
    assert.deepEqual(item.command?.arguments, [papers[0].id]);
    const tip = item.tooltip as vscode.MarkdownString;
    // Untrusted, or (once For You has ranked the day and the row carries its reason) trusted for the one command that
    // opens a note the reason names, never more.
    if (tip.isTrusted !== false) assert.deepEqual(tip.isTrusted, { enabledCommands: ['paperNotes.openReasonNote'] });
    assert.ok(!tip.supportHtml);
    assert.equal(dailyPapers.getTreeItem(dayNode(FIXTURE_DAY)).description, 'today · 69 papers');
  });

  it('filters by text and sorts by title from the title-bar commands', async () => {
    const { dailyPapers } = await extensionApi();
    try {
      await vscode.commands.executeCommand('paperNotes.filter', 'diffusion');
      const filtered = papersOf(await dailyPapers.getChildren(dayNode(FIXTURE_DAY)));
      assert.ok(filtered.length > 0 && filtered.length < 69, `filtered to ${filtered.length}`);
      for (const p of filtered) assert.ok(JSON.stringify([p.title, p.authors, p.aiKeywords, p.id]).toLowerCase().includes('diffusion'));
      assert.equal(dailyPapers.status(), 'filter: “diffusion”');
      assert.match(String(dailyPapers.getTreeItem(dayNode(FIXTURE_DAY)).description), new RegExp(`^today · ${filtered.length} of 69 papers$`));
      await vscode.commands.executeCommand('paperNotes.sortByTitle');
      const byTitle = papersOf(await dailyPapers.getChildren(dayNode(FIXTURE_DAY)));
      assert.deepEqual(byTitle.map((p) => p.title), [...filtered.map((p) => p.title)].sort((a, b) => a.localeCompare(b)));
      await vscode.commands.executeCommand('paperNotes.filter', 'no paper has this text zqxj');
      const none = await dailyPapers.getChildren(dayNode(FIXTURE_DAY));
      assert.deepEqual(none.map((n) => n.kind), ['info']);
    } finally {
      await vscode.commands.executeCommand('paperNotes.clearFilter');
      await vscode.commands.executeCommand('paperNotes.sortByUpvotes');
    }
    assert.equal(dailyPapers.status(), '');
    assert.equal(papersOf(await dailyPapers.getChildren(dayNode(FIXTURE_DAY))).length, 69);
  });

  it('shows a failing day as an error item with Retry, and Retry recovers it', async () => {
    const { dailyPapers } = await extensionApi();
    await fault(HOSTILE_DAY, 'html');
    const failed = await dailyPapers.getChildren(dayNode(HOSTILE_DAY));
    assert.equal(failed.length, 1);
    assert.equal(failed[0].kind, 'error');
    const item = dailyPapers.getTreeItem(failed[0]);
    assert.match(String(item.label), /not valid JSON/);
    assert.equal(item.contextValue, 'dayError');
    assert.equal(item.command?.command, 'paperNotes.retryDay');
    assert.match(String(dailyPapers.getTreeItem(dayNode(HOSTILE_DAY)).description), /refresh failed/);
    await clearFaults();
    await vscode.commands.executeCommand('paperNotes.retryDay', HOSTILE_DAY);
    const recovered = await dailyPapers.getChildren(dayNode(HOSTILE_DAY));
    assert.ok(recovered.every((n) => n.kind === 'paper'));
    // Counted by hand from test/fixtures/make-fixtures.mjs: the 69 seed papers plus 9999.00201–00203 and 00208–00213.
    assert.equal(recovered.length, 78);
  });

  it('reads a refreshed day back from the cache when the source fails, keeping its papers under the error', async () => {
    const api = await extensionApi();
    // This test's own refresh of the day (the view loads it on first look), so it needs no earlier test.
    await vscode.commands.executeCommand('paperNotes.retryDay', FIXTURE_DAY);
    assert.equal(papersOf(await api.dailyPapers.getChildren(dayNode(FIXTURE_DAY))).length, 69);
    const cached = await api.services.catalog().cachedDay(FIXTURE_DAY);
    assert.equal(cached?.papers.length, 69, 'the refresh was written to the cache');
    await fault(FIXTURE_DAY, 'html');
    const before = await requestsFor(FIXTURE_DAY);
    const fresh = new PapersTreeProvider(api.services); // a new session of the view: cache first, then refresh
    try {
      const first = await fresh.getChildren(dayNode(FIXTURE_DAY));
      assert.equal(papersOf(first).length, 69, 'cached papers shown at once');
      await fresh.refreshDay(FIXTURE_DAY);
      const after = await fresh.getChildren(dayNode(FIXTURE_DAY));
      assert.equal(after[0].kind, 'error');
      assert.equal(papersOf(after).length, 69, 'cached papers stay visible when the refresh fails');
      assert.ok((await requestsFor(FIXTURE_DAY)) > before, 'the refresh did reach the fixture server');
    } finally {
      fresh.dispose();
    }
  });

  it('adds a day with Go to Date (also "yesterday") and rejects bad input', async () => {
    const { dailyPapers } = await extensionApi();
    assert.equal(await vscode.commands.executeCommand('paperNotes.goToDate', '2026-07-01'), '2026-07-01');
    assert.ok((await dailyPapers.getChildren()).some((n) => n.day === '2026-07-01'));
    assert.equal(await vscode.commands.executeCommand('paperNotes.goToDate', 'yesterday'), HOSTILE_DAY);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('paperNotes.goToDate', '2026-02-30')), /not a calendar date/);
    const empty = await dailyPapers.getChildren(dayNode('2026-07-01'));
    assert.deepEqual(empty.map((n) => n.kind === 'info' && n.message), ['No papers on this day']);
  });
});
