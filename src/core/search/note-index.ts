// NoteIndex: notes and papers in one segmented, persisted search space, plus the note ↔ paper link
// graph. The extension drives it from file-system events (updateNote / removeNote / renameNote), the
// CLI and the benchmark through open → reconcile → search/links → save.
import { joinPath, type FileSystem } from '../fs';
import type { Paper } from '../papers/model';
import type { KeyMap } from '../cite/keys';
import { scanNote as defaultScan, type ScannedNote } from '../notes/index';
import { analyse, analyseWithCited } from './analyze';
import { loadIndex, saveIndex, type FileEntry } from './persist';
import { NewerFormatError } from '../file-format';
import { runQuery } from './query';
import { firstMatchingLine, toHit, type Hit } from './hits';
import { LinkGraph, type Links } from './link-graph';
import { Citations } from './citations';
import { PreparationQueue, withCited, yieldToHost, type NotePreparer } from './prepare';
import { docKey, fieldsOf, fnv1a, noteRecord, type DocRecord, type NoteRecord } from './records';
import { DEFAULT_POLICY, SegmentSet, type SegmentPolicy } from './segment-set';
import type { Segment } from './segment';
import { decodeNote, globToRegExp, walkNotes, DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from './walk';
import { readChanged, type ReconcileResult } from './read-changed';
import { resolveBibliographyPath } from '../library/sources';

export interface NoteIndexOptions {
  fs: FileSystem;
  /** Where segments and the manifest live; created on first save. */
  storageDir: string;
  /** Absolute notes folder; note paths are relative to it. */
  notesRoot: string;
  papers?: () => Promise<Paper[]>;
  keys?: () => Promise<KeyMap>;
  /** Bibliography entry keys → paper ids, beside the catalog's keys (see core/library/index-targets). */
  aliases?: () => Promise<Record<string, string>>;
  warn?(message: string): void;
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
  /** Defaults to the Markdown scanner; tests may pass their own. */
  scan?: (markdown: string) => ScannedNote;
  policy?: Partial<SegmentPolicy>;
  /** Scans and analyses batches of changed notes, e.g. in worker threads; inline when absent. */
  prepare?: NotePreparer;
}

export type { Hit };

export interface SearchOptions {
  kind?: 'notes' | 'papers' | 'all';
  limit?: number;
}

export type { ReconcileResult };

export type { Links };

/** Changed notes handed to the preparer at a time, while reading goes on. */
const SUBMIT_BATCH = 256;
const pause = yieldToHost;

function sameKeys(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((id) => a[id] === b[id]);
}

export class NoteIndex {
  private readonly set: SegmentSet;
  private readonly notes = new Map<string, NoteRecord>();
  private readonly citations = new Citations();
  private files: Record<string, FileEntry> = {};
  private skippedFiles: Record<string, [number, number, string]> = {};
  private written = new Map<Segment, string>();
  private nextId = 0;
  private readonly graph = new LinkGraph();
  private readonly prep: PreparationQueue;
  private readonly scan: (markdown: string) => ScannedNote;
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];
  /** Notes re-read and re-analysed since open: lets tests prove a warm start did not rebuild. */
  reindexedFiles = 0;
  /** Something changed since the last load or save. */
  dirty = false;
  /** The storage folder holds a newer Paper Notes' index: nothing is written there. */
  private storageFrozen = false;

  private constructor(private readonly opts: NoteIndexOptions) {
    this.scan = opts.scan ?? defaultScan;
    this.include = (opts.include ?? DEFAULT_INCLUDE).map(globToRegExp);
    this.exclude = (opts.exclude ?? DEFAULT_EXCLUDE).map(globToRegExp);
    this.prep = new PreparationQueue(this.scan, opts.prepare, pause);
    this.set = new SegmentSet((records) => records.map((r) => this.analyseRecord(r)), { ...DEFAULT_POLICY, ...opts.policy });
  }

  /** Loads the persisted index (or starts empty: a corrupt or outdated one is dropped with one warning). */
  static async open(opts: NoteIndexOptions): Promise<NoteIndex> {
    const index = new NoteIndex(opts);
    const loaded = await loadIndex(opts.fs, opts.storageDir, opts.notesRoot);
    if (loaded instanceof NewerFormatError) {
      // Another (newer) Paper Notes' index: build this one in memory and never save over it.
      index.storageFrozen = true;
      opts.warn?.(`${loaded.message}; this session keeps its search index in memory only.`);
    } else if (loaded instanceof Error) {
      opts.warn?.(`Paper Notes: the search index in ${opts.storageDir} could not be used (${loaded.message}); rebuilding it.`);
    } else if (loaded) {
      index.citations.setKeys(loaded.manifest.keys, loaded.manifest.aliases ?? {});
      for (const { file, segment } of loaded.segments) {
        index.set.addSealed(segment);
        index.written.set(segment, file);
        segment.docs.forEach((r, ord) => {
          if (segment.dead[ord]) return;
          if (r.kind === 'note') index.setNote(r);
          else index.citations.papers.set(r.id, r);
        });
        await pause(); // one segment per task: loading never holds the host's event loop for long
      }
      index.files = loaded.manifest.files;
      index.skippedFiles = loaded.manifest.skipped;
      index.nextId = loaded.manifest.nextId ?? loaded.segments.length;
    }
    return index;
  }

  get stats() {
    return {
      notes: this.notes.size,
      papers: this.citations.papers.size,
      segments: this.set.segments().length,
      deltaDocs: this.set.deltaSize,
      reindexedFiles: this.reindexedFiles,
    };
  }

  /**
   * Changes run one at a time, in call order: a reconcile that read a file must not overwrite the newer
   * text an editor event handed over meanwhile. Queries never wait.
   */
  private queue: Promise<unknown> = Promise.resolve();
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Replaces the paper documents and the key map. Changed, added and removed papers are re-indexed, and
   * so is every note whose cited papers (or key resolution) changed, so topic search stays current.
   */
  setPapers(papers: Paper[], keys: KeyMap, aliases: Record<string, string> = {}): Promise<void> {
    return this.serial(() => this.setPapersNow(papers, keys, aliases));
  }

  /** Walks the notes folder and brings the index in line with it: only new or changed files are read. */
  reconcile(): Promise<ReconcileResult> {
    return this.serial(() => this.reconcileNow());
  }

  /**
   * (Re)indexes one note: from `text` (an editor buffer) or else from the file. A file that is not a
   * note (wrong extension, too large, binary) is removed from the index instead.
   */
  updateNote(path: string, text?: string): Promise<void> {
    return this.serial(() => this.updateNoteNow(path, text));
  }

  /** Removes a note, or every note under a removed folder. */
  removeNote(path: string): Promise<void> {
    return this.serial(() => this.removeNoteNow(path));
  }

  /** Moves a note (or a folder of notes) without re-reading the content. */
  renameNote(from: string, to: string): Promise<void> {
    return this.serial(() => this.renameNoteNow(from, to));
  }

  /** Compacts, seals the delta, and writes new segments plus the manifest (atomically). */
  save(): Promise<void> {
    return this.serial(() => this.saveNow());
  }

  private analyseRecord(r: DocRecord) {
    if (r.kind === 'paper') {
      const doc = analyse(docKey(r), fieldsOf(r));
      this.citations.rememberCounts(r, doc);
      return doc;
    }
    const cited = this.citations.citedCounts(r);
    const own = this.prep.take(docKey(r));
    return own ? withCited(own, cited) : analyseWithCited(docKey(r), fieldsOf(r), cited);
  }

  private setKeys(keys: KeyMap, aliases: Record<string, string>): void {
    this.citations.setKeys(keys, aliases);
    this.graph.clear();
    for (const note of this.notes.values()) this.graph.set(note.path, this.citations.idsOf(note));
  }

  private async setPapersNow(papers: Paper[], keys: KeyMap, aliases: Record<string, string>): Promise<void> {
    const changes = await this.citations.diff(papers, pause);
    const oldKeyToId = this.citations.keyToId;
    const keysChanged = !sameKeys(this.citations.keyMap, keys) || !sameKeys(this.citations.aliases, aliases);
    if (keysChanged) this.setKeys(keys, aliases);
    const refresh: DocRecord[] = [];
    // Nothing to refresh on the common warm start: same papers, same keys.
    if (keysChanged || changes.changedIds.size) for (const note of this.notes.values()) {
      const before = this.citations.idsOf(note, oldKeyToId);
      const after = this.citations.idsOf(note);
      const same = before.length === after.length && before.every((id, i) => id === after[i]);
      if (!same || after.some((id) => changes.changedIds.has(id))) refresh.push(note);
    }
    for (const id of this.citations.apply(changes)) this.set.drop(`p:${id}`);
    // Papers first: the refreshed notes read their cited papers' new text while being analysed.
    await this.set.putMany([...changes.puts, ...refresh], pause);
    if (changes.changedIds.size || refresh.length) this.dirty = true;
  }

  private async reconcileNow(): Promise<ReconcileResult> {
    if (this.opts.papers) {
      const keys = this.opts.keys ? await this.opts.keys() : this.citations.keyMap;
      const aliases = this.opts.aliases ? await this.opts.aliases() : this.citations.aliases;
      await this.setPapersNow(await this.opts.papers(), keys, aliases);
    }
    const { fs, notesRoot } = this.opts;
    const walked = await walkNotes(fs, notesRoot, this.opts);
    this.prep.clear();
    let texts: Array<{ path: string; text: string }> = [];
    const read = await readChanged({
      fs, notesRoot, walked: walked.files, files: this.files, skippedFiles: this.skippedFiles,
      isIndexed: (path) => this.notes.has(path),
      onText: (path, text) => texts.push({ path, text }),
      onBatch: () => {
        if (texts.length < SUBMIT_BATCH) return;
        this.prep.submit(texts); // preparation (in workers, when injected) overlaps the reading
        texts = [];
      },
    });
    this.prep.submit(texts);
    const { seen, nextSkipped } = read;
    if (read.dirty) this.dirty = true;
    const result: ReconcileResult = {
      added: read.added, changed: read.changed, deleted: 0, unchanged: read.unchanged, skipped: [...walked.skipped, ...read.skipped], indexed: 0,
    };
    for (const path of [...this.notes.keys()]) {
      if (seen.has(path)) continue;
      this.dropNote(path);
      result.deleted++;
    }
    for (const path of Object.keys(this.files)) if (!seen.has(path)) delete this.files[path];
    this.skippedFiles = nextSkipped;
    // Full segments are built as soon as enough notes are prepared, while later batches are still in work.
    const { segmentSize } = this.set.policy;
    let buffer: NoteRecord[] = [];
    for await (const records of this.prep.results()) {
      for (const r of records) this.setNote(r);
      buffer = buffer.concat(records);
      this.reindexedFiles += records.length;
      while (buffer.length >= segmentSize) await this.set.putMany(buffer.splice(0, segmentSize), pause);
    }
    await this.set.putMany(buffer, pause);
    this.prep.clear();
    result.indexed = this.notes.size;
    return result;
  }

  private isNotePath(path: string): boolean {
    if (path.split('/').some((part, i, all) => i < all.length - 1 && (part.startsWith('.') || part === 'node_modules'))) return false;
    return this.include.some((r) => r.test(path)) && !this.exclude.some((r) => r.test(path));
  }

  private async updateNoteNow(path: string, text?: string): Promise<void> {
    if (!this.isNotePath(path)) return this.removeNoteNow(path);
    const { fs, notesRoot } = this.opts;
    const abs = joinPath(notesRoot, path);
    let entry: FileEntry;
    if (text === undefined) {
      const st = await fs.stat(abs);
      if (!st || st.type !== 'file') return this.removeNoteNow(path);
      const max = this.opts.maxFileBytes ?? 5 * 1024 * 1024;
      if (st.size > max) {
        this.skippedFiles[path] = [st.size, st.mtimeMs, `larger than ${max} bytes`];
        return this.removeNoteNow(path);
      }
      const bytes = await fs.readFile(abs);
      const decoded = decodeNote(bytes);
      if ('reason' in decoded) {
        this.skippedFiles[path] = [st.size, st.mtimeMs, decoded.reason];
        return this.removeNoteNow(path);
      }
      text = decoded.text;
      entry = [st.size, st.mtimeMs, fnv1a(bytes)];
    } else {
      const bytes = new TextEncoder().encode(text);
      entry = [bytes.length, -1, fnv1a(bytes)];
    }
    delete this.skippedFiles[path];
    this.dirty = true;
    this.files[path] = entry;
    const rec = noteRecord(path, this.scan(text));
    this.setNote(rec);
    this.set.put([rec]);
    this.reindexedFiles++;
  }

  private setNote(rec: NoteRecord): void {
    this.notes.set(rec.path, rec);
    this.graph.set(rec.path, this.citations.idsOf(rec));
  }

  private dropNote(path: string): void {
    this.dirty = true;
    this.notes.delete(path);
    this.graph.delete(path);
    delete this.files[path];
    this.set.drop(`n:${path}`);
  }

  private async removeNoteNow(path: string): Promise<void> {
    const prefix = `${path.replace(/\/+$/, '')}/`;
    for (const p of [...this.notes.keys()]) if (p === path || p.startsWith(prefix)) this.dropNote(p);
    for (const p of Object.keys(this.skippedFiles)) if (p === path || p.startsWith(prefix)) delete this.skippedFiles[p];
  }

  private async renameNoteNow(from: string, to: string): Promise<void> {
    const moves: Array<[string, string]> = [];
    if (this.notes.has(from)) moves.push([from, to]);
    else {
      const prefix = `${from.replace(/\/+$/, '')}/`;
      for (const p of this.notes.keys()) if (p.startsWith(prefix)) moves.push([p, `${to.replace(/\/+$/, '')}/${p.slice(prefix.length)}`]);
    }
    const puts: NoteRecord[] = [];
    for (const [a, b] of moves) {
      const rec = this.notes.get(a)!;
      const entry = this.files[a];
      this.dropNote(a);
      if (!this.isNotePath(b)) continue;
      const st = await this.opts.fs.stat(joinPath(this.opts.notesRoot, b));
      const moved: NoteRecord = { ...rec, path: b, title: rec.title };
      this.setNote(moved);
      this.files[b] = st && entry ? [st.size, st.mtimeMs, entry[2]] : [0, -1, ''];
      puts.push(moved);
    }
    this.set.put(puts);
  }

  search(query: string, opts: SearchOptions = {}): Hit[] {
    const kind = opts.kind ?? 'all';
    const limit = opts.limit ?? 20;
    const accept = (seg: Segment, ord: number) => kind === 'all' || (kind === 'notes') === (seg.docs[ord].kind === 'note');
    const { matches, terms } = runQuery(this.set.segments(), query, accept, limit);
    return matches.map(({ seg, ord, score }) => this.hit(seg.docs[ord], score, terms));
  }

  private hit(r: DocRecord, score: number, terms: Set<string>): Hit {
    return toHit(r, score, terms, (note) => this.citations.citedPapers(note));
  }

  /**
   * The first 0-based line of the note where a query word occurs, for "reveal the matching line";
   * undefined when only the note's cited papers matched.
   */
  async matchLine(path: string, query: string): Promise<number | undefined> {
    const bytes = await this.opts.fs.readFile(joinPath(this.opts.notesRoot, path));
    return firstMatchingLine(new TextDecoder().decode(bytes), query);
  }

  /** The link graph; ids without version, lists sorted. Notes citing nothing are left out. */
  links(): Links {
    return this.graph.links();
  }

  notesCiting(paperId: string): string[] {
    return this.graph.notesCiting(paperId);
  }

  papersCitedBy(path: string): string[] {
    return this.graph.papersCitedBy(path);
  }

  /** The bibliography files the indexed notes' front matter names, resolved against each note (root-relative). */
  noteBibliographies(): string[] {
    const out = new Set<string>();
    for (const note of this.notes.values()) for (const v of note.bibliography ?? []) out.add(resolveBibliographyPath(note.path, v));
    return [...out].sort();
  }

  /**
   * Every indexed note with the paper ids it cites and its file's mtime (-1 when the text came from an editor):
   * what a recommender profile is built from, without reading the notes again. A record is replaced, never
   * changed in place, when its note changes, so callers can tell changed notes by identity.
   */
  *noteEntries(): IterableIterator<{ record: NoteRecord; cites: string[]; mtimeMs: number }> {
    for (const record of this.notes.values()) {
      yield { record, cites: this.graph.papersCitedBy(record.path), mtimeMs: this.files[record.path]?.[1] ?? -1 };
    }
  }

  /** Citation keys a note uses that no paper has: for diagnostics. */
  unknownKeys(path: string): string[] {
    return (this.notes.get(path)?.keys ?? []).filter((k) => !this.citations.keyToId.has(k));
  }

  /** Background work: merges small and tombstone-heavy segments. Returns documents re-analysed. */
  compact(): Promise<number> {
    return this.serial(() => this.compactNow());
  }

  private async compactNow(): Promise<number> {
    const n = await this.set.compact(pause);
    if (n) this.dirty = true;
    return n;
  }

  private async saveNow(): Promise<void> {
    if (this.storageFrozen) return;
    await this.compactNow();
    this.set.seal();
    try {
      this.nextId = await saveIndex(this.opts.fs, this.opts.storageDir, {
        notesRoot: this.opts.notesRoot,
        segments: this.set.sealed,
        written: this.written,
        files: this.files,
        skipped: this.skippedFiles,
        keys: this.citations.keyMap,
        aliases: this.citations.aliases,
        nextId: this.nextId,
      });
    } catch (e) {
      if (!(e instanceof NewerFormatError)) throw e;
      this.storageFrozen = true; // a newer Paper Notes saved there since we loaded
      this.opts.warn?.(`${e.message}; this session keeps its search index in memory only.`);
      return;
    }
    this.dirty = false;
  }
}
