// The "Related" view: for the active Markdown note, the cached papers and the other notes most similar to it,
// leaving out the note and what it already cites (core/recommend's related, over For You's profile). It follows
// the note as you type, half a second after the last keystroke, and only while the view is visible. A paper
// opens its abstract; its inline action inserts a citation at the cursor (insert-citation.ts: one edit, one undo).
import * as vscode from 'vscode';
import type { Paper } from '../core/papers/model';
import type { RelatedResult } from '../core/recommend';
import { isMarkdown, type CitationServices } from './citation-services';
import type { ForYouModel } from './for-you-model';
import { paperTooltip } from './paper-item';

export const RELATED_VIEW = 'paperNotes.related';
const TYPING_DELAY_MS = 500;
const LIMIT = 10;

export type RelatedNode =
  | { kind: 'group'; group: 'papers' | 'notes'; count: number }
  | { kind: 'paper'; paper: Paper; score: number }
  | { kind: 'note'; uri: vscode.Uri; score: number };

interface Shown {
  uri: string;
  version: number;
  papers: RelatedNode[];
  notes: RelatedNode[];
}

export class RelatedProvider implements vscode.TreeDataProvider<RelatedNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RelatedNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private shown?: Shown;
  private timer?: ReturnType<typeof setTimeout>;
  private running?: Promise<void>;
  private again = false;
  /** Whether the view is on screen: hidden, it does no work. Set by register(). */
  visible = false;
  /** Resolves after the next update (a test, or the view's message, waits on it). */
  private waiters: Array<() => void> = [];

  constructor(private readonly model: ForYouModel, private readonly cite: CitationServices) {}

  /** The note the view is about: the active Markdown editor's document. */
  document(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && isMarkdown(doc) ? doc : undefined;
  }

  /** Schedules an update: at once for a switch of note, after the typing pause for an edit. */
  schedule(delay = TYPING_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  /** Resolves once the view shows the current note at its current version. */
  async current(): Promise<void> {
    const doc = this.document();
    if (!doc || (this.shown && this.shown.uri === doc.uri.toString() && this.shown.version === doc.version && !this.running)) return;
    await new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.schedule(0);
    });
    return this.current();
  }

  private update(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.compute()
      .catch((e) => this.cite.warn(e))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.update();
          return;
        }
        for (const w of this.waiters.splice(0)) w();
      });
    return this.running;
  }

  private async compute(): Promise<void> {
    const doc = this.document();
    if (!doc) {
      if (this.shown) {
        this.shown = undefined;
        this.changed.fire(undefined);
      }
      return;
    }
    if (!this.visible && this.waiters.length === 0) return; // hidden and nobody waiting: no work
    const version = doc.version;
    const result: RelatedResult = await this.model.related(doc, LIMIT);
    const lookup = await this.cite.papers();
    const papers = result.papers.flatMap((p): RelatedNode[] => {
      const paper = lookup.byId(p.id);
      return paper ? [{ kind: 'paper', paper, score: p.score }] : [];
    });
    const notes = result.notes.map((n): RelatedNode => ({ kind: 'note', uri: vscode.Uri.parse(n.path, true), score: n.score }));
    this.shown = { uri: doc.uri.toString(), version, papers, notes };
    this.changed.fire(undefined);
  }

  /** The view's message: why it is empty, if it is. */
  message(): string | undefined {
    if (!this.document()) return vscode.l10n.t('Open a Markdown note to see the papers and notes related to it.');
    if (this.shown && this.shown.papers.length + this.shown.notes.length === 0) return vscode.l10n.t('Nothing related yet: write a little more, or load a day of papers.');
    return undefined;
  }

  getChildren(node?: RelatedNode): RelatedNode[] {
    const s = this.shown;
    if (!s) return [];
    if (!node) {
      return [
        ...(s.papers.length ? [{ kind: 'group', group: 'papers', count: s.papers.length } as const] : []),
        ...(s.notes.length ? [{ kind: 'group', group: 'notes', count: s.notes.length } as const] : []),
      ];
    }
    if (node.kind !== 'group') return [];
    return node.group === 'papers' ? s.papers : s.notes;
  }

  getTreeItem(node: RelatedNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.group === 'papers' ? vscode.l10n.t('Papers') : vscode.l10n.t('Notes'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `related:${node.group}`;
        item.description = String(node.count);
        return item;
      }
      case 'paper': {
        const item = new vscode.TreeItem(node.paper.title, vscode.TreeItemCollapsibleState.None);
        item.id = `related:paper:${node.paper.id}`;
        const key = this.cite.lookup.keyOf(node.paper.id);
        item.description = [key ? `@${key}` : node.paper.id, node.score.toFixed(2)].join(' · ');
        item.tooltip = paperTooltip(node.paper);
        item.iconPath = new vscode.ThemeIcon('file-text');
        item.contextValue = 'relatedPaper';
        item.command = { command: 'paperNotes.openPaper', title: vscode.l10n.t('Open Abstract'), arguments: [node.paper.id] };
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.uri), vscode.TreeItemCollapsibleState.None);
        item.id = `related:note:${node.uri.toString()}`;
        item.resourceUri = node.uri;
        item.description = node.score.toFixed(2);
        item.iconPath = new vscode.ThemeIcon('note');
        item.contextValue = 'relatedNote';
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Note'), arguments: [node.uri] };
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices, model: ForYouModel): RelatedProvider {
  const provider = new RelatedProvider(model, cite);
  const view = vscode.window.createTreeView(RELATED_VIEW, { treeDataProvider: provider });
  const showMessage = () => (view.message = provider.message());
  provider.visible = view.visible;
  context.subscriptions.push(
    provider,
    view,
    provider.onDidChangeTreeData(showMessage),
    view.onDidChangeVisibility((e) => {
      provider.visible = e.visible;
      if (e.visible) provider.schedule(0);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      showMessage();
      provider.schedule(0);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && e.document === provider.document()) provider.schedule();
    }),
    // New notes, papers or marks: what is related may have changed too.
    model.onDidChange(() => provider.schedule()),
  );
  showMessage();
  if (provider.visible) provider.schedule(0);
  return provider;
}
