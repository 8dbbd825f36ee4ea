// Worker-thread entry (bundled as dist/index-worker.js): prepares batches of notes — Markdown scan plus the
// note's own-word analysis — so a cold build's heaviest per-file work runs beside the main thread.
import { parentPort } from 'node:worker_threads';
import { scanNote } from '../core/notes/index';
import { prepareNote } from '../core/search/prepare';

export interface PrepareJob {
  id: number;
  files: Array<{ path: string; text: string }>;
}

parentPort?.on('message', (job: PrepareJob) => {
  try {
    parentPort!.postMessage({ id: job.id, prepared: job.files.map((f) => prepareNote(f.path, f.text, scanNote)) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
