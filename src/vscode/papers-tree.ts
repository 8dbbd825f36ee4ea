// The "Daily Papers" sidebar: "Added" (papers added by id or import) and the days at the top level (the last N plus
// days added with Go to Date…), papers under each. A day loads lazily when expanded: the cache first, then a refresh with progress. A failed refresh
// stays in the tree as an error item with Retry, and the cached papers stay visible under it.
import * as vscode from 'vscode';
import type { Paper } from '../core/papers/model';
import { lastDays, parseDayInput, weekday } from './dates';
import type { Services, SortOrder } from './services';
import { paperItem } from './paper-item';
import { PaperDragController } from './tree-drag';

export const VIEW_ID = 'paperNotes.dailyPapers';
const ADDED_DAYS_KEY = 'paperNotes.addedDays';
const STARTED_KEY = 'paperNotes.dailyPapersStarted';
/** The `day` of papers under the "Added" node (never a date, so it cannot collide with one). */
export const ADDED = 'added';

export type Node =
  | { kind: 'added'; day: typeof ADDED }
  | { kind: 'day'; day: string }
  | { kind: 'paper'; day: string; paper: Paper }
  | { kind: 'error'; day: string; message: string }
  | { kind: 'info'; day: string; message: string }
  | { kind: 'note'; day: string; paperId: string; uri: vscode.Uri };

interface DayState {
  /** Papers from the cache or the last successful refresh; undefined until loaded. */
  papers?: Paper[];
  fetchedAt?: string;
  error?: string;
  refreshing?: Promise<void>;
  /** A refresh was attempted in this session (so expanding again does not refetch). */
  refreshed: boolean;
}

/**
 * For You plugs in here (for-you.ts): a day's order, reading state, and what a row shows of its ranking. Asked
 * synchronously: the lens answers from what it has and fires onDidChange when it knows more.
 */
export interface PaperLens {
  /** The day's papers best first; undefined falls back to upvotes (no notes, or not ranked yet). */
  order(day: string, papers: Paper[]): Paper[] | undefined;
  seen(id: string): boolean;
  decorate(item: vscode.TreeItem, paper: Paper): void;
  /** What the view says while For You cannot rank (no notes yet, or still reading them). */
  message(): string | undefined;
  readonly onDidChange: vscode.Event<void>;
}

const SORT_KEY = 'paperNotes.sortBy';

/** The tree's placeholder while a day loads (also how its spinning icon is chosen). */
const LOADING = () => vscode.l10n.t('Loading…');

export class PapersTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly statusChanged = new vscode.EventEmitter<void>();
  /** Fires when sort or filter change (the view's description shows them). */
  readonly onDidChangeStatus = this.statusChanged.event;
  private readonly days = new Map<string, DayState>();
  private readonly dayNodes = new Map<string, Node>();
  readonly addedNode: Node = { kind: 'added', day: ADDED };
  private sortOrder: SortOrder;
  private filterText = '';
  private hideSeenFlag = false;
  private lens?: PaperLens;
  private readonly subscription: vscode.Disposable;
  private readonly notesSubscription: vscode.Disposable;
  private readonly settingsSubscription: vscode.Disposable;

  constructor(private readonly services: Services) {
    const saved = services.context.workspaceState?.get<string>(SORT_KEY);
    this.sortOrder = saved === 'title' || saved === 'forYou' ? saved : 'upvotes';
    this.notesSubscription = services.onDidChangePaperNotes(() => this.changed.fire(undefined));
    // The listed days follow these at once (the papers themselves come from the cache, so nothing is refetched).
    this.settingsSubscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('paperNotes.daysToShow') || e.affectsConfiguration('paperNotes.today')) this.changed.fire(undefined);
    });
    this.subscription = services.onDidChangePapers((change) => {
      if (change === undefined) this.days.clear(); // settings changed: a different source or cache
      // Settings changed, or papers were added outside the feed (the "Added" node may have just appeared).
      if (change === undefined || change.day === undefined) this.changed.fire(undefined);
    });
  }

  get sort(): SortOrder {
    return this.sortOrder;
  }
  get filter(): string {
    return this.filterText;
  }
  get hideSeen(): boolean {
    return this.hideSeenFlag;
  }

  /** Plugs in For You; the tree follows its changes (new rankings, marks, papers seen). */
  setLens(lens: PaperLens): vscode.Disposable {
    this.lens = lens;
    const sub = lens.onDidChange(() => {
      this.statusChanged.fire();
      this.changed.fire(undefined);
    });
    return new vscode.Disposable(() => {
      sub.dispose();
      if (this.lens === lens) this.lens = undefined;
    });
  }

  /** The view's message about For You, when it is the sort and cannot rank yet. */
  lensMessage(): string | undefined {
    return this.sortOrder === 'forYou' ? this.lens?.message() : undefined;
  }

  setHideSeen(hide: boolean): void {
    this.hideSeenFlag = hide;
    this.statusChanged.fire();
    this.changed.fire(undefined);
  }

  /** "filter: …, by title" — what the view's description shows. */
  status(): string {
    const parts: string[] = [];
    if (this.filterText) parts.push(`filter: “${this.filterText}”`);
    if (this.sortOrder === 'title') parts.push('by title');
    if (this.sortOrder === 'forYou') parts.push('for you');
    if (this.hideSeenFlag) parts.push('hiding seen');
    return parts.join(' · ');
  }

  setSort(order: SortOrder): void {
    this.sortOrder = order;
    void this.services.context.workspaceState?.update(SORT_KEY, order);
    this.statusChanged.fire();
    this.changed.fire(undefined);
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.statusChanged.fire();
    this.changed.fire(undefined);
  }

  /** Top-level days: the last N (from settings) plus added days, newest first. Empty until started. */
  async topDays(): Promise<string[]> {
    const s = this.services.settings();
    const added = this.addedDays();
    const state = this.services.context.globalState;
    if (!state.get<boolean>(STARTED_KEY) && added.length === 0) {
      // Never used: show the welcome view, unless papers are already cached (e.g. fetched by the CLI).
      const cached = await this.services.catalog().cachedDays().catch(() => []);
      if (cached.length === 0) return [];
      await state.update(STARTED_KEY, true);
    }
    return [...new Set([...lastDays(s.today, s.daysToShow), ...added])].sort().reverse();
  }

  addedDays(): string[] {
    return this.services.context.globalState.get<string[]>(ADDED_DAYS_KEY, []);
  }

  /** Set by register(): shows the "Added" node expanded in the view. */
  revealAdded: () => Promise<void> = async () => undefined;

  async start(): Promise<void> {
    await this.services.context.globalState.update(STARTED_KEY, true);
    this.changed.fire(undefined);
  }

  async addDay(day: string): Promise<Node> {
    const added = this.addedDays();
    if (!added.includes(day)) await this.services.context.globalState.update(ADDED_DAYS_KEY, [...added, day].sort().reverse());
    await this.start();
    return this.dayNode(day);
  }

  dayNode(day: string): Node {
    let node = this.dayNodes.get(day);
    if (!node) this.dayNodes.set(day, (node = { kind: 'day', day }));
    return node;
  }

  /** Papers added by id or import; [] when the cache cannot be read. */
  async addedPapers(): Promise<Paper[]> {
    try {
      return await this.services.catalog().addedPapers();
    } catch (e) {
      this.services.log().warn(`reading the added papers failed: ${errorMessage(e)}`);
      return [];
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const added = (await this.addedPapers()).length > 0 ? [this.addedNode] : [];
      return [...added, ...(await this.topDays()).map((d) => this.dayNode(d))];
    }
    if (node.kind === 'added') {
      const all = await this.addedPapers();
      const papers = this.visible(all, this.lens?.order(ADDED, all));
      if (papers.length === 0) return [{ kind: 'info', day: ADDED, message: this.emptyMessage() }];
      return papers.map((paper): Node => ({ kind: 'paper', day: ADDED, paper }));
    }
    if (node.kind === 'paper') {
      const { day, paper } = node;
      return this.services.notesCiting(paper.id).map((uri): Node => ({ kind: 'note', day, paperId: paper.id, uri }));
    }
    if (node.kind !== 'day') return [];
    const state = await this.load(node.day);
    const out: Node[] = [];
    if (state.error) out.push({ kind: 'error', day: node.day, message: state.error });
    // Asked in every order: the ranking also gives each row its reason (tooltip).
    const ranked = state.papers && this.lens?.order(node.day, state.papers);
    const papers = this.visible(state.papers ?? [], ranked);
    out.push(...papers.map((paper): Node => ({ kind: 'paper', day: node.day, paper })));
    if (papers.length === 0 && !state.error) {
      const message = state.refreshing ? LOADING() : (state.papers?.length ?? 0) > 0 ? this.emptyMessage() : vscode.l10n.t('No papers on this day');
      out.push({ kind: 'info', day: node.day, message });
    }
    return out;
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'day' || node.kind === 'added') return undefined;
    return node.day === ADDED ? this.addedNode : this.dayNode(node.day);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'added': {
        const item = new vscode.TreeItem(vscode.l10n.t('Added'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'added';
        item.description = vscode.l10n.t('by arXiv id or import');
        item.tooltip = vscode.l10n.t('Papers you added with Add Paper by arXiv ID or URL…, by pasting or citing a paper URL, or by import');
        item.iconPath = new vscode.ThemeIcon('library');
        item.contextValue = 'added';
        return item;
      }
      case 'day':
        return this.dayItem(node.day);
      case 'paper': {
        const item = paperItem(node.paper, node.day, this.services.notesCiting(node.paper.id).length, node.day === ADDED);
        this.lens?.decorate(item, node.paper);
        return item;
      }
      case 'note': {
        // A note citing the paper: opens the note.
        const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.None);
        item.id = `note:${node.day}:${node.paperId}:${node.uri.toString()}`;
        item.label = vscode.workspace.asRelativePath(node.uri);
        item.description = vscode.l10n.t('cites this paper');
        item.iconPath = new vscode.ThemeIcon('note');
        item.contextValue = 'note';
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Note'), arguments: [node.uri] };
        return item;
      }
      case 'error': {
        // The reason is the label (what fits in a narrow sidebar should be the why); the tooltip has it whole.
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `error:${node.day}`;
        item.tooltip = vscode.l10n.t('Could not load {0}: {1}\n\nClick to retry.', node.day, node.message);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.contextValue = 'dayError';
        item.command = { command: 'paperNotes.retryDay', title: vscode.l10n.t('Retry'), arguments: [node.day] };
        return item;
      }
      case 'info': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = `info:${node.day}`;
        item.iconPath = new vscode.ThemeIcon(node.message === LOADING() ? 'loading~spin' : 'info');
        item.contextValue = 'info';
        return item;
      }
    }
  }

  private dayItem(day: string): vscode.TreeItem {
    const s = this.services.settings();
    const state = this.days.get(day);
    const item = new vscode.TreeItem(day, day === s.today ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `day:${day}`;
    const total = state?.papers?.length;
    const shown = total !== undefined && this.filterText ? this.visible(state!.papers!).length : total;
    const papers = total === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', total ?? 0);
    const count = total === undefined ? '' : shown === total ? papers : vscode.l10n.t('{0} of {1}', shown ?? 0, papers);
    const tag = day === s.today ? vscode.l10n.t('today') : weekday(day);
    item.description = [tag, count, state?.error ? vscode.l10n.t('refresh failed') : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(state?.error ? 'warning' : 'calendar');
    item.contextValue = state?.error ? 'day dayError' : 'day';
    item.tooltip = state?.fetchedAt ? `${day} — fetched ${state.fetchedAt}` : day;
    return item;
  }

  /** Loads a day from the cache; starts a refresh the first time the day is opened in this session. */
  private async load(day: string): Promise<DayState> {
    let state = this.days.get(day);
    if (!state) {
      state = { refreshed: false };
      this.days.set(day, state);
      try {
        const cached = await this.services.catalog().cachedDay(day);
        if (cached) {
          state.papers = cached.papers;
          state.fetchedAt = cached.fetchedAt;
        }
      } catch (e) {
        this.services.log().warn(`cache read for ${day} failed: ${errorMessage(e)}`);
      }
    }
    // Nothing cached: wait for the network (the tree shows its own spinner), also when another caller started the
    // refresh a moment ago; otherwise show the cache now and let the refresh replace it.
    const refresh = state.refreshed ? state.refreshing : this.refreshDay(day);
    if (!state.papers && refresh) await refresh;
    return state;
  }

  /** Fetches the day again; on failure keeps the cached papers and records the one-line reason. */
  refreshDay(day: string): Promise<void> {
    let state = this.days.get(day);
    if (!state) this.days.set(day, (state = { refreshed: false }));
    if (state.refreshing) return state.refreshing;
    const s = state;
    s.refreshed = true;
    s.refreshing = Promise.resolve(
      vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: `Fetching ${day}` }, async () => {
        try {
          const fresh = await this.services.catalog().refreshDay(day);
          s.papers = fresh.papers;
          s.fetchedAt = fresh.fetchedAt;
          s.error = undefined;
        } catch (e) {
          s.error = errorMessage(e);
          this.services.log().warn(`refresh of ${day} failed: ${s.error}`);
        }
      }),
    ).finally(() => {
      s.refreshing = undefined;
      this.changed.fire(this.dayNode(day));
    });
    return s.refreshing;
  }

  /** Refreshes every day that was opened in this session (the view's Refresh button). */
  async refreshAll(): Promise<void> {
    const open = [...this.days.keys()];
    this.changed.fire(undefined);
    await Promise.all(open.map((d) => this.refreshDay(d)));
  }

  private emptyMessage(): string {
    return this.filterText || !this.hideSeenFlag ? vscode.l10n.t('No papers match the filter') : vscode.l10n.t('Every paper here is seen (Hide Seen is on)');
  }

  /** Papers of a loaded day as the view shows them (filtered, sorted); `ranked` is the For You order, if known. */
  visible(papers: Paper[], ranked?: Paper[]): Paper[] {
    const f = this.filterText.toLowerCase();
    const lens = this.lens;
    const kept = papers.filter((p) => (!f || matches(p, f)) && !(this.hideSeenFlag && lens?.seen(p.id)));
    if (this.sortOrder === 'forYou' && ranked) {
      const at = new Map(ranked.map((p, i) => [p.id, i]));
      return kept.sort((a, b) => (at.get(a.id) ?? Infinity) - (at.get(b.id) ?? Infinity));
    }
    return this.sortOrder === 'title'
      ? kept.sort((a, b) => a.title.localeCompare(b.title))
      : kept.sort((a, b) => b.upvotes - a.upvotes || a.title.localeCompare(b.title));
  }

  dispose(): void {
    this.subscription.dispose();
    this.notesSubscription.dispose();
    this.settingsSubscription.dispose();
    this.changed.dispose();
    this.statusChanged.dispose();
  }
}

function matches(p: Paper, f: string): boolean {
  return p.title.toLowerCase().includes(f) || p.id.includes(f) || p.authors.some((a) => a.toLowerCase().includes(f)) || p.aiKeywords.some((k) => k.toLowerCase().includes(f));
}

function errorMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}

/** Registers the view, its title-bar actions and the per-day commands. */
export function register(context: vscode.ExtensionContext, services: Services): PapersTreeProvider {
  const provider = new PapersTreeProvider(services);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, dragAndDropController: new PaperDragController() });
  const setContext = () => {
    view.description = provider.status() || undefined;
    // The description is hidden when the view is alone in its container; the message always shows.
    view.message = provider.filter ? `Showing papers matching “${provider.filter}” — clear the filter to see all.` : provider.lensMessage();
    void vscode.commands.executeCommand('setContext', 'paperNotes.sortBy', provider.sort);
    void vscode.commands.executeCommand('setContext', 'paperNotes.filterActive', provider.filter !== '');
    void vscode.commands.executeCommand('setContext', 'paperNotes.hideSeen', provider.hideSeen);
  };
  setContext();
  provider.revealAdded = async () => {
    if (!view.visible) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await view.reveal(provider.addedNode, { expand: true, select: true, focus: false });
  };
  context.subscriptions.push(
    provider,
    view,
    provider.onDidChangeStatus(setContext),
    // From the palette the view may be hidden: reveal it too (the welcome view's button is already in it).
    vscode.commands.registerCommand('paperNotes.showDailyPapers', async () => {
      await provider.start();
      await vscode.commands.executeCommand('paperNotes.dailyPapers.focus');
    }),
    vscode.commands.registerCommand('paperNotes.refresh', () => provider.refreshAll()),
    vscode.commands.registerCommand('paperNotes.retryDay', (arg: unknown) => {
      const day = typeof arg === 'string' ? arg : (arg as Node | undefined)?.day;
      return day ? provider.refreshDay(day) : undefined;
    }),
    vscode.commands.registerCommand('paperNotes.sortByTitle', () => provider.setSort('title')),
    vscode.commands.registerCommand('paperNotes.sortByUpvotes', () => provider.setSort('upvotes')),
    vscode.commands.registerCommand('paperNotes.sortByForYou', () => provider.setSort('forYou')),
    vscode.commands.registerCommand('paperNotes.hideSeen', () => provider.setHideSeen(true)),
    vscode.commands.registerCommand('paperNotes.showSeen', () => provider.setHideSeen(false)),
    vscode.commands.registerCommand('paperNotes.clearFilter', () => provider.setFilter('')),
    vscode.commands.registerCommand('paperNotes.filter', async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter Daily Papers'),
        prompt: vscode.l10n.t('Show papers whose title, authors, keywords or id contain this text (empty clears the filter)'),
        value: provider.filter,
      });
      if (value !== undefined) provider.setFilter(value);
    }),
    vscode.commands.registerCommand('paperNotes.goToDate', async (arg?: unknown) => {
      const today = services.settings().today;
      const input = typeof arg === 'string' ? arg : await vscode.window.showInputBox({
        title: vscode.l10n.t('Go to Date'),
        prompt: vscode.l10n.t('A day of the Daily Papers feed: YYYY-MM-DD, "today" or "yesterday"'),
        placeHolder: today,
        validateInput: (v) => {
          const r = parseDayInput(v, today);
          return 'error' in r ? r.error : undefined;
        },
      });
      if (input === undefined) return undefined;
      const parsed = parseDayInput(input, today);
      if ('error' in parsed) throw new Error(parsed.error);
      const node = await provider.addDay(parsed.day);
      if (view.visible) await view.reveal(node, { expand: true, select: true, focus: true });
      else {
        await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
        await view.reveal(node, { expand: true, select: true, focus: true });
      }
      return parsed.day;
    }),
  );
  return provider;
}
