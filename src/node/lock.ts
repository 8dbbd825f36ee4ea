// An inter-process lock: a lock file created exclusively, holding the owner's pid, host and a token. While held,
// its mtime is refreshed; a lock whose owner is dead (same host) or whose mtime is older than `staleMs` is
// broken, under a short-lived `.break` file so two waiters cannot both break it and then both hold it.
// Waiters retry with a growing, jittered backoff. Within one process, holders of one path queue in memory first.
// (Written here rather than taken from a library: the well-known ones judge staleness by mtime alone and would
// keep a crashed CLI's lock for their whole stale period; this one frees it as soon as the pid is gone.)
import { promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { inProcessLock, tempPath } from '../core/fs';
import { processAlive, WRITER_TAG } from './writer';

export interface LockOptions {
  /** A lock not refreshed for this long is taken as abandoned. Default 60 s (it is refreshed every staleMs / 4). */
  staleMs?: number;
  /** Give up waiting after this long, with an error naming the holder. Default 120 s. */
  timeoutMs?: number;
}

interface Holder {
  pid: number;
  host: string;
  token: string;
  at: string;
}

export class LockTimeoutError extends Error {
  constructor(path: string, holder: string) {
    super(`${path} is still locked by ${holder}; if no paper-notes process is running, delete that file`);
    this.name = 'LockTimeoutError';
  }
}

const sameProcess = inProcessLock();
const HOST = hostname();

export function withFileLock<T>(path: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  return sameProcess(path, async () => {
    const staleMs = opts.staleMs ?? 60_000;
    const token = await acquire(path, staleMs, opts.timeoutMs ?? 120_000);
    const beat = setInterval(() => {
      const now = new Date();
      void fsp.utimes(path, now, now).catch(() => undefined);
    }, Math.max(50, staleMs / 4));
    beat.unref();
    try {
      return await work();
    } finally {
      clearInterval(beat);
      await release(path, token);
    }
  });
}

async function readHolder(path: string): Promise<{ text: string; holder?: Holder; mtimeMs: number } | undefined> {
  try {
    const [text, st] = await Promise.all([fsp.readFile(path, 'utf8'), fsp.stat(path)]);
    let holder: Holder | undefined;
    try {
      holder = JSON.parse(text) as Holder;
    } catch {
      holder = undefined;
    }
    return { text, holder, mtimeMs: st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isStale(h: { holder?: Holder; mtimeMs: number }, staleMs: number): boolean {
  if (Date.now() - h.mtimeMs > staleMs) return true;
  const { holder } = h;
  return !!holder && holder.host === HOST && typeof holder.pid === 'number' && !processAlive(holder.pid);
}

/** Creates the lock file with its content in one step (a temp file linked into place), so it is never empty. */
async function tryCreate(path: string, content: string): Promise<boolean> {
  const tmp = tempPath({ tempTag: WRITER_TAG } as Parameters<typeof tempPath>[0], path);
  await fsp.mkdir(dirname(path), { recursive: true });
  await fsp.writeFile(tmp, content);
  try {
    await fsp.link(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
    // No hard links here (some network and FUSE file systems): exclusive create instead.
    try {
      await fsp.writeFile(path, content, { flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
  }
}

async function acquire(path: string, staleMs: number, timeoutMs: number): Promise<string> {
  const token = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const content = JSON.stringify({ pid: process.pid, host: HOST, token, at: new Date().toISOString() } satisfies Holder);
  const started = Date.now();
  let wait = 5;
  for (;;) {
    if (await tryCreate(path, content)) return token;
    const seen = await readHolder(path);
    if (seen && isStale(seen, staleMs)) {
      await breakStale(path, seen.text, staleMs);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      const h = seen?.holder;
      throw new LockTimeoutError(path, h ? `process ${h.pid} on ${h.host} since ${h.at}` : 'another process');
    }
    await new Promise((r) => setTimeout(r, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 200);
  }
}

/** Deletes the lock if it still is the stale one we read, holding `.break` so only one waiter does it at a time. */
async function breakStale(path: string, staleText: string, staleMs: number): Promise<void> {
  const breaker = `${path}.break`;
  if (!(await tryCreate(breaker, String(process.pid)))) {
    const st = await fsp.stat(breaker).catch(() => undefined);
    // A breaker that died mid-way (it only ever holds `.break` for a few milliseconds).
    if (st && Date.now() - st.mtimeMs > Math.min(staleMs, 10_000)) await fsp.unlink(breaker).catch(() => undefined);
    else await new Promise((r) => setTimeout(r, 10));
    return;
  }
  try {
    const now = await readHolder(path);
    if (now && now.text === staleText) await fsp.unlink(path).catch(() => undefined);
  } finally {
    await fsp.unlink(breaker).catch(() => undefined);
  }
}

async function release(path: string, token: string): Promise<void> {
  const now = await readHolder(path).catch(() => undefined);
  // Only our own lock: had it been broken as stale (we were frozen longer than staleMs), it is someone else's now.
  if (now?.holder?.token === token) await fsp.unlink(path).catch(() => undefined);
}
