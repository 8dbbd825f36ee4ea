// The catalog: papers by day and by id, their citation keys, and refreshing a day from the network.
// CONTRACT (implementation pending; owned by the papers+store work). Views ask the catalog and listen
// to its changes; they never fetch on their own.
import type { Fetch, FileSystem } from './fs';
import type { Paper } from './papers/model';
import type { KeyMap } from './cite/keys';

export interface CatalogOptions {
  fs: FileSystem;
  fetch: Fetch;
  cacheDir: string;
  apiBase: string;
  timeoutMs?: number;
  userAgent?: string;
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
  onDidChange(listener: CatalogListener): () => void;
}
