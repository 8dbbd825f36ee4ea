// Worker-thread entry (bundled as dist/library-worker.js): decodes and parses one bibliography file, so an 8 MB
// Zotero export never holds the extension host's thread. The bytes arrive transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { parseSource } from '../core/library/parse';

export interface LibraryJob {
  id: number;
  file: string;
  bytes: Uint8Array;
}

parentPort?.on('message', (job: LibraryJob) => {
  try {
    const text = new TextDecoder().decode(job.bytes);
    parentPort!.postMessage({ id: job.id, parsed: parseSource(job.file, text) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
