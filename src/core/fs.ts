// The two doors core uses to reach the outside world. The CLI passes Node-backed implementations
// (src/node/node-fs.ts), the extension passes vscode.workspace.fs-backed ones; tests may pass either.
// Paths are plain strings with '/' separators (absolute for the Node side, URI paths on the editor side).

export type EntryType = 'file' | 'dir';

export interface FileStat {
  type: EntryType;
  size: number;
  mtimeMs: number;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates parent folders as needed. Not atomic by itself; see `writeFileAtomic`. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Entries of a folder as [name, type]; a symlinked file is a 'file', a symlinked folder may be left out (no loops). */
  readDir(path: string): Promise<Array<[string, EntryType]>>;
  /** `undefined` when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Replaces `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

/** Writes through a temp file and a rename, so a crash never leaves a half-written file under `path`. */
export async function writeFileAtomic(fs: FileSystem, path: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const tmp = `${path}.tmp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await fs.writeFile(tmp, bytes);
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

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The minimal slice of WHATWG fetch that core needs; Node's global `fetch` satisfies it. */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type Fetch = (url: string, init: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<HttpResponse>;
