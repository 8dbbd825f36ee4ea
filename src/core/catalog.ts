// The catalog: papers by day and by id, their citation keys, and refreshing a day from the network; papers named by
// id come from the cache first, then arXiv, and are kept in the cache's added papers so they survive restarts.
// Views ask the catalog and listen to its changes; they never fetch on their own.
import type { Fetch, FileSystem } from './fs';
import { parseArxivId, type Paper } from './papers/model';
import { ArxivClient } from './papers/arxiv';
import type { Clock } from './papers/rate-limit';
import { assignKeys, type KeyMap } from './cite/keys';
import { fetchDay, isValidDay } from './papers/daily';
import { mergePaper } from './papers/validate';
import { PaperStore } from './store';
import { NewerFormatError } from './file-format';

/** A read whose file is from a newer Paper Notes counts as absent (for listings; writers let it throw). */
async function skipNewer<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof NewerFormatError) return undefined;
    throw e;
  }
}

export interface CatalogOptions {
  fs: FileSystem;
  fetch: Fetch;
  cacheDir: string;
  apiBase: string;
  /** arXiv API base for papers by id (default the public service). */
  arxivBase?: string;
  /** For the arXiv rate limit; tests pass a fake one. */
  clock?: Clock;
  timeoutMs?: number;
  userAgent?: string;
  /** Retries on 5xx/429 (default 3) and the wait between them; tests shorten these. */
  retries?: number;
  sleep?(ms: number): Promise<void>;
  /** Told about recovered corruption and similar one-time warnings. */
  warn?(message: string): void;
}

export interface DayPapers {
  day: string;
  papers: Paper[];
  /** ISO time of the fetch that produced this cached day. */
  fetchedAt: string;
  /** Items the validator dropped (no id/title, not an object…). */
  skipped: number;
}

export interface ResolvedIds {
  /** In the order asked, each once. */
  papers: Paper[];
  /** Ids (without version) neither cached nor known to arXiv. */
  missing: string[];
}

export type CatalogListener = (change: { day?: string; ids: string[] }) => void;

export interface Catalog {
  /** The cached day, or undefined when never fetched. Never touches the network. */
  cachedDay(day: string): Promise<DayPapers | undefined>;
  /** Fetches the day and replaces the cache only on success. Throws a PaperSourceError on failure. */
  refreshDay(day: string): Promise<DayPapers>;
  /** Days with a cache file, newest first. */
  cachedDays(): Promise<string[]>;
  paper(id: string): Promise<Paper | undefined>;
  /** Every cached paper (all days + added by id/import), one per id. */
  allPapers(): Promise<Paper[]>;
  /** Stable citation keys for every cached paper. */
  keys(): Promise<KeyMap>;
  /** Adds papers not from the feed (arXiv by id, JSON import); assigns keys. */
  addPapers(papers: Paper[]): Promise<void>;
  /** Papers added by id or import (the tree's "Added"), in the order they were first added. */
  addedPapers(): Promise<Paper[]>;
  /**
   * The papers these ids name: cached ones as they are, the others fetched from arXiv (in batches, rate limited) and
   * added. With `add`, cached ones join the added papers too (Add Paper). Ids arXiv does not know are `missing`.
   * Throws a PaperSourceError when arXiv cannot be reached; RangeError for a string that is not an id.
   */
  resolveIds(ids: string[], opts?: { add?: boolean }): Promise<ResolvedIds>;
  onDidChange(listener: CatalogListener): () => void;
}

export function createCatalog(opts: CatalogOptions): Catalog {
  return new StoreCatalog(opts);
}

class StoreCatalog implements Catalog {
  private readonly store: PaperStore;
  private readonly arxiv: ArxivClient;
  private readonly listeners = new Set<CatalogListener>();
  /**
   * Writes run one at a time, in this process (`writes`) and across processes (the store's lock file), so
   * neither two refreshes here nor the CLI and the extension at once can interleave their read-modify-writes.
   */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: CatalogOptions) {
    this.store = new PaperStore({ fs: opts.fs, cacheDir: opts.cacheDir, warn: opts.warn });
    this.arxiv = new ArxivClient({
      fetch: opts.fetch,
      arxivBase: opts.arxivBase,
      clock: opts.clock,
      timeoutMs: opts.timeoutMs,
      userAgent: opts.userAgent,
      retries: opts.retries,
      sleep: opts.sleep,
    });
  }

  async cachedDay(day: string): Promise<DayPapers | undefined> {
    if (!isValidDay(day)) return undefined;
    const stored = await this.store.readDay(day);
    return stored && { day, papers: stored.papers, fetchedAt: stored.fetchedAt, skipped: stored.skipped };
  }

  async refreshDay(day: string): Promise<DayPapers> {
    if (!isValidDay(day)) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
    // The network part runs outside the write lock; any failure throws before the cache is touched.
    const fetched = await fetchDay(day, {
      fetch: this.opts.fetch,
      apiBase: this.opts.apiBase,
      timeoutMs: this.opts.timeoutMs,
      userAgent: this.opts.userAgent,
      retries: this.opts.retries,
      sleep: this.opts.sleep,
    });
    const result = await this.exclusive(async () => {
      const cached = await this.store.readDay(day);
      // An empty answer for a day we already hold is far likelier an API hiccup than papers vanishing: keep them.
      if (fetched.papers.length === 0 && cached && cached.papers.length > 0) {
        this.opts.warn?.(`Paper Notes: the API listed no papers for ${day}; keeping the ${cached.papers.length} cached ones`);
        return { day, papers: cached.papers, fetchedAt: cached.fetchedAt, skipped: cached.skipped };
      }
      const stored = { day, fetchedAt: new Date().toISOString(), skipped: fetched.skipped, papers: fetched.papers };
      await this.store.writeDay(stored);
      await this.updateKeys();
      return stored;
    });
    this.emit({ day, ids: result.papers.map((p) => p.id) });
    return result;
  }

  cachedDays(): Promise<string[]> {
    return this.store.days();
  }

  async paper(id: string): Promise<Paper | undefined> {
    const parsed = parseArxivId(id);
    return parsed ? (await this.byId()).get(parsed.id) : undefined;
  }

  async allPapers(): Promise<Paper[]> {
    return [...(await this.byId()).values()];
  }

  async keys(): Promise<KeyMap> {
    const stored = await this.store.readKeys();
    const papers = await this.allPapers();
    if (papers.every((p) => stored[p.id])) return stored;
    return this.exclusive(() => this.updateKeys());
  }

  async addPapers(papers: Paper[]): Promise<void> {
    if (!papers.length) return;
    await this.exclusive(async () => {
      const added = new Map((await this.store.readAdded(true)).map((p) => [p.id, p]));
      for (const p of papers) {
        const prior = added.get(p.id);
        // The newer copy wins; the older one only fills what the newer lacks.
        added.set(p.id, prior ? mergePaper(p, prior) : p);
      }
      await this.store.writeAdded([...added.values()]);
      await this.updateKeys();
    });
    this.emit({ ids: papers.map((p) => p.id) });
  }

  addedPapers(): Promise<Paper[]> {
    return this.store.readAdded();
  }

  async resolveIds(ids: string[], opts: { add?: boolean } = {}): Promise<ResolvedIds> {
    const order: string[] = [];
    for (const raw of ids) {
      const ref = parseArxivId(raw);
      if (!ref) throw new RangeError(`not an arXiv id: ${raw}`);
      if (!order.includes(ref.id)) order.push(ref.id);
    }
    const known = await this.byId();
    const uncached = ids.filter((raw) => !known.has(parseArxivId(raw)!.id));
    const fetched = uncached.length ? await this.arxiv.fetch(uncached) : { papers: [], missing: [] };
    const found = new Map(fetched.papers.map((p) => [p.id, p]));
    for (const id of order) if (known.has(id)) found.set(id, known.get(id)!);
    const added = new Set((await this.store.readAdded()).map((p) => p.id));
    const toAdd = order.filter((id) => found.has(id) && !added.has(id) && (opts.add || !known.has(id))).map((id) => found.get(id)!);
    await this.addPapers(toAdd);
    return { papers: order.filter((id) => found.has(id)).map((id) => found.get(id)!), missing: order.filter((id) => !found.has(id)) };
  }

  onDidChange(listener: CatalogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Every cached paper by id: added papers first, then days oldest to newest, so the latest listing wins.
   * A file from a newer Paper Notes is left out here (the store has said so once); writing to it still fails.
   */
  private async byId(): Promise<Map<string, Paper>> {
    const map = new Map<string, Paper>();
    for (const p of (await skipNewer(this.store.readAdded())) ?? []) map.set(p.id, p);
    for (const day of (await this.store.days()).reverse()) {
      const stored = await skipNewer(this.store.readDay(day));
      for (const p of stored?.papers ?? []) map.set(p.id, p);
    }
    return map;
  }

  /**
   * Gives every cached paper a key, keeping existing ones; writes keys.json only when something was added.
   * Runs under the lock (see `exclusive`), so keys.json read fresh here is what every other writer left.
   */
  private async updateKeys(): Promise<KeyMap> {
    const existing = await this.store.readKeys(true);
    const keys = assignKeys(existing, await this.allPapers());
    if (Object.keys(keys).length !== Object.keys(existing).length) await this.store.writeKeys(keys);
    return keys;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const work = () => this.opts.fs.withLock(this.store.lockPath, async () => {
      await this.store.removeStaleTemps();
      return task();
    });
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private emit(change: { day?: string; ids: string[] }): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (e) {
        this.opts.warn?.(`Paper Notes: a catalog listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
