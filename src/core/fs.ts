// The two doors core uses to reach the outside world. The CLI and the extension both pass the Node-backed
// implementation (src/node/node-fs.ts): the extension's cache and index live on the local disk (global and
// workspace storage), and the notes index reads `file:` workspace folders only. Tests may pass their own.
// Paths are plain strings with '/' separators.

export type EntryType = 'file' | 'dir';

export interface FileStat {
  type: EntryType;
  size: number;
  mtimeMs: number;
}

export interface WriteOptions {
  /** Flush the data to the disk before returning (fsync): for the user's data, not for rebuildable caches. */
  durable?: boolean;
}

/** `createFile` found something already at the path. */
export class FileExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly path: string) {
    super(`${path} already exists`);
    this.name = 'FileExistsError';
  }
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates parent folders as needed. Not atomic by itself; see `writeFileAtomic`. */
  writeFile(path: string, data: Uint8Array, options?: WriteOptions): Promise<void>;
  /**
   * Creates `path` holding `data` only if nothing is there (FileExistsError otherwise), even when another
   * process races for the same name; durable, and a crash never leaves a partial file under `path`.
   */
  createFile(path: string, data: Uint8Array): Promise<void>;
  /**
   * Runs `work` while holding the lock named by the file `lockPath`: across processes (a lock file with
   * stale-lock recovery) where the implementation can, else within this process. Not re-entrant.
   */
  withLock<T>(lockPath: string, work: () => Promise<T>): Promise<T>;
  /** Removes the temp files (`tempPath`'s) in `dir` that a writer which died left behind. */
  removeStaleTemps(dir: string): Promise<void>;
  /** Put in temp file names so `removeStaleTemps` can tell a dead writer's leftovers from a live one's (on Node: the machine and the pid). */
  readonly tempTag?: string;
  /** Entries of a folder as [name, type]; a symlinked file is a 'file', a symlinked folder may be left out (no loops). */
  readDir(path: string): Promise<Array<[string, EntryType]>>;
  /** `undefined` when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Replaces `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

/** `<path>.tmp-<tag>-<time>-<random>`: the shape `removeStaleTemps` recognises. */
export function tempPath(fs: FileSystem, path: string): string {
  return `${path}.tmp-${fs.tempTag ?? '0'}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;
}

/** Matches a temp name made by `tempPath`; group 1 is the target's name, group 2 the writer's tag (`tempTag`). */
export const TEMP_NAME = /^(.+)\.tmp-([0-9a-z]+)-([0-9a-z]+)-[0-9a-z]{6}$/;

/**
 * Writes through a temp file and a rename, so a crash never leaves a half-written file under `path`: it holds
 * the old or the new version. `durable` flushes the temp file before the rename (for the user's data).
 */
export async function writeFileAtomic(fs: FileSystem, path: string, data: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const tmp = tempPath(fs, path);
  await fs.writeFile(tmp, bytes, options);
  try {
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.delete(tmp).catch(() => undefined);
    throw e;
  }
}

export async function readText(fs: FileSystem, path: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await fs.readFile(path));
}

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/').replace(/\/{2,}/g, '/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

/** The minimal slice of WHATWG fetch that core needs; Node's global `fetch` satisfies it. */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type Fetch = (url: string, init: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<HttpResponse>;

/** A `withLock` for file systems without inter-process locks: one holder per name at a time, within this process. */
export function inProcessLock(): FileSystem['withLock'] {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const prior = tails.get(name) ?? Promise.resolve();
    const run = prior.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
