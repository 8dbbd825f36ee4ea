// For You in the editor: the core recommender's Profile, kept in step with the notes index (its note records
// and citations, so notes are not read twice) and the paper cache, plus the reader's marks. Nothing here may hold
// the extension host: the profile is filled in slices of a few milliseconds, and rankings are computed in the
// background and handed out from a cache — the tree asks synchronously and is told (onDidChange) when a fresher
// ranking is ready, so Daily Papers never waits on the model.
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/fs';
import type { Paper } from '../core/papers/model';
import type { Ranked, RelatedResult, Feedback, Mark } from '../core/recommend';
import { emptyFeedback, mark, markOf, parseFeedback, serialiseFeedback } from '../core/recommend/feedback';
import { citedIds, noteRecord, type NoteRecord } from '../core/search/records';
import { noteFileName } from '../core/cite/literature-note';
import { nodeFileSystem } from '../node/node-fs';
import type { CitationServices } from './citation-services';

/** The recommender runs on the index's analyser (Lunr's stemmer): loaded on first use, as note-index.ts does. */
const engine = () => require('./search-engine') as typeof import('./search-engine');

/** Work done between yields to the host's event loop. */
const SLICE_MS = 8;
/** Index changes come in bursts (a save is a batch; a checkout is many): the profile follows once they settle. */
const SYNC_DELAY_MS = 200;
const SEEN_KEY = 'paperNotes.seenPapers';
/** Seen ids kept at most (oldest forgotten first): enough for months of daily reading. */
const SEEN_MAX = 5000;
const FEEDBACK_STATE_KEY = 'paperNotes.feedback';

const yieldToHost = () => new Promise<void>((resolve) => setImmediate(resolve));

export type DayRanking = { status: 'ranked'; papers: Ranked[] } | { status: 'no-notes' } | { status: 'pending' };

interface CachedRanking {
  version: number;
  key: string;
  ranking: DayRanking;
}

export class ForYouModel implements vscode.Disposable {
  private profileInstance?: import('../core/recommend').Profile;
  /** What the profile was last given per note (by URI), to tell changed notes by record identity. */
  private readonly synced = new Map<string, { record: NoteRecord; cites: string }>();
  private readonly noteNames = new Set<string>();
  private docsDirty = true;
  private notesDirty = true;
  private syncTimer?: ReturnType<typeof setTimeout>;
  private work?: Promise<void>;
  private readonly wanted = new Map<string, Paper[]>();
  private readonly rankings = new Map<string, CachedRanking>();
  /** The last ranking of each paper: its score and reason, for tooltips and the abstract. */
  private readonly byPaper = new Map<string, Ranked>();
  private feedbackValue: Feedback = emptyFeedback();
  /** Why the feedback file could not be read: marks are then refused rather than overwriting it. */
  private feedbackError?: string;
  private writes: Promise<unknown> = Promise.resolve();
  private seenIds: Set<string>;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when rankings, marks or reading state changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly loaded: Promise<void>;

  constructor(private readonly cite: CitationServices) {
    this.seenIds = new Set(cite.context.globalState.get<string[]>(SEEN_KEY, []));
    const later = () => this.scheduleSync();
    this.disposables.push(
      cite.services.onDidChangePapers(() => {
        this.docsDirty = true;
        later();
      }),
      cite.services.onDidChangePaperNotes(() => {
        this.notesDirty = true;
        later();
      }),
    );
    const file = this.feedbackUri();
    if (file) {
      const folder = vscode.workspace.getWorkspaceFolder(file)!;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.paper-notes/feedback.json'));
      // The CLI's `feedback` command writes the same file: its marks count here too.
      const reload = () => void this.loadFeedback().then(() => this.changed.fire());
      this.disposables.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
    this.loaded = this.loadFeedback();
  }

  private get profile() {
    if (!this.profileInstance) {
      this.profileInstance = new (engine().Profile)();
      this.profileInstance.setFeedback(this.feedbackValue);
    }
    return this.profileInstance;
  }

  // ---- marks: Interested / Not Interested, kept where the CLI keeps them --------------------------------------

  /** `<first folder>/.paper-notes/feedback.json`, the file `paper-notes feedback --notes <folder>` uses. */
  feedbackUri(): vscode.Uri | undefined {
    const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file');
    return folder && vscode.Uri.joinPath(folder.uri, '.paper-notes', 'feedback.json');
  }

  private async loadFeedback(): Promise<void> {
    const uri = this.feedbackUri();
    let next = emptyFeedback();
    this.feedbackError = undefined;
    if (!uri) next = this.cite.context.workspaceState.get<Feedback>(FEEDBACK_STATE_KEY) ?? next;
    else {
      let text: string | undefined;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        text = undefined; // no marks yet
      }
      if (text !== undefined) {
        try {
          next = parseFeedback(text);
        } catch (e) {
          this.feedbackError = `${vscode.workspace.asRelativePath(uri)}: ${e instanceof Error ? e.message : String(e)}`;
          this.cite.services.log().warn(`For You: ${this.feedbackError} — fix or delete it; marks are not saved until then`);
        }
      }
    }
    this.feedbackValue = next;
    this.profileInstance?.setFeedback(next); // (the profile is created on first use, with the marks)
  }

  markOf(id: string): Mark {
    return markOf(this.feedbackValue, id);
  }

  get feedback(): Feedback {
    return this.feedbackValue;
  }

  /** Marks (or with 'none' unmarks) a paper; resolves once the mark is stored. */
  setMark(id: string, m: Mark): Promise<void> {
    const run = this.writes.then(async () => {
      await this.loaded;
      if (this.feedbackError) throw new Error(vscode.l10n.t('{0} — fix or delete it to mark papers', this.feedbackError));
      const next = mark(this.feedbackValue, id, m);
      const uri = this.feedbackUri();
      if (uri) await writeFileAtomic(nodeFileSystem, uri.fsPath, serialiseFeedback(next), { durable: true });
      else await this.cite.context.workspaceState.update(FEEDBACK_STATE_KEY, next);
      this.feedbackValue = next;
      this.profileInstance?.setFeedback(next);
      this.changed.fire();
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  // ---- reading state: Seen and Noted -------------------------------------------------------------------------

  seen(id: string): boolean {
    return this.seenIds.has(id);
  }

  async markSeen(id: string): Promise<void> {
    if (this.seenIds.has(id)) return;
    this.seenIds.add(id);
    const all = [...this.seenIds];
    if (all.length > SEEN_MAX) this.seenIds = new Set(all.slice(all.length - SEEN_MAX));
    await this.cite.context.globalState.update(SEEN_KEY, [...this.seenIds]);
    this.changed.fire();
  }

  /** A note cites the paper, or its literature note (`<key>.md`) exists. */
  noted(id: string): boolean {
    if (this.cite.services.notesCiting(id).length > 0) return true;
    const key = this.cite.lookup.keyOf(id);
    return key !== undefined && this.noteNames.has(noteFileName(key));
  }

  // ---- the profile ---------------------------------------------------------------------------------------------

  private scheduleSync(): void {
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => void this.kick(), SYNC_DELAY_MS);
  }

  /** Runs the background work (sync, then wanted rankings) unless it is already running; it loops until idle. */
  private kick(): Promise<void> {
    this.work ??= this.drain().finally(() => (this.work = undefined));
    return this.work;
  }

  private async drain(): Promise<void> {
    try {
      await this.loaded;
      await this.cite.notes?.start();
      while (this.docsDirty || this.notesDirty || this.wanted.size) {
        const before = this.profile.version;
        await this.sync();
        let ranked = false;
        for (const [day, papers] of [...this.wanted]) {
          this.wanted.delete(day);
          await yieldToHost();
          this.rankNow(day, papers);
          ranked = true;
        }
        if (ranked || this.profile.version !== before) this.changed.fire();
      }
    } catch (e) {
      this.cite.warn(e);
    }
  }

  private async sync(): Promise<void> {
    let start = performance.now();
    const pause = async () => {
      if (performance.now() - start < SLICE_MS) return;
      await yieldToHost();
      start = performance.now();
    };
    const { paperDoc } = engine();
    if (this.docsDirty) {
      this.docsDirty = false;
      for (const p of await this.cite.services.catalog().allPapers()) {
        this.profile.setDocs([paperDoc(p)]);
        await pause();
      }
    }
    if (this.notesDirty && this.cite.notes) {
      this.notesDirty = false;
      const seen = new Set<string>();
      this.noteNames.clear();
      for (const { uri, record, cites, mtimeMs } of this.cite.notes.noteEntries()) {
        const path = uri.toString();
        seen.add(path);
        this.noteNames.add(record.path.slice(record.path.lastIndexOf('/') + 1));
        const citeKey = cites.join(' ');
        const last = this.synced.get(path);
        if (last && last.record === record && last.cites === citeKey) continue;
        this.profile.setNote({ path, title: record.title, text: record.text, cites, modifiedMs: mtimeMs >= 0 ? mtimeMs : Date.now() });
        this.synced.set(path, { record, cites: citeKey });
        await pause();
      }
      for (const path of [...this.synced.keys()]) {
        if (seen.has(path)) continue;
        this.profile.removeNote(path);
        this.synced.delete(path);
      }
    }
  }

  /** Resolves when the profile has caught up with the notes and the cache (and wanted rankings are done). */
  async settled(): Promise<void> {
    clearTimeout(this.syncTimer);
    await this.kick();
  }

  // ---- rankings ------------------------------------------------------------------------------------------------

  /**
   * The day's papers For You, as last computed. When the profile has changed since (or the day was never
   * ranked), a fresh ranking is started in the background and onDidChange fires when it is ready; until the
   * first one, 'pending'.
   */
  ranking(day: string, papers: Paper[]): DayRanking {
    const cached = this.rankings.get(day);
    const key = papers.map((p) => p.id).join(' ');
    const fresh = cached && cached.key === key && cached.version === this.profileInstance?.version && !this.docsDirty && !this.notesDirty;
    if (!fresh) {
      this.wanted.set(day, papers);
      void this.kick();
    }
    return cached?.ranking ?? { status: 'pending' };
  }

  private rankNow(day: string, papers: Paper[]): DayRanking {
    const { rank, paperDoc } = engine();
    const t0 = performance.now();
    const result = rank(this.profile, papers.map(paperDoc));
    const ms = performance.now() - t0;
    if (ms > 50) this.cite.services.log().info(`For You: ranking ${papers.length} papers of ${day} took ${Math.round(ms)} ms`);
    if (result.status === 'ranked') for (const r of result.papers) this.byPaper.set(r.id, r);
    const ranking: DayRanking = result.status === 'ranked' ? { status: 'ranked', papers: result.papers } : { status: 'no-notes' };
    this.rankings.set(day, { version: this.profile.version, key: papers.map((p) => p.id).join(' '), ranking });
    return ranking;
  }

  /** The paper's last ranking (score, reason), if it was ranked. */
  ranked(id: string): Ranked | undefined {
    return this.byPaper.get(id);
  }

  /**
   * The reason for one paper, computing its day's ranking when needed (the abstract may be opened from
   * anywhere); undefined when there are no notes to learn from.
   */
  async explain(paper: Paper): Promise<Ranked | undefined> {
    await this.settled();
    const known = this.byPaper.get(paper.id);
    if (known) return known;
    const day = paper.day ? await this.cite.services.catalog().cachedDay(paper.day).catch(() => undefined) : undefined;
    const papers = day?.papers.some((p) => p.id === paper.id) ? day.papers : [paper];
    await yieldToHost();
    this.rankNow(paper.day ?? `paper:${paper.id}`, papers);
    return this.byPaper.get(paper.id);
  }

  /** Related papers and notes for an open Markdown document, leaving out the document and what it cites. */
  async related(doc: vscode.TextDocument, limit = 10): Promise<RelatedResult> {
    await this.settled();
    const keys = await this.cite.services.catalog().keys();
    const keyToId = new Map(Object.entries(keys).map(([id, key]) => [key, id]));
    const path = doc.uri.toString();
    const record = noteRecord(vscode.workspace.asRelativePath(doc.uri), this.cite.scan(doc));
    return engine().related(this.profile, { path, title: record.title, text: record.text, cites: citedIds(record, keyToId) }, { limit });
  }

  dispose(): void {
    clearTimeout(this.syncTimer);
    for (const d of this.disposables) d.dispose();
  }
}
