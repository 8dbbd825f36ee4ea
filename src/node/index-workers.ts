// A small pool of worker threads that prepares notes for the index (see core/search/prepare.ts): a cold
// build then scans and analyses on every core while the main thread — the CLI's, or the extension host's —
// only reads files and assembles segments. Workers start on the first batch, so a warm start with nothing
// to re-read never spawns one, and stop after a quiet spell. When workers cannot run (no worker_threads,
// the bundle is missing, a worker crashed) batches are prepared in-thread, in short slices.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { scanNote } from '../core/notes/index';
import { prepareNote, type NotePreparer, type PreparedNote } from '../core/search/prepare';
import type { PrepareJob } from './index-worker';

/** Files per message: small enough that decoding a reply on the main thread is a few milliseconds. */
const JOB_FILES = 16;
const SLICE_MS = 20;

export interface PrepareWorkersOptions {
  /** The worker bundle; defaults to index-worker.js beside this module (dist/ when bundled). */
  file?: string;
  /** Worker threads; defaults to the machine's available parallelism. 0 prepares in-thread. */
  size?: number;
  /** Idle workers are terminated after this long. */
  idleMs?: number;
  warn?(message: string): void;
}

export interface PrepareWorkers {
  /** Pass as `NoteIndexOptions.prepare`. */
  readonly prepare: NotePreparer;
  /** Notes prepared in workers and in-thread: lets tests and the benchmark see which path ran. */
  readonly counts: { inWorkers: number; inThread: number };
  readonly size: number;
  dispose(): Promise<void>;
}

interface Job extends PrepareJob {
  resolve(prepared: PreparedNote[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** In-thread fallback, yielding every few milliseconds so the host's event loop keeps turning. */
async function prepareInThread(files: PrepareJob['files']): Promise<PreparedNote[]> {
  const out: PreparedNote[] = [];
  let started = performance.now();
  for (const f of files) {
    out.push(prepareNote(f.path, f.text, scanNote));
    if (performance.now() - started >= SLICE_MS) {
      await pause();
      started = performance.now();
    }
  }
  return out;
}

export function defaultWorkerFile(): string {
  return join(__dirname, 'index-worker.js');
}

export function prepareWorkers(opts: PrepareWorkersOptions = {}): PrepareWorkers {
  const file = opts.file ?? defaultWorkerFile();
  const size = Math.max(0, Math.floor(opts.size ?? availableParallelism()));
  const idleMs = opts.idleMs ?? 5000;
  const counts = { inWorkers: 0, inThread: 0 };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let broken = size === 0 || !existsSync(file);
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  if (size > 0 && broken) opts.warn?.(`Paper Notes: index worker not found at ${file}; preparing notes in the main thread.`);

  const giveUp = (why: string) => {
    if (!broken) opts.warn?.(`Paper Notes: index workers stopped (${why}); preparing notes in the main thread.`);
    broken = true;
    const orphans = [...queue.splice(0), ...slots.flatMap((s) => (s.job ? [s.job] : []))];
    for (const s of slots.splice(0)) void s.worker.terminate();
    // Jobs already handed to workers are redone here: a batch is never lost.
    for (const job of orphans) runInThread(job);
  };

  const runInThread = (job: Job) => {
    prepareInThread(job.files).then((p) => {
      counts.inThread += p.length;
      job.resolve(p);
    }, job.reject);
  };

  const spawn = (): Slot | undefined => {
    try {
      const slot: Slot = { worker: new Worker(file) };
      slot.worker.on('message', (msg: { id: number; prepared?: PreparedNote[]; error?: string }) => {
        const job = slot.job;
        if (!job || job.id !== msg.id) return;
        slot.job = undefined;
        if (msg.prepared) {
          counts.inWorkers += msg.prepared.length;
          job.resolve(msg.prepared);
        } else job.reject(new Error(msg.error ?? 'index worker failed'));
        pump();
      });
      slot.worker.on('error', (e) => giveUp(e.message));
      slot.worker.on('exit', (code) => {
        if (!disposed && slots.includes(slot) && (slot.job || code !== 0)) giveUp(`a worker exited with code ${code}`);
      });
      return slot;
    } catch (e) {
      giveUp(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  };

  const pump = () => {
    clearTimeout(idleTimer);
    if (broken) {
      for (const job of queue.splice(0)) runInThread(job);
      return;
    }
    const idle = slots.filter((s) => !s.job).length;
    for (let n = Math.min(size - slots.length, queue.length - idle); n > 0; n--) {
      const slot = spawn();
      if (!slot) return;
      slots.push(slot);
    }
    for (const slot of slots) {
      if (slot.job || !queue.length) continue;
      slot.job = queue.shift()!;
      slot.worker.ref();
      slot.worker.postMessage({ id: slot.job.id, files: slot.job.files } satisfies PrepareJob);
    }
    if (slots.every((s) => !s.job)) {
      // Idle workers must not keep a CLI process alive, nor hold memory in the extension host for long.
      for (const s of slots) s.worker.unref();
      idleTimer = setTimeout(() => {
        for (const s of slots.splice(0)) void s.worker.terminate();
      }, idleMs);
      idleTimer.unref?.();
    }
  };

  const prepare: NotePreparer = async (files) => {
    if (disposed) throw new Error('index workers disposed');
    const parts: Array<Promise<PreparedNote[]>> = [];
    for (let i = 0; i < files.length; i += JOB_FILES) {
      parts.push(new Promise((resolve, reject) => queue.push({ id: nextId++, files: files.slice(i, i + JOB_FILES), resolve, reject })));
    }
    pump();
    return (await Promise.all(parts)).flat();
  };

  return {
    prepare,
    counts,
    size: broken ? 0 : size,
    async dispose() {
      disposed = true;
      clearTimeout(idleTimer);
      // Settle what is still waiting, as prepare() does for calls after dispose: a terminated worker never
      // answers, and redoing the batches in-thread would keep a closing host busy for nothing.
      const pending = [...queue.splice(0), ...slots.flatMap((s) => (s.job ? [s.job] : []))];
      const stopping = slots.splice(0).map((s) => {
        s.job = undefined;
        return s.worker.terminate();
      });
      const error = new Error('index workers disposed');
      for (const job of pending) job.reject(error);
      await Promise.all(stopping);
    },
  };
}
