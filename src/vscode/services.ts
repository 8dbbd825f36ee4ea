// The extension's one service container: settings, and the core services created lazily on first use
// (no fetching or disk work at activation). Surfaces receive it in `register(context, services)` and ask it
// for what they need; they never build core services themselves.
import * as vscode from 'vscode';
import { createCatalog, type Catalog } from '../core/catalog';
import type { Fetch } from '../core/fs';
import { DEFAULT_ARXIV_BASE } from '../core/papers/arxiv';
import { nodeFileSystem } from '../node/node-fs';
import { todayString } from './dates';

export type SortOrder = 'upvotes' | 'title' | 'forYou';

export interface Settings {
  apiBaseUrl: string;
  /** arXiv API base, for papers added or cited by id. */
  arxivApiBaseUrl: string;
  daysToShow: number;
  /** Absolute folder of the paper cache. */
  cacheDirectory: string;
  /** YYYY-MM-DD: the real date unless `paperNotes.today` pins it (demos, tests). */
  today: string;
}

/** The notes citing each paper (the tree's paper children); provided by the notes index (note-index.ts). */
export interface PaperNotesSource {
  notesCiting(paperId: string): vscode.Uri[];
  readonly onDidChange: vscode.Event<void>;
}

export class Services implements vscode.Disposable {
  private catalogInstance?: Catalog;
  private unsubscribe?: () => void;
  private outputChannel?: vscode.LogOutputChannel;
  private readonly papersChanged = new vscode.EventEmitter<{ day?: string; ids: string[] } | undefined>();
  private readonly paperNotesChanged = new vscode.EventEmitter<void>();
  private paperNotes?: PaperNotesSource;
  private readonly disposables: vscode.Disposable[] = [this.papersChanged, this.paperNotesChanged];

  /** Fires when the catalog changes, and with `undefined` when it was replaced (settings changed). */
  readonly onDidChangePapers = this.papersChanged.event;

  constructor(readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['apiBaseUrl', 'arxivApiBaseUrl', 'cacheDirectory'].some((k) => e.affectsConfiguration(`paperNotes.${k}`))) {
          this.resetCatalog();
          this.papersChanged.fire(undefined);
        }
      }),
    );
  }

  settings(): Settings {
    const c = vscode.workspace.getConfiguration('paperNotes');
    const cacheSetting = c.get<string>('cacheDirectory', '').trim();
    return {
      apiBaseUrl: c.get<string>('apiBaseUrl', 'https://huggingface.co').trim().replace(/\/+$/, '') || 'https://huggingface.co',
      arxivApiBaseUrl: c.get<string>('arxivApiBaseUrl', DEFAULT_ARXIV_BASE).trim().replace(/\/+$/, '') || DEFAULT_ARXIV_BASE,
      daysToShow: Math.max(0, Math.min(60, Math.floor(c.get<number>('daysToShow', 7)))),
      cacheDirectory: cacheSetting || vscode.Uri.joinPath(this.context.globalStorageUri, 'cache').fsPath,
      today: todayString(c.get<string>('today', '').trim()),
    };
  }

  /** The paper catalog, created on first use from the current settings. */
  catalog(): Catalog {
    if (!this.catalogInstance) {
      const s = this.settings();
      const fetchFn: Fetch = (url, init) => fetch(url, init);
      const catalog = createCatalog({
        fs: nodeFileSystem,
        fetch: fetchFn,
        cacheDir: s.cacheDirectory,
        apiBase: s.apiBaseUrl,
        arxivBase: s.arxivApiBaseUrl,
        userAgent: `paper-notes-vscode/${this.context.extension.packageJSON.version as string}`,
        warn: (message) => this.log().warn(message),
      });
      this.unsubscribe = catalog.onDidChange((change) => this.papersChanged.fire(change));
      this.catalogInstance = catalog;
    }
    return this.catalogInstance;
  }

  /** Fires when the notes citing papers changed (tree children). */
  readonly onDidChangePaperNotes = this.paperNotesChanged.event;

  /** Plugs in the notes index as the source of the tree's note children. */
  setPaperNotes(source: PaperNotesSource): vscode.Disposable {
    this.paperNotes = source;
    const sub = source.onDidChange(() => this.paperNotesChanged.fire());
    this.paperNotesChanged.fire();
    return new vscode.Disposable(() => {
      sub.dispose();
      if (this.paperNotes === source) this.paperNotes = undefined;
    });
  }

  /** Notes citing the paper (empty until the notes index is built). */
  notesCiting(paperId: string): vscode.Uri[] {
    return this.paperNotes?.notesCiting(paperId) ?? [];
  }

  log(): vscode.LogOutputChannel {
    this.outputChannel ??= vscode.window.createOutputChannel('Paper Notes', { log: true });
    return this.outputChannel;
  }

  private resetCatalog(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.catalogInstance = undefined;
  }

  dispose(): void {
    this.resetCatalog();
    this.outputChannel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
