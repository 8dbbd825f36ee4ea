// Parses bibliography files for the editor: small ones in-thread (a worker's start costs more than they do),
// large ones in one worker thread that starts on first use and stops when idle. If the worker cannot run (no
// bundle, a crash) files are parsed in-thread, so a source is never lost.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parseSource, type ParsedSource } from '../core/library/parse';
import type { LibraryJob } from './library-worker';

export interface LibraryParserOptions {
  /** The worker bundle (dist/library-worker.js). */
  file: string;
  /** Files at least this large go to the worker. */
  workerBytes?: number;
  idleMs?: number;
  warn?(message: string): void;
}

export interface LibraryParser {
  parse(file: string, bytes: Uint8Array): Promise<ParsedSource>;
  /** Files parsed in the worker so far: lets the extension-host suite see which path ran. */
  readonly counts: { inWorker: number; inThread: number };
  dispose(): void;
}

interface Pending {
  resolve(parsed: ParsedSource): void;
  reject(error: Error): void;
  file: string;
  /** The caller's bytes (the worker got a transferred copy), for parsing in-thread if the worker dies. */
  bytes: Uint8Array;
}

export function libraryParser(opts: LibraryParserOptions): LibraryParser {
  const workerBytes = opts.workerBytes ?? 256 * 1024;
  const idleMs = opts.idleMs ?? 10_000;
  const counts = { inWorker: 0, inThread: 0 };
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let broken = !existsSync(opts.file);
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const inThread = (file: string, bytes: Uint8Array): ParsedSource => {
    counts.inThread++;
    return parseSource(file, new TextDecoder().decode(bytes));
  };

  const giveUp = (why: string) => {
    if (!broken) opts.warn?.(`Paper Notes: bibliography worker stopped (${why}); parsing in the main thread.`);
    broken = true;
    void worker?.terminate();
    worker = undefined;
    for (const p of [...pending.values()]) {
      try {
        p.resolve(inThread(p.file, p.bytes));
      } catch (e) {
        p.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(opts.file);
    w.on('message', (msg: { id: number; parsed?: ParsedSource; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.parsed) {
        counts.inWorker++;
        p.resolve(msg.parsed);
      } else p.reject(new Error(msg.error ?? 'bibliography worker failed'));
      idle();
    });
    w.on('error', (e) => giveUp(e.message));
    w.on('exit', (code) => {
      if (worker === w && (pending.size || code !== 0)) giveUp(`exit code ${code}`);
      if (worker === w) worker = undefined;
    });
    return w;
  };

  const idle = () => {
    clearTimeout(idleTimer);
    if (pending.size || !worker) return;
    worker.unref();
    idleTimer = setTimeout(() => {
      const w = worker;
      worker = undefined;
      void w?.terminate();
    }, idleMs);
  };

  return {
    counts,
    async parse(file, bytes) {
      if (broken || bytes.byteLength < workerBytes) return inThread(file, bytes);
      clearTimeout(idleTimer);
      try {
        worker ??= start();
      } catch (e) {
        giveUp(e instanceof Error ? e.message : String(e));
        return inThread(file, bytes);
      }
      worker.ref();
      // A private copy, so it can be transferred even when the caller's array views a larger shared buffer.
      const copy = bytes.slice();
      const job: LibraryJob = { id: nextId++, file, bytes: copy };
      return new Promise<ParsedSource>((resolve, reject) => {
        pending.set(job.id, { resolve, reject, file, bytes });
        worker!.postMessage(job, [copy.buffer]);
      });
    },
    dispose() {
      clearTimeout(idleTimer);
      broken = true;
      void worker?.terminate();
      worker = undefined;
      for (const p of pending.values()) p.reject(new Error('bibliography parser disposed'));
      pending.clear();
    },
  };
}
