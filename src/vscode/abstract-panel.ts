// The abstract webview: one reusable preview panel (clicking another paper replaces it), plus kept panels opened
// to the side or pinned. All paper text is untrusted: it is escaped, the abstract goes through markdown-it with
// raw HTML off and http(s)-only links, the CSP allows only our nonce'd script and styles, and every message
// from the webview is validated before anything happens.
import * as vscode from 'vscode';
import { showMessageWithLog } from './log';
import type MarkdownIt from 'markdown-it';
import { paperLinks, safeHttpUrl, type Paper } from '../core/papers/model';
import { paperIdFromArg } from '../core/papers/paper-ids';
import type { Services } from './services';
import { escapeHtml, nonce } from './text';

export const PANEL_TYPE = 'paperNotes.abstract';

let abstractMarkdown: MarkdownIt | undefined;

/** The abstract renderer, built when the first abstract is shown (markdown-it is loaded lazily; see core/notes/parser). */
function markdown(): MarkdownIt {
  if (!abstractMarkdown) {
    const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
    const md = new MarkdownItClass({ html: false, linkify: true, typographer: false });
    md.validateLink = (url: string) => safeHttpUrl(url) !== undefined;
    // `![x](https://…)` in an abstract would load a remote image (a tracking pixel) when the panel opens: images
    // render as their alt text instead, and the CSP allows no remote images.
    md.disable('image');
    abstractMarkdown = md;
  }
  return abstractMarkdown;
}

/** A codicon (from @vscode/codicons, copied into media/ by the build); decorative, so hidden from screen readers. */
const icon = (name: string) => `<span class="codicon codicon-${name}" aria-hidden="true"></span>`;

export type PanelMessage =
  | { type: 'insertCitation' | 'createNote' | 'copyBibtex' | 'keepOpen'; id: string }
  | { type: 'open'; id: string; url: string };

/** Returns the message when it is one we understand about the shown paper, else undefined. */
export function validMessage(raw: unknown, paperId: string): PanelMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (m.id !== paperId) return undefined;
  switch (m.type) {
    case 'insertCitation':
    case 'createNote':
    case 'copyBibtex':
    case 'keepOpen':
      return { type: m.type, id: paperId };
    case 'open': {
      const url = safeHttpUrl(m.url);
      return url ? { type: 'open', id: paperId, url } : undefined;
    }
    default:
      return undefined;
  }
}

interface Shown {
  panel: vscode.WebviewPanel;
  paper: Paper;
  /** The plugged-in section as last rendered, so a change elsewhere does not re-render (and scroll) the page. */
  section?: string;
}

/**
 * What another surface adds to the page under the actions (for-you.ts: the reason and the feedback buttons).
 * `html` must escape what it interpolates; messages this file does not know are handed to `handle`.
 */
export interface PanelSection {
  html(paper: Paper): string;
  /** True when the message was the section's (it validates it). */
  handle(paper: Paper, raw: unknown): Promise<boolean>;
  readonly onDidChange: vscode.Event<void>;
}

export class AbstractPanels implements vscode.Disposable {
  private preview?: Shown;
  private readonly kept = new Set<Shown>();
  private section?: PanelSection;
  private readonly shownPaper = new vscode.EventEmitter<Paper>();
  /** Fires when a paper's abstract is shown (For You's Seen). */
  readonly onDidShowPaper = this.shownPaper.event;

  constructor(private readonly services: Services) {}

  setSection(section: PanelSection): vscode.Disposable {
    this.section = section;
    const sub = section.onDidChange(() => {
      for (const shown of this.shownPanels()) if (section.html(shown.paper) !== shown.section) this.render(shown);
    });
    return new vscode.Disposable(() => {
      sub.dispose();
      if (this.section === section) this.section = undefined;
    });
  }

  private shownPanels(): Shown[] {
    return [...(this.preview ? [this.preview] : []), ...this.kept];
  }

  /** Shows a paper: in the reusable preview panel, or (toSide) in a new panel that stays. */
  async show(id: string, options: { toSide?: boolean } = {}): Promise<vscode.WebviewPanel | undefined> {
    const paper = await this.services.catalog().paper(id);
    if (!paper) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Paper Notes: paper {0} is not in the cache.', id));
      return undefined;
    }
    if (!options.toSide && this.preview) {
      this.preview.paper = paper;
      this.render(this.preview);
      this.preview.panel.reveal(undefined, true);
      this.shownPaper.fire(paper);
      return this.preview.panel;
    }
    const column = options.toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, paper.title, { viewColumn: column, preserveFocus: true }, this.webviewOptions());
    this.adopt(panel, paper, !options.toSide);
    this.shownPaper.fire(paper);
    return panel;
  }

  /**
   * Restores a panel after a reload (the webview saved the paper id, and whether it was the preview, with
   * setState). State from before `preview` was saved restores as kept.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = typeof state === 'object' && state !== null ? (state as { id?: unknown; preview?: unknown }) : {};
    const id = saved.id;
    const paper = typeof id === 'string' ? await this.services.catalog().paper(id) : undefined;
    if (!paper) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.adopt(panel, paper, saved.preview === true && !this.preview);
  }

  /** Panels currently open, for tests: the paper each shows. */
  openPapers(): Array<{ id: string; preview: boolean }> {
    return [...(this.preview ? [{ id: this.preview.paper.id, preview: true }] : []), ...[...this.kept].map((s) => ({ id: s.paper.id, preview: false }))];
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.services.context.extensionUri, 'media')],
    };
  }

  /** Takes a panel in as the preview or as kept — before the first render, which shows Keep Open only in the preview. */
  private adopt(panel: vscode.WebviewPanel, paper: Paper, asPreview: boolean): Shown {
    const shown: Shown = { panel, paper };
    if (asPreview) this.preview = shown;
    else this.kept.add(shown);
    panel.iconPath = vscode.Uri.joinPath(this.services.context.extensionUri, 'media', 'paper-notes.svg');
    this.render(shown);
    panel.webview.onDidReceiveMessage((raw) =>
      this.handle(shown, raw).catch((e) => {
        // A button the user clicked failed: log it and say so once, instead of an unhandled rejection.
        const detail = e instanceof Error ? e.message : String(e);
        this.services.log().error(`abstract webview action failed: ${detail}`);
        void showMessageWithLog('error', vscode.l10n.t('Paper Notes: the action failed: {0}. See the log for details.', detail));
      }),
    );
    panel.onDidDispose(() => {
      if (this.preview === shown) this.preview = undefined;
      this.kept.delete(shown);
    });
    return shown;
  }

  private render(shown: Shown): void {
    shown.panel.title = shown.paper.title;
    shown.section = this.section?.html(shown.paper);
    shown.panel.webview.html = renderHtml(shown.panel.webview, this.services.context.extensionUri, shown.paper, this.preview === shown, shown.section);
  }

  private async handle(shown: Shown, raw: unknown): Promise<void> {
    const msg = validMessage(raw, shown.paper.id);
    if (!msg) {
      if (await this.section?.handle(shown.paper, raw)) return;
      this.services.log().warn(`ignored a message from the abstract webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (msg.type) {
      case 'insertCitation':
        await vscode.commands.executeCommand('paperNotes.insertCitation', msg.id);
        return;
      case 'createNote':
        await vscode.commands.executeCommand('paperNotes.createLiteratureNote', msg.id);
        return;
      case 'copyBibtex':
        await vscode.commands.executeCommand('paperNotes.copyBibtex', msg.id);
        return;
      case 'keepOpen':
        if (this.preview === shown) {
          this.preview = undefined;
          this.kept.add(shown);
          this.render(shown);
        }
        return;
      case 'open':
        await vscode.env.openExternal(vscode.Uri.parse(msg.url, true));
        return;
    }
  }

  dispose(): void {
    this.shownPaper.dispose();
    this.preview?.panel.dispose();
    for (const s of this.kept) s.panel.dispose();
  }
}

/** The whole page. Every interpolated paper string goes through escapeHtml or markdown-it (html: false). */
export function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri, paper: Paper, isPreview: boolean, section = ''): string {
  const n = nonce();
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
  const links = paperLinks(paper);
  const linkList: Array<[string, string | undefined]> = [
    ['arXiv', links.abs],
    ['PDF', links.pdf],
    ['Hugging Face', links.hf],
    ['GitHub', safeHttpUrl(paper.githubRepo)],
    [vscode.l10n.t('Project page'), safeHttpUrl(paper.projectPage)],
  ];
  const date = paper.publishedAt?.slice(0, 10) ?? paper.day;
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const id = escapeHtml(paper.id);
  // Interface text through vscode.l10n (a translation is a bundle file away), escaped like any other text here.
  const t = (message: string, ...args: Array<string | number>) => escapeHtml(vscode.l10n.t(message, ...args));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${media('codicons/codicon.css')}">
<link rel="stylesheet" nonce="${n}" href="${media('abstract.css')}">
<title>${escapeHtml(paper.title)}</title>
</head>
<body data-paper-id="${id}"${isPreview ? ' data-preview' : ''}>
<main>
  <h1 id="title">${escapeHtml(paper.title)}</h1>
  <p id="authors" class="authors">${escapeHtml(paper.authors.join(', ')) || `<span class="muted">${t('Unknown authors')}</span>`}</p>
  <p id="meta" class="meta">
    <span title="${t('arXiv id')}">${id}${paper.version ? escapeHtml(paper.version) : ''}</span>
    ${date ? `<span title="${t('Published')}">${escapeHtml(date)}</span>` : ''}
    ${paper.day ? `<span title="${t('Upvotes')}">${icon('arrow-up')}${paper.upvotes}</span>
    <span title="${t('Comments')}">${icon('comment')}${paper.numComments === 1 ? t('1 comment') : t('{0} comments', paper.numComments)}</span>` : '' /* the feed's counts; an added paper has none */}
  </p>
  <nav class="actions" aria-label="${t('Actions')}">
    <button data-action="insertCitation" title="${t('Insert a citation stub for this paper into the active Markdown note')}">${icon('quote')}${t('Insert Citation')}</button>
    <button data-action="createNote" class="secondary" title="${t('Create a literature note for this paper')}">${icon('new-file')}${t('Create Literature Note')}</button>
    <button data-action="copyBibtex" class="secondary" title="${t('Copy a BibTeX entry to the clipboard')}">${icon('copy')}${t('Copy BibTeX')}</button>
    <button data-action="open" data-url="${escapeHtml(links.abs)}" class="secondary" title="${escapeHtml(links.abs)}">${icon('link-external')}${t('Open in Browser')}</button>
    ${isPreview ? `<button data-action="keepOpen" class="secondary" title="${t('Keep this panel open; the next paper opens in a new one')}">${icon('pin')}${t('Keep Open')}</button>` : ''}
  </nav>
  ${section}
  ${paper.aiKeywords.length ? `<ul id="keywords" class="keywords" aria-label="${t('Keywords')}">${paper.aiKeywords.map((k) => `<li>${escapeHtml(k)}</li>`).join('')}</ul>` : ''}
  ${paper.aiSummary ? `<section id="summary" class="summary"><h2>${t('AI summary')}</h2><p>${escapeHtml(paper.aiSummary)}</p></section>` : ''}
  <section id="abstract" class="abstract"><h2>${t('Abstract')}</h2>${paper.abstract ? markdown().render(paper.abstract) : `<p class="muted">${t('No abstract.')}</p>`}</section>
  <section class="links"><h2>${t('Links')}</h2><ul id="links">${linkList
    .filter((l): l is [string, string] => l[1] !== undefined)
    .map(([label, url]) => `<li><a href="${escapeHtml(url)}" data-url="${escapeHtml(url)}">${escapeHtml(label)}</a> <span class="url">${escapeHtml(url)}</span></li>`)
    .join('')}</ul></section>
</main>
<script nonce="${n}" src="${media('abstract.js')}"></script>
</body>
</html>`;
}

export function register(context: vscode.ExtensionContext, services: Services): AbstractPanels {
  const panels = new AbstractPanels(services);
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand('paperNotes.openPaper', (arg: unknown) => {
      const id = paperIdFromArg(arg);
      return id ? panels.show(id) : undefined;
    }),
    vscode.commands.registerCommand('paperNotes.openPaperToSide', (arg: unknown) => {
      const id = paperIdFromArg(arg);
      return id ? panels.show(id, { toSide: true }) : undefined;
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, { deserializeWebviewPanel: (panel, state) => panels.restore(panel, state) }),
  );
  return panels;
}
