// For You in Daily Papers and the abstract: the sort, each row's reason (tooltip) and reading state (Seen, Noted as
// a file decoration; marks in the description), Interested / Not Interested from the tree's menu and the webview,
// each undoable from the same place. The model behind it is for-you-model.ts.
import * as vscode from 'vscode';
import type { Paper } from '../core/papers/model';
import type { Mark, Ranked } from '../core/recommend';
import { paperIdFromArg } from '../core/papers/paper-ids';
import type { AbstractPanels, PanelSection } from './abstract-panel';
import type { CitationServices } from './citation-services';
import { ForYouModel } from './for-you-model';
import { appendReason, paperTooltip, OPEN_REASON_NOTE, type ReasonView } from './paper-item';
import type { PaperLens, PapersTreeProvider } from './papers-tree';
import { escapeHtml } from './text';

/** Tree rows carry this URI scheme so the decoration provider can mark Seen and Noted papers. */
const PAPER_SCHEME = 'paper-notes-paper';

export const MARK_COMMANDS: Record<string, Mark> = {
  'paperNotes.markInterested': 'interested',
  'paperNotes.markNotInterested': 'notInterested',
  'paperNotes.undoInterested': 'none',
  'paperNotes.undoNotInterested': 'none',
};

/** The tree's view of the model: order, reading state, and the row's reason and mark. */
export class ForYouLens implements PaperLens {
  readonly onDidChange: vscode.Event<void>;
  private noNotes = false;
  private pending = false;

  constructor(private readonly model: ForYouModel, private readonly cite: CitationServices) {
    this.onDidChange = model.onDidChange;
  }

  order(day: string, papers: Paper[]): Paper[] | undefined {
    const r = this.model.ranking(day, papers);
    this.pending = r.status === 'pending';
    this.noNotes = r.status === 'no-notes';
    if (r.status !== 'ranked') return undefined;
    const byId = new Map(papers.map((p) => [p.id, p]));
    return r.papers.flatMap((x) => byId.get(x.id) ?? []);
  }

  message(): string | undefined {
    if (this.noNotes) return vscode.l10n.t('For You: no notes to learn from yet — listing by upvotes. Cite papers in your Markdown notes (or mark some Interested) and For You ranks by what you write about.');
    if (this.pending) return vscode.l10n.t('For You: reading your notes… — listing by upvotes meanwhile.');
    return undefined;
  }

  seen(id: string): boolean {
    return this.model.seen(id);
  }

  decorate(item: vscode.TreeItem, paper: Paper): void {
    const m = this.model.markOf(paper.id);
    item.resourceUri = paperUri(paper.id);
    if (m !== 'none') {
      item.contextValue = `paper ${m}`;
      item.description = `${item.description ?? ''} · ${m === 'interested' ? vscode.l10n.t('interested') : vscode.l10n.t('not interested')}`;
    }
    const ranked = this.model.ranked(paper.id);
    if (ranked) {
      const md = paperTooltip(paper);
      appendReason(md, reasonView(this.cite, ranked));
      item.tooltip = md;
    }
  }
}

export function paperUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PAPER_SCHEME, path: `/${id}` });
}

/** Resolves a ranking's reason for display: keys and titles of papers, notes as URIs with short labels. */
export function reasonView(cite: CitationServices, r: Ranked): ReasonView {
  return {
    placed: r.placed,
    papers: r.reason.papers.map((id) => ({ id, key: cite.lookup.keyOf(id), title: cite.lookup.byId(id)?.title })),
    notes: r.reason.notes.map((s) => {
      const uri = vscode.Uri.parse(s, true);
      return { uri, label: vscode.workspace.asRelativePath(uri) };
    }),
    terms: r.reason.terms,
  };
}

/** Seen (abstract opened) and Noted (cited, or a literature note exists): quiet badges on the tree's rows. */
class ReadingDecorations implements vscode.FileDecorationProvider {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;

  constructor(private readonly model: ForYouModel) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== PAPER_SCHEME) return undefined;
    const id = uri.path.slice(1);
    const noted = this.model.noted(id);
    const seen = this.model.seen(id);
    if (!noted && !seen) return undefined;
    const d = new vscode.FileDecoration(
      noted ? '✓' : '·',
      noted ? vscode.l10n.t('Noted: a note cites this paper or its literature note exists') : vscode.l10n.t('Seen: you opened its abstract'),
    );
    if (seen && !noted) d.color = new vscode.ThemeColor('descriptionForeground');
    return d;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The abstract page's For You section: the reason (notes open on click) and the mark buttons. */
class ReasonSection implements PanelSection, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Papers whose reason was asked for outside a ranking: true once answered (maybe with nothing). */
  private readonly explained = new Map<string, boolean>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: ForYouModel, private readonly cite: CitationServices) {
    this.sub = model.onDidChange(() => this.changed.fire());
  }

  html(paper: Paper): string {
    const ranked = this.model.ranked(paper.id);
    if (!ranked && !this.explained.has(paper.id)) {
      // Not ranked yet (opened from Search or a note): rank its day in the background, then re-render.
      this.explained.set(paper.id, false);
      void this.model
        .explain(paper)
        .catch((e) => this.cite.warn(e))
        .then(() => {
          this.explained.set(paper.id, true);
          this.changed.fire();
        });
    }
    const m = this.model.markOf(paper.id);
    const t = (s: string) => escapeHtml(vscode.l10n.t(s));
    const button = (action: string, pressed: boolean, label: string, undo: string) =>
      `<button data-action="${action}" class="secondary" aria-pressed="${pressed}">${pressed ? t(undo) : t(label)}</button>`;
    return `<section id="for-you" class="for-you" aria-label="${t('For You')}"><h2>${t('For You')}</h2>
  <p id="for-you-reason">${ranked ? this.reasonHtml(ranked) : `<span class="muted">${this.explained.get(paper.id) ? t('No notes to compare it with yet: cite papers in your notes.') : t('Reading your notes…')}</span>`}</p>
  <div class="actions">${button('forYouInterested', m === 'interested', 'Interested', 'Undo Interested')}${button('forYouNotInterested', m === 'notInterested', 'Not Interested', 'Undo Not Interested')}</div>
</section>`;
  }

  private reasonHtml(ranked: Ranked): string {
    const t = (s: string) => escapeHtml(vscode.l10n.t(s));
    if (!ranked.placed) return `<span class="muted">${t('Not near any of your notes — nothing to say why.')}</span>`;
    const v = reasonView(this.cite, ranked);
    const like = v.papers.map((p) => `<b>${escapeHtml(p.key ? `[@${p.key}]` : p.id)}</b>${p.title ? ` ${escapeHtml(p.title)}` : ''}`);
    const notes = v.notes.map((n, i) => `<button class="link" data-action="forYouOpenNote" data-arg="${i}" title="${escapeHtml(n.uri.fsPath)}">${escapeHtml(n.label)}</button>`);
    const parts = [like.length ? `${t('Like')} ${like.join(', ')}` : '', notes.length ? `${like.length ? t('cited in') : t('Near')} ${notes.join(', ')}` : ''].filter(Boolean);
    const terms = v.terms.length ? ` — <span class="terms">${escapeHtml(v.terms.join(', '))}</span>` : '';
    return `${parts.join(', ')}${terms}`;
  }

  async handle(paper: Paper, raw: unknown): Promise<boolean> {
    if (typeof raw !== 'object' || raw === null) return false;
    const msg = raw as { type?: unknown; id?: unknown; arg?: unknown };
    if (msg.id !== paper.id) return false;
    const current = this.model.markOf(paper.id);
    switch (msg.type) {
      case 'forYouInterested':
        await this.model.setMark(paper.id, current === 'interested' ? 'none' : 'interested');
        return true;
      case 'forYouNotInterested':
        await this.model.setMark(paper.id, current === 'notInterested' ? 'none' : 'notInterested');
        return true;
      case 'forYouOpenNote': {
        // Only an index into the reason shown: the webview never names a file itself.
        const ranked = this.model.ranked(paper.id);
        const i = typeof msg.arg === 'string' && /^\d$/.test(msg.arg) ? Number(msg.arg) : -1;
        const note = ranked?.reason.notes[i];
        if (!note) return false;
        await vscode.window.showTextDocument(vscode.Uri.parse(note, true), { preview: true });
        return true;
      }
      default:
        return false;
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** Opens a note named by a tooltip link, if it is a Markdown file inside the workspace. */
async function openReasonNote(arg: unknown): Promise<void> {
  if (typeof arg !== 'string') return;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(arg, true);
  } catch {
    return;
  }
  if (!/\.(md|markdown)$/i.test(uri.path) || !vscode.workspace.getWorkspaceFolder(uri)) return;
  await vscode.window.showTextDocument(uri, { preview: true });
}

export function register(context: vscode.ExtensionContext, cite: CitationServices, tree: PapersTreeProvider, panels: AbstractPanels): ForYouModel {
  const model = new ForYouModel(cite);
  const decorations = new ReadingDecorations(model);
  const section = new ReasonSection(model, cite);
  const markFrom = (m: Mark) => async (arg: unknown) => {
    const id = paperIdFromArg(arg);
    if (!id) return;
    try {
      await model.setMark(id, m);
    } catch (e) {
      void vscode.window.showWarningMessage(`Paper Notes: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  context.subscriptions.push(
    model,
    decorations,
    tree.setLens(new ForYouLens(model, cite)),
    section,
    panels.setSection(section),
    vscode.window.registerFileDecorationProvider(decorations),
    model.onDidChange(() => decorations.refresh()),
    cite.services.onDidChangePaperNotes(() => decorations.refresh()),
    panels.onDidShowPaper((p) => void model.markSeen(p.id)),
    vscode.commands.registerCommand(OPEN_REASON_NOTE, openReasonNote),
    ...Object.entries(MARK_COMMANDS).map(([command, m]) => vscode.commands.registerCommand(command, markFrom(m))),
  );
  return model;
}
