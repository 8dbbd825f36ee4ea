// The reading half of a reconcile: which walked files are new or changed since the manifest, and their
// decoded text. Files are read in small parallel batches; `onText` hands each changed note on at once, so
// preparation (possibly in worker threads) overlaps the reading of later files.
import { joinPath, type FileSystem } from '../fs';
import type { FileEntry } from './persist';
import { fnv1a } from './records';
import { decodeNote, type NoteFile, type Skipped } from './walk';

const READ_BATCH = 32;

export interface ReconcileResult {
  added: number;
  changed: number;
  deleted: number;
  unchanged: number;
  skipped: Skipped[];
  /** Notes in the index afterwards. */
  indexed: number;
}

export interface ReadChanged {
  unchanged: number;
  added: number;
  changed: number;
  skipped: Skipped[];
  /** Walked notes that are (still) notes: everything else in the index is gone. */
  seen: Set<string>;
  nextSkipped: Record<string, [number, number, string]>;
  /** A file was read (so the manifest changed). */
  dirty: boolean;
}

export interface ReadChangedInput {
  fs: FileSystem;
  notesRoot: string;
  walked: NoteFile[];
  /** The manifest's entries; updated in place for every file read. */
  files: Record<string, FileEntry>;
  skippedFiles: Record<string, [number, number, string]>;
  isIndexed(path: string): boolean;
  onText(path: string, text: string): void;
  /** After each batch of reads, e.g. to hand the collected texts on. */
  onBatch(): void;
}

export async function readChanged(input: ReadChangedInput): Promise<ReadChanged> {
  const { fs, notesRoot, files, skippedFiles } = input;
  const out: ReadChanged = { unchanged: 0, added: 0, changed: 0, skipped: [], seen: new Set(), nextSkipped: {}, dirty: false };
  const toRead: NoteFile[] = [];
  for (const f of input.walked) {
    out.seen.add(f.path);
    const entry = files[f.path];
    const skip = skippedFiles[f.path];
    if (entry && entry[0] === f.size && entry[1] === f.mtimeMs && input.isIndexed(f.path)) out.unchanged++;
    else if (skip && skip[0] === f.size && skip[1] === f.mtimeMs) {
      out.nextSkipped[f.path] = skip;
      out.skipped.push({ path: f.path, reason: skip[2] });
    } else toRead.push(f);
  }
  for (let i = 0; i < toRead.length; i += READ_BATCH) {
    const batch = toRead.slice(i, i + READ_BATCH);
    const contents = await Promise.all(batch.map((f) => fs.readFile(joinPath(notesRoot, f.path)).catch((e: unknown) => readError(e))));
    batch.forEach((f, j) => {
      const bytes = contents[j];
      if (!(bytes instanceof Uint8Array)) {
        // A failed read (busy, out of handles, permissions) says nothing lasting about the file: it is reported
        // but not remembered, so the next reconcile reads it again; an indexed note keeps its last version meanwhile.
        out.skipped.push({ path: f.path, reason: bytes.reason });
        if (!input.isIndexed(f.path)) out.seen.delete(f.path);
        return;
      }
      const decoded = decodeNote(bytes);
      out.dirty = true;
      if ('reason' in decoded) {
        // Binary or not UTF-8: a property of this content, remembered until the file's size or mtime changes.
        out.nextSkipped[f.path] = [f.size, f.mtimeMs, decoded.reason];
        out.skipped.push({ path: f.path, reason: decoded.reason });
        out.seen.delete(f.path);
        return;
      }
      const hash = fnv1a(bytes);
      const known = input.isIndexed(f.path);
      if (known && files[f.path]?.[2] === hash) out.unchanged++;
      else {
        input.onText(f.path, decoded.text);
        if (known) out.changed++;
        else out.added++;
      }
      files[f.path] = [f.size, f.mtimeMs, hash];
    });
    input.onBatch();
  }
  return out;
}

function readError(e: unknown): { reason: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return { reason: `could not be read (${typeof code === 'string' ? code : e instanceof Error ? e.message : String(e)}); will retry` };
}
