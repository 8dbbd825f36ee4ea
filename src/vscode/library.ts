// The workspace library: the researcher's own bibliographies (BibTeX/BibLaTeX, CSL-JSON) as citation sources.
// Sources are `paperNotes.bibliographyFile`, `paperNotes.bibliographies` (may lie outside the workspace, e.g. a
// Better BibTeX auto-export) and the `bibliography:` front matter of open and indexed notes. Each file is read
// with vscode.workspace.fs and watched, so an export rewritten on disk is picked up without a reload; large files
// are parsed in a worker thread. A broken entry is one diagnostic at its line in the file; the rest still counts.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { mergeSources, noteBibliographies, type LibraryEntry, type ParsedSource } from '../core/library';
import { libraryParser, type LibraryParser } from '../node/library-parser';
import { citationSettings, isMarkdown, type CitationServices } from './citation-services';

/** File events are gathered this long before a source is re-read (an export writes in several steps). */
const RELOAD_DELAY_MS = 50;
const SOURCE = 'Paper Notes';

interface Source {
  uri: vscode.Uri;
  parsed?: ParsedSource;
  watcher: vscode.FileSystemWatcher;
  timer?: ReturnType<typeof setTimeout>;
  /** Loads of this source run one after another, so an older read never replaces a newer one. */
  queue: Promise<void>;
}

/** A configured or front-matter path as a URI: `~/` is the home folder, absolute paths keep the base's scheme. */
export function sourceUri(base: vscode.Uri, path: string): vscode.Uri {
  const p = path.trim();
  if (/^~(\/|$)/.test(p)) return vscode.Uri.file(homedir() + p.slice(1));
  if (/^[A-Za-z]:[\\/]/.test(p)) return vscode.Uri.file(p);
  if (p.startsWith('/')) return base.scheme === 'file' ? vscode.Uri.file(p) : base.with({ path: p });
  return vscode.Uri.joinPath(base, p);
}

export class WorkspaceLibrary implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('paperNotes.bibliography');
  private readonly sources = new Map<string, Source>();
  private order: string[] = [];
  private byKeyMap = new Map<string, LibraryEntry>();
  private byArxivMap = new Map<string, LibraryEntry>();
  private entryList: LibraryEntry[] = [];
  private started?: Promise<void>;
  private updating: Promise<void> = Promise.resolve();
  private sourcesTimer?: ReturnType<typeof setTimeout>;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the entries changed (a source was read again, added or dropped). */
  readonly onDidChange = this.changed.event;
  /** Bumped on every change: lets surfaces cache what they build from the entries. */
  version = 0;
  private readonly parser: LibraryParser;
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.changed];

  constructor(private readonly cite: CitationServices) {
    this.parser = libraryParser({
      file: vscode.Uri.joinPath(cite.context.extensionUri, 'dist', 'library-worker.js').fsPath,
      warn: (m) => cite.services.log().warn(m),
    });
  }

  /** Reads the sources once (on first use); later calls wait for the same first read. */
  ready(): Promise<void> {
    this.started ??= this.updateSources();
    return this.started;
  }

  byKey(key: string): LibraryEntry | undefined {
    return this.byKeyMap.get(key);
  }

  /** The first entry naming this arXiv paper. */
  byArxivId(id: string): LibraryEntry | undefined {
    return this.byArxivMap.get(id);
  }

  all(): readonly LibraryEntry[] {
    return this.entryList;
  }

  /** The source files now read, in precedence order. */
  sourceUris(): vscode.Uri[] {
    return this.order.map((k) => this.sources.get(k)!.uri);
  }

  /** The entry's file (entries carry their source's URI string as `file`). */
  uriOf(entry: LibraryEntry): vscode.Uri {
    return this.sources.get(entry.file)?.uri ?? vscode.Uri.parse(entry.file);
  }

  /** The source files the settings and the notes name now, first-named first (the first definition of a key wins). */
  private wantedSources(): vscode.Uri[] {
    const out = new Map<string, vscode.Uri>();
    const add = (u: vscode.Uri) => out.has(u.toString()) || out.set(u.toString(), u);
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const folder of folders) add(sourceUri(folder.uri, citationSettings(folder.uri).bibliographyFile));
    for (const folder of folders) for (const p of configured(folder.uri)) add(sourceUri(folder.uri, p));
    if (folders.length === 0) for (const p of configured(undefined)) if (/^(~\/|\/|[A-Za-z]:[\\/])/.test(p)) add(sourceUri(vscode.Uri.file('/'), p));
    // Front matter: open notes (as typed) and indexed notes (as saved).
    for (const doc of vscode.workspace.textDocuments) {
      if (!isMarkdown(doc) || doc.uri.scheme === 'output') continue;
      for (const p of noteBibliographies(doc.uri.path, doc.getText(new vscode.Range(0, 0, 1000, 0)))) add(sourceUri(doc.uri, p));
    }
    for (const u of this.cite.notes?.noteBibliographies() ?? []) add(u);
    return [...out.values()];
  }

  /** Recomputes the sources after `ms` (settings, folders or front matter changed); calls meanwhile merge. */
  scheduleSources(ms: number): void {
    clearTimeout(this.sourcesTimer);
    this.sourcesTimer = setTimeout(() => {
      this.sourcesTimer = undefined;
      void this.ready().then(() => this.updateSources());
    }, ms);
  }

  /** Brings the set of sources in line with the settings and notes; one update at a time. */
  updateSources(): Promise<void> {
    const run = this.updating.then(() => this.updateSourcesNow());
    this.updating = run.catch((e) => this.cite.warn(e));
    return this.updating;
  }

  /** New sources are read and watched, gone ones dropped. */
  private async updateSourcesNow(): Promise<void> {
    const wanted = this.wantedSources();
    const keys = wanted.map((u) => u.toString());
    const sameOrder = keys.length === this.order.length && keys.every((k, i) => k === this.order[i]);
    if (sameOrder) return;
    for (const [k, s] of this.sources) {
      if (keys.includes(k)) continue;
      this.sources.delete(k);
      clearTimeout(s.timer);
      s.watcher.dispose();
      this.diagnostics.delete(s.uri);
    }
    this.order = keys;
    const loads: Promise<void>[] = [];
    for (const uri of wanted) {
      if (this.sources.has(uri.toString())) continue;
      const source = this.watch(uri);
      this.sources.set(uri.toString(), source);
      loads.push(this.reload(source));
    }
    await Promise.all(loads);
    this.rebuild();
  }

  private watch(uri: vscode.Uri): Source {
    const slash = uri.path.lastIndexOf('/');
    const folder = uri.with({ path: uri.path.slice(0, slash) || '/' });
    // A pattern rooted at the file's own folder also works outside the workspace (a Zotero export folder).
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.slice(slash + 1)));
    const source: Source = { uri, watcher, queue: Promise.resolve() };
    const changed = () => {
      clearTimeout(source.timer);
      source.timer = setTimeout(() => void this.reload(source).then(() => this.rebuild()), RELOAD_DELAY_MS);
    };
    watcher.onDidChange(changed);
    watcher.onDidCreate(changed);
    watcher.onDidDelete(changed);
    return source;
  }

  private reload(source: Source): Promise<void> {
    const run = source.queue.then(async () => {
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(source.uri);
      } catch {
        source.parsed = undefined; // not there (yet): no entries, nothing to flag
        this.diagnostics.delete(source.uri);
        return;
      }
      const parsed = await this.parser.parse(source.uri.toString(), bytes);
      if (this.sources.get(source.uri.toString()) !== source) return; // dropped meanwhile
      source.parsed = parsed;
      this.diagnostics.set(source.uri, parsed.diagnostics.map((d) => {
        const diag = new vscode.Diagnostic(new vscode.Range(d.line, 0, d.line, 1000), d.message, vscode.DiagnosticSeverity.Warning);
        diag.source = SOURCE;
        return diag;
      }));
    });
    source.queue = run.catch((e) => this.cite.warn(e));
    return source.queue;
  }

  private rebuild(): void {
    const parsed = this.order.flatMap((k) => this.sources.get(k)?.parsed ?? []);
    this.entryList = mergeSources(parsed);
    this.byKeyMap = new Map(this.entryList.map((e) => [e.key, e]));
    this.byArxivMap = new Map();
    for (const e of this.entryList) if (e.arxivId && !this.byArxivMap.has(e.arxivId)) this.byArxivMap.set(e.arxivId, e);
    this.version++;
    this.changed.fire();
  }

  /** Files parsed in the worker thread so far (the extension-host suite checks that large files go there). */
  parsedInWorker(): number {
    return this.parser.counts.inWorker;
  }

  dispose(): void {
    clearTimeout(this.sourcesTimer);
    for (const s of this.sources.values()) {
      clearTimeout(s.timer);
      s.watcher.dispose();
    }
    this.sources.clear();
    this.parser.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function configured(scope: vscode.Uri | undefined): string[] {
  const v = vscode.workspace.getConfiguration('paperNotes', scope).get<unknown>('bibliographies', []);
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): WorkspaceLibrary {
  const library = new WorkspaceLibrary(cite);
  cite.library = library;
  const later = (ms: number) => library.scheduleSources(ms);
  context.subscriptions.push(
    library,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('paperNotes.bibliographyFile') || e.affectsConfiguration('paperNotes.bibliographies')) later(0);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => later(0)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => later(0)),
    vscode.workspace.onDidOpenTextDocument((d) => isMarkdown(d) && later(0)),
    // Front matter is read as typed, but the sources are only recomputed after a pause in typing.
    vscode.workspace.onDidChangeTextDocument((e) => isMarkdown(e.document) && e.document.lineAt(0).text.startsWith('---') && later(500)),
  );
  // Activation only registers: the first read starts when the host is idle, or when a surface asks.
  const start = setTimeout(() => void library.ready(), 500);
  context.subscriptions.push({ dispose: () => clearTimeout(start) });
  return library;
}
