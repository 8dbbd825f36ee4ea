// The on-disk paper cache. Layout under `cacheDir`:
//   days/YYYY-MM-DD.json  one fetched day, self-contained: { format, day, fetchedAt, skipped, papers: Paper[] }
//   papers.json           papers added outside the feed (arXiv by id, import): { format, papers: Paper[] }
//   keys.json             citation keys: { format, id: key… } ("format" beside the ids: 0.1/0.2 read the map and
//                         skip it, so an older Paper Notes still finds every key)
// Days hold their papers inline so a day is one atomic file: a refresh writes it whole or not at all, and a
// corrupt file costs one day, not the cache. Every write goes through a temp file and a rename; a file that does
// not parse is moved aside (`*.corrupt-<timestamp>`), reported once through `warn`, and treated as absent.
// A file that cannot be read at all (permissions, busy, out of handles) is left where it is and the error thrown.
// A file whose `format` is newer than STORE_FORMAT is neither read nor moved: NewerFormatError (see file-format.ts).
import { checkNotNewer, declaredFormat, NewerFormatError } from '../file-format';
import { joinPath, readText, writeFileAtomic, type FileSystem } from '../fs';
import { parseArxivId, type Paper } from '../papers/model';
import { paperFromRecord } from '../papers/validate';
import type { KeyMap } from '../cite/keys';

export const STORE_FORMAT = 1;

export interface StoredDay {
  day: string;
  fetchedAt: string;
  skipped: number;
  papers: Paper[];
}

export interface PaperStoreOptions {
  fs: FileSystem;
  cacheDir: string;
  warn?(message: string): void;
  /** Injectable clock for the corrupt-file suffix. */
  now?: () => Date;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored paper, re-checked on the way in: the cache file is just another input that may have been edited. */
function revivePaper(raw: unknown, day?: string): Paper | undefined {
  if (!isRec(raw) || typeof raw.id !== 'string') return undefined;
  const version = typeof raw.version === 'string' && /^v\d+$/.test(raw.version) ? raw.version : '';
  const paper = paperFromRecord({ ...raw, id: raw.id + version }, {}, typeof raw.day === 'string' ? raw.day : day);
  return paper && parseArxivId(raw.id)?.id === raw.id ? paper : undefined;
}

function revivePapers(raw: unknown, day?: string): Paper[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Paper[] = [];
  for (const r of raw) {
    const p = revivePaper(r, day);
    if (p) out.push(p);
  }
  return out;
}

export class PaperStore {
  private readonly fs: FileSystem;
  private readonly dir: string;
  private readonly warn: (message: string) => void;
  private readonly now: () => Date;
  /** Parsed files keyed by path, valid while size and mtime match: the extension re-reads what the CLI wrote. */
  private readonly memo = new Map<string, { size: number; mtimeMs: number; value: unknown }>();
  private readonly warned = new Set<string>();

  constructor(opts: PaperStoreOptions) {
    this.fs = opts.fs;
    this.dir = opts.cacheDir.replace(/\/+$/, '') || '/';
    this.warn = opts.warn ?? (() => undefined);
    this.now = opts.now ?? (() => new Date());
  }

  dayPath(day: string): string {
    return joinPath(this.dir, 'days', `${day}.json`);
  }
  get papersPath(): string {
    return joinPath(this.dir, 'papers.json');
  }
  get keysPath(): string {
    return joinPath(this.dir, 'keys.json');
  }

  async readDay(day: string): Promise<StoredDay | undefined> {
    return this.readJson(this.dayPath(day), (v) => {
      if (!isRec(v) || v.day !== day || typeof v.fetchedAt !== 'string') return undefined;
      const papers = revivePapers(v.papers, day);
      if (!papers) return undefined;
      const skipped = typeof v.skipped === 'number' && v.skipped >= 0 ? Math.floor(v.skipped) : 0;
      return { day, fetchedAt: v.fetchedAt, skipped, papers };
    });
  }

  async writeDay(stored: StoredDay): Promise<void> {
    const { day, fetchedAt, skipped, papers } = stored;
    await this.writeJson(this.dayPath(day), { format: STORE_FORMAT, day, fetchedAt, skipped, papers });
  }

  /** Days with a cache file, newest first. */
  async days(): Promise<string[]> {
    const dir = joinPath(this.dir, 'days');
    if ((await this.fs.stat(dir))?.type !== 'dir') return [];
    const names = await this.fs.readDir(dir);
    return names
      .filter(([n, t]) => t === 'file' && DAY_FILE.test(n))
      .map(([n]) => n.slice(0, 10))
      .sort()
      .reverse();
  }

  /** Papers added outside the feed. `fresh`: bypass the memo (see `readKeys`). */
  async readAdded(fresh = false): Promise<Paper[]> {
    return (await this.readJson(this.papersPath, (v) => (isRec(v) ? revivePapers(v.papers) : undefined), fresh)) ?? [];
  }

  async writeAdded(papers: Paper[]): Promise<void> {
    await this.writeJson(this.papersPath, { format: STORE_FORMAT, papers }, true);
  }

  /** The file that serialises read-modify-writes of this cache across processes (see FileSystem.withLock). */
  get lockPath(): string {
    return joinPath(this.dir, 'catalog.lock');
  }

  /** Removes temp files a killed writer left in the cache (once per store; called under the lock). */
  async removeStaleTemps(): Promise<void> {
    this.cleaned ??= Promise.all([this.fs.removeStaleTemps(this.dir), this.fs.removeStaleTemps(joinPath(this.dir, 'days'))]).then(() => undefined);
    await this.cleaned;
  }
  private cleaned?: Promise<void>;

  /** `fresh`: bypass the memo, for a re-read right before a write (another process may have just written). */
  async readKeys(fresh = false): Promise<KeyMap> {
    const keys = await this.readJson(this.keysPath, (v) => {
      if (!isRec(v)) return undefined;
      const out: KeyMap = {};
      for (const [id, key] of Object.entries(v)) if (id !== 'format' && typeof key === 'string' && key) out[id] = key;
      return out;
    }, fresh);
    return keys ?? {};
  }

  async writeKeys(keys: KeyMap): Promise<void> {
    const sorted: Record<string, string | number> = { format: STORE_FORMAT };
    for (const id of Object.keys(keys).sort()) sorted[id] = keys[id];
    await this.writeJson(this.keysPath, sorted, true);
  }

  /**
   * Reads and checks one JSON file; absent → undefined; bad JSON or wrong shape → moved aside, warned, undefined.
   * A failed read (EACCES, EBUSY, EMFILE…) says nothing about the content, so it throws and leaves the file alone:
   * moving keys.json aside for a busy file would silently reassign citation keys. `fresh` skips the memo.
   * A newer format throws NewerFormatError (warned once per path) and leaves the file alone.
   */
  private async readJson<T>(path: string, check: (v: unknown) => T | undefined, fresh = false): Promise<T | undefined> {
    const stat = await this.fs.stat(path);
    if (!stat || stat.type !== 'file') return undefined;
    const hit = this.memo.get(path);
    if (!fresh && hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.value as T;
    let text: string;
    try {
      text = await readText(this.fs, path);
    } catch (e) {
      if (!(await this.fs.stat(path).catch(() => stat))) return undefined; // deleted since the stat: absent
      throw new Error(`Paper Notes: could not read ${path} (${e instanceof Error ? e.message : String(e)}); it was left as it is`, { cause: e });
    }
    let parsed: unknown;
    let value: T | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    try {
      checkNotNewer(path, declaredFormat(parsed), STORE_FORMAT);
    } catch (e) {
      if (e instanceof NewerFormatError && !this.warned.has(path)) {
        this.warned.add(path);
        this.warn(e.message);
      }
      throw e;
    }
    try {
      value = parsed === undefined ? undefined : check(parsed);
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      await this.moveAside(path);
      return undefined;
    }
    this.memo.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, value });
    return value;
  }

  /** `durable` for what cannot be fetched again (keys, added papers): flushed to the disk before the rename. */
  private async writeJson(path: string, value: unknown, durable = false): Promise<void> {
    await writeFileAtomic(this.fs, path, `${JSON.stringify(value)}\n`, { durable });
    this.memo.delete(path);
  }

  private async moveAside(path: string): Promise<void> {
    this.memo.delete(path);
    const aside = `${path}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await this.fs.rename(path, aside);
      this.warn(`Paper Notes: ${path} was unreadable and has been moved aside to ${aside}; it will be rebuilt`);
    } catch (e) {
      // Could not move it (read-only cache?): say so once per path and carry on without it.
      if (this.warned.has(path)) return;
      this.warned.add(path);
      this.warn(`Paper Notes: ${path} is unreadable and could not be moved aside (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}
