// The notes index inside the editor: one core NoteIndex per workspace folder, opened from the extension's
// storage and reconciled in the background after activation (status-bar progress), then kept current by
// file-system watchers (save, create, delete) and rename events; saved a moment after changes so a reload
// starts warm. It answers topic search, "notes citing this paper" and the tree's note children.
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { NoteIndex, Hit, NoteRecord, SearchOptions } from '../core/search';
import { indexTargets, type IndexTargets } from '../core/library';
import type { Paper } from '../core/papers/model';
import type { KeyMap } from '../core/cite/keys';
import { sourceUri } from './library';
import { nodeFileSystem } from '../node/node-fs';
import type { PrepareWorkers } from '../node/index-workers';
import type { CitationServices } from './citation-services';
import { indexEnabled, noteFilters, NOTE_FILTER_SETTINGS } from './note-settings';
import { INDEX_MENU } from './index-menu';

export interface EditorHit extends Hit {
  /** The note's file, for note hits. */
  uri?: vscode.Uri;
  folder: vscode.WorkspaceFolder;
}

interface FolderIndex {
  folder: vscode.WorkspaceFolder;
  index: NoteIndex;
}

const SAVE_DELAY_MS = 1500;
/** File events are gathered this long, then applied as one batch (one tree refresh, one change event). */
const BATCH_DELAY_MS = 100;
/** A batch this large (a checkout, a sync, a script writing notes) is cheaper and safer as one reconcile:
 * a walk that re-reads only changed files, in the workers — and it also catches events the watcher dropped. */
const BURST_SIZE = 64;

/** Loaded on the first build, not at activation (see search-engine.ts). */
const searchEngine = () => require('./search-engine') as typeof import('./search-engine');

export class EditorNoteIndex implements vscode.Disposable {
  private readonly indexes = new Map<string, FolderIndex>();
  private queue: Promise<unknown> = Promise.resolve();
  private built?: Promise<void>;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private pending = new Map<string, vscode.Uri>();
  private batchTimer?: ReturnType<typeof setTimeout>;
  private batchDone?: Promise<void>;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the index changed (built, a note updated, papers changed). */
  readonly onDidChange = this.changed.event;
  private readonly status = vscode.window.createStatusBarItem('paperNotes.noteIndex', vscode.StatusBarAlignment.Left, 0);
  private readonly disposables: vscode.Disposable[] = [this.changed, this.status];
  private workers?: PrepareWorkers;

  constructor(private readonly cite: CitationServices) {
    this.status.name = 'Paper Notes index';
    this.status.command = INDEX_MENU;
  }

  /** Starts the background build once; later calls return the same promise. A failed build (say, storage full)
   * is logged by run() and forgotten, so the next search or start tries again instead of staying broken. */
  start(): Promise<void> {
    if (!this.built) {
      const built = this.run(() => this.build());
      this.built = built;
      built.catch(() => {
        if (this.built === built) this.built = undefined;
      });
    }
    return this.built;
  }

  /** Serialises every index operation: the core index is not re-entrant. */
  private run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch((e) => this.cite.warn(e));
    return next;
  }

  private storageDir(folder: vscode.WorkspaceFolder): string {
    const base = this.cite.context.storageUri ?? this.cite.context.globalStorageUri;
    const tag = createHash('sha1').update(folder.uri.toString()).digest('hex').slice(0, 12);
    return vscode.Uri.joinPath(base, 'note-index', tag).fsPath;
  }

  /**
   * Forgets the open indexes and builds again: from the persisted index (only changed files re-read) after a
   * settings change, or from nothing when `fresh` (Rebuild Notes Index drops what was saved).
   */
  async restart(fresh: boolean): Promise<void> {
    await this.run(async () => {
      clearTimeout(this.saveTimer);
      const folders = [...this.indexes.values()].map((fi) => fi.folder);
      this.indexes.clear();
      this.built = undefined;
      if (fresh) {
        for (const f of vscode.workspace.workspaceFolders ?? folders) {
          await vscode.workspace.fs.delete(vscode.Uri.file(this.storageDir(f)), { recursive: true, useTrash: false }).then(undefined, () => undefined);
        }
      }
    });
    this.changed.fire();
    await this.start();
  }

  /** Notes indexed now, over every folder. */
  noteCount(): number {
    let notes = 0;
    for (const { index } of this.indexes.values()) notes += index.stats.notes;
    return notes;
  }

  private async build(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!indexEnabled()) {
      this.status.hide();
      return;
    }
    if (folders.length === 0) return;
    this.status.text = `$(sync~spin) ${vscode.l10n.t('Indexing notes…')}`;
    this.status.tooltip = vscode.l10n.t('Paper Notes is indexing the notes in this workspace');
    this.status.show();
    try {
      const workers = this.prepareWorkers();
      const { NoteIndex } = searchEngine();
      for (const folder of folders) {
        const index = await NoteIndex.open({
          prepare: workers?.size ? workers.prepare : undefined,
          fs: nodeFileSystem,
          storageDir: this.storageDir(folder),
          notesRoot: folder.uri.fsPath,
          ...noteFilters(folder.uri),
          papers: async () => (await this.citationTargets()).papers,
          keys: async () => (await this.citationTargets()).keys,
          aliases: async () => (await this.citationTargets()).aliases,
          warn: (m) => this.cite.services.log().warn(m),
        });
        const r = await index.reconcile();
        this.cite.services.log().info(
          `note index ${folder.name}: ${r.indexed} notes (${r.added} added, ${r.changed} changed, ${r.deleted} deleted, ${r.unchanged} unchanged)`,
        );
        this.indexes.set(folder.uri.toString(), { folder, index });
        await index.save();
      }
      this.showCount();
      this.status.tooltip = vscode.l10n.t('Paper Notes: notes indexed — click for Rebuild, Show Log, Settings');
    } catch (e) {
      this.status.text = `$(warning) ${vscode.l10n.t('Notes index')}`;
      this.status.tooltip = vscode.l10n.t('Paper Notes could not index the notes: {0}', e instanceof Error ? e.message : String(e));
      throw e;
    } finally {
      this.changed.fire();
    }
  }

  /**
   * Worker threads for the build, so the extension host's thread only reads files and assembles segments.
   * They start with the first changed note and stop when idle; without them notes are prepared in-thread.
   */
  private prepareWorkers(): PrepareWorkers | undefined {
    if (this.workers) return this.workers;
    try {
      const file = vscode.Uri.joinPath(this.cite.context.extensionUri, 'dist', 'index-worker.js').fsPath;
      this.workers = searchEngine().prepareWorkers({ file, warn: (m) => this.cite.services.log().warn(m) });
    } catch (e) {
      this.cite.services.log().warn(`Paper Notes: no index workers (${e instanceof Error ? e.message : String(e)}); indexing in the extension host's thread.`);
    }
    return this.workers;
  }

  /** Notes prepared in worker threads so far: lets the extension-host suite see that the workers ran. */
  preparedInWorkers(): number {
    return this.workers?.counts.inWorkers ?? 0;
  }

  private locate(uri: vscode.Uri): { fi: FolderIndex; path: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const fi = folder && this.indexes.get(folder.uri.toString());
    if (!fi) return undefined;
    const root = fi.folder.uri.path.replace(/\/$/, '');
    if (!uri.path.startsWith(`${root}/`)) return undefined;
    return { fi, path: uri.path.slice(root.length + 1) };
  }

  private showCount(): void {
    const notes = this.noteCount();
    this.status.text = `$(book) ${notes === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', notes)}`;
  }

  /** Notes re-read since this index was opened: 0 after a warm start on unchanged notes. */
  reindexedFiles(): number {
    let n = 0;
    for (const { index } of this.indexes.values()) n += index.stats.reindexedFiles;
    return n;
  }

  /** Persists now (normally debounced after changes). */
  save(): Promise<void> {
    clearTimeout(this.saveTimer);
    return this.run(async () => {
      for (const { index } of this.indexes.values()) await index.save();
    });
  }

  private afterChange(): void {
    this.showCount();
    this.changed.fire();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      void this.run(async () => {
        for (const { index } of this.indexes.values()) await index.save();
      });
    }, SAVE_DELAY_MS);
  }

  /** A note was created, saved, changed or deleted on disk. Gathered briefly and applied as one batch. */
  noteChanged(uri: vscode.Uri): Promise<void> {
    this.pending.set(uri.toString(), uri);
    if (!this.batchTimer) {
      this.batchDone = new Promise((resolve) => {
        this.batchTimer = setTimeout(() => {
          this.batchTimer = undefined;
          void this.applyPending().then(resolve, resolve); // a failure is logged by run()
        }, BATCH_DELAY_MS);
      });
    }
    return this.batchDone!;
  }

  noteDeleted(uri: vscode.Uri): Promise<void> {
    return this.noteChanged(uri); // updateNote on a missing file removes it
  }

  private applyPending(): Promise<void> {
    const uris = [...this.pending.values()];
    this.pending.clear();
    // run() queues this after the build if one is under way; before any build there is nothing to update (the
    // build's own walk will see these files), so there is no need to wait on the build — or to fail with it.
    return this.run(async () => {
      const byFolder = new Map<FolderIndex, string[]>();
      for (const uri of uris) {
        const at = this.locate(uri);
        if (at) byFolder.set(at.fi, [...(byFolder.get(at.fi) ?? []), at.path]);
      }
      if (byFolder.size === 0) return;
      for (const [fi, paths] of byFolder) {
        if (paths.length >= BURST_SIZE) await fi.index.reconcile();
        else for (const path of paths) await fi.index.updateNote(path);
      }
      this.afterChange();
    });
  }

  noteRenamed(from: vscode.Uri, to: vscode.Uri): Promise<void> {
    return this.run(async () => {
      const a = this.locate(from);
      const b = this.locate(to);
      if (a && b && a.fi === b.fi) await a.fi.index.renameNote(a.path, b.path);
      else {
        if (a) await a.fi.index.removeNote(a.path);
        if (b) await b.fi.index.updateNote(b.path);
      }
      this.afterChange();
    });
  }

  /**
   * What notes can cite: the cached papers and their keys, plus the library's entries — an entry naming a cached
   * arXiv paper is that paper (its key an alias of it), any other entry a target of its own.
   */
  private async citationTargets(): Promise<{ papers: Paper[]; keys: KeyMap } & Pick<IndexTargets, 'aliases'>> {
    const catalog = this.cite.services.catalog();
    const [papers, keys] = await Promise.all([catalog.allPapers(), catalog.keys(), this.cite.library?.ready()]);
    const lib = indexTargets([...(this.cite.library?.all() ?? [])], new Set(papers.map((p) => p.id)), keys);
    return { papers: [...papers, ...lib.papers], keys, aliases: lib.aliases };
  }

  /** Papers or library entries changed: every index takes the new citation targets. */
  papersChanged(): Promise<void> {
    return this.run(async () => {
      if (!this.built || this.indexes.size === 0) return;
      const { papers, keys, aliases } = await this.citationTargets();
      // Awaited: a failure is logged by run(), and the change event fires once the notes are re-analysed.
      for (const { index } of this.indexes.values()) await index.setPapers(papers, keys, aliases);
      this.afterChange();
    });
  }

  /** The bibliography files the indexed notes' front matter names. */
  noteBibliographies(): vscode.Uri[] {
    const out: vscode.Uri[] = [];
    for (const { folder, index } of this.indexes.values()) for (const p of index.noteBibliographies()) out.push(sourceUri(folder.uri, p));
    return out;
  }

  /** Waits for the build and any queued updates. */
  async settled(): Promise<void> {
    await this.start();
    if (this.batchTimer) await this.batchDone;
    await this.run(async () => undefined);
  }

  search(query: string, opts: SearchOptions = {}): EditorHit[] {
    const hits: EditorHit[] = [];
    for (const { folder, index } of this.indexes.values()) {
      for (const h of index.search(query, opts)) {
        hits.push({ ...h, folder, uri: h.kind === 'note' && h.path ? vscode.Uri.joinPath(folder.uri, h.path) : undefined });
      }
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, opts.limit ?? 20);
  }

  async matchLine(hit: EditorHit, query: string): Promise<number | undefined> {
    const fi = this.indexes.get(hit.folder.uri.toString());
    return fi && hit.path ? fi.index.matchLine(hit.path, query).catch(() => undefined) : undefined;
  }

  /** Notes citing the paper, as file URIs sorted by path. */
  notesCiting(paperId: string): vscode.Uri[] {
    const out: vscode.Uri[] = [];
    for (const { folder, index } of this.indexes.values()) {
      for (const p of index.notesCiting(paperId)) out.push(vscode.Uri.joinPath(folder.uri, p));
    }
    return out;
  }

  /** Every indexed note (over every folder) with what it cites and its mtime: For You's profile reads these. */
  *noteEntries(): IterableIterator<{ uri: vscode.Uri; record: NoteRecord; cites: string[]; mtimeMs: number }> {
    for (const { folder, index } of this.indexes.values()) {
      for (const e of index.noteEntries()) yield { ...e, uri: vscode.Uri.joinPath(folder.uri, e.record.path) };
    }
  }

  citingCount(paperId: string): number {
    let n = 0;
    for (const { index } of this.indexes.values()) n += index.notesCiting(paperId).length;
    return n;
  }

  citeCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { index } of this.indexes.values()) {
      for (const [id, notes] of Object.entries(index.links().papers)) counts.set(id, (counts.get(id) ?? 0) + notes.length);
    }
    return counts;
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    clearTimeout(this.batchTimer);
    void this.workers?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function register(context: vscode.ExtensionContext, cite: CitationServices): EditorNoteIndex {
  const notes = new EditorNoteIndex(cite);
  cite.notes = notes;
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
  context.subscriptions.push(
    notes,
    watcher,
    watcher.onDidCreate((u) => void notes.noteChanged(u)),
    watcher.onDidChange((u) => void notes.noteChanged(u)),
    watcher.onDidDelete((u) => void notes.noteDeleted(u)),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/\.(md|markdown)$/i.test(d.uri.path)) void notes.noteChanged(d.uri);
    }),
    vscode.workspace.onDidRenameFiles((e) => {
      for (const f of e.files) void notes.noteRenamed(f.oldUri, f.newUri);
    }),
    cite.services.onDidChangePapers(() => void notes.papersChanged()),
    // The library is read from the notes' front matter, and the notes cite the library's entries.
    ...(cite.library ? [cite.library.onDidChange(() => void notes.papersChanged()), notes.onDidChange(() => cite.library?.scheduleSources(0))] : []),
    cite.services.setPaperNotes({ notesCiting: (id) => notes.notesCiting(id), onDidChange: notes.onDidChange }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (NOTE_FILTER_SETTINGS.some((k) => e.affectsConfiguration(k))) void notes.restart(false).catch((err) => cite.warn(err));
    }),
  );
  // Activation only registers: the build starts once the extension host is idle.
  const timer = setTimeout(() => void notes.start().catch((e) => cite.warn(e)), 500);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return notes;
}
