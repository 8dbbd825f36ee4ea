// The index on disk: immutable segment files plus a manifest (format version, which segments are live
// and their tombstones, per-file size/mtime/hash). Segment files are written once under fresh names and
// the manifest is replaced atomically last, so a crash leaves either the old or the new index, never a mix.
// Loads and saves hold the folder's lock file, and segment names carry a random part: two processes saving
// into one folder (two `paper-notes index` runs) never overwrite or delete a segment the other's manifest uses.
import { joinPath, readText, writeFileAtomic, type FileSystem } from '../fs';
import type { KeyMap } from '../cite/keys';
import { Segment } from './segment';
import { checkNotNewer } from '../file-format';

// 3: note records carry their front matter's `bibliography:` (a warm start must know a note's own sources).
export const FORMAT = 3;

/** [size, mtimeMs, hash]; mtimeMs -1 means "content came from an editor buffer: re-check by hash". */
export type FileEntry = [number, number, string];

export interface Manifest {
  format: number;
  notesRoot: string;
  segments: Array<{ file: string; dead: number[] }>;
  files: Record<string, FileEntry>;
  /** Files left out last time, with the reason, so unchanged ones are not re-read. */
  skipped: Record<string, [number, number, string]>;
  keys: KeyMap;
  /** Bibliography entry keys → ids (see Citations.aliases); absent in indexes saved before there were any. */
  aliases?: Record<string, string>;
  nextId: number;
}

export interface Loaded {
  manifest: Manifest;
  segments: Array<{ file: string; segment: Segment }>;
}

const MANIFEST = 'manifest.json';
const LOCK = 'index.lock';
const SEGMENT_FILE = /^seg-[0-9a-z-]+\.(bin|json)$/;

/**
 * The persisted index, `undefined` when there is none, or an Error saying why it cannot be used: a
 * NewerFormatError when a newer Paper Notes wrote it (then it must be left as it is: see saveIndex).
 */
export async function loadIndex(fs: FileSystem, dir: string, notesRoot: string): Promise<Loaded | undefined | Error> {
  if (!(await fs.stat(joinPath(dir, MANIFEST)))) return undefined;
  return fs.withLock(joinPath(dir, LOCK), () => loadLocked(fs, dir, notesRoot));
}

async function loadLocked(fs: FileSystem, dir: string, notesRoot: string): Promise<Loaded | undefined | Error> {
  await fs.removeStaleTemps(dir);
  const path = joinPath(dir, MANIFEST);
  if (!(await fs.stat(path))) return undefined;
  try {
    const manifest = JSON.parse(await readText(fs, path)) as Manifest;
    checkNotNewer(path, typeof manifest?.format === 'number' ? manifest.format : undefined, FORMAT);
    if (manifest?.format !== FORMAT) return new Error(`index format ${String(manifest?.format)} is not ${FORMAT}`);
    if (manifest.notesRoot !== notesRoot) return new Error('index belongs to another notes folder');
    if (!Array.isArray(manifest.segments) || typeof manifest.files !== 'object' || !manifest.files) {
      return new Error('manifest is incomplete');
    }
    const segments: Loaded['segments'] = [];
    for (const { file, dead } of manifest.segments) {
      const segment = Segment.decode(await fs.readFile(joinPath(dir, file)), joinPath(dir, file));
      for (const ord of dead) {
        if (!(ord >= 0 && ord < segment.size)) throw new Error(`bad tombstone in ${file}`);
        segment.kill(ord);
      }
      segments.push({ file, segment });
    }
    manifest.skipped ??= {};
    manifest.keys ??= {};
    return { manifest, segments };
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export interface SaveState {
  notesRoot: string;
  segments: Segment[];
  /** Segments already on disk, by file name; updated with the new ones. */
  written: Map<Segment, string>;
  files: Record<string, FileEntry>;
  skipped: Record<string, [number, number, string]>;
  keys: KeyMap;
  aliases: Record<string, string>;
  nextId: number;
}

/**
 * Writes new segments and the manifest, then removes segment files nothing refers to. Returns nextId.
 * Throws NewerFormatError, writing and removing nothing, when the manifest there is from a newer Paper Notes.
 */
export async function saveIndex(fs: FileSystem, dir: string, s: SaveState): Promise<number> {
  await fs.mkdir(dir);
  return fs.withLock(joinPath(dir, LOCK), () => saveLocked(fs, dir, s));
}

async function saveLocked(fs: FileSystem, dir: string, s: SaveState): Promise<number> {
  await refuseNewer(fs, joinPath(dir, MANIFEST));
  await fs.removeStaleTemps(dir);
  // Another process saving here since our load removed the segments only our manifest used: write them again.
  const present = new Set((await fs.readDir(dir).catch(() => [] as Array<[string, 'file' | 'dir']>)).map(([n]) => n));
  for (const [seg, file] of [...s.written]) if (!present.has(file)) s.written.delete(seg);
  let nextId = s.nextId;
  for (const seg of s.segments) {
    if (s.written.has(seg)) continue;
    const file = `seg-${(nextId++).toString(36)}-${Math.random().toString(36).slice(2, 8)}.bin`;
    await writeFileAtomic(fs, joinPath(dir, file), seg.encode());
    s.written.set(seg, file);
  }
  const manifest: Manifest = {
    format: FORMAT,
    notesRoot: s.notesRoot,
    segments: s.segments.map((seg) => {
      const dead: number[] = [];
      for (let i = 0; i < seg.size; i++) if (seg.dead[i]) dead.push(i);
      return { file: s.written.get(seg)!, dead };
    }),
    files: s.files,
    skipped: s.skipped,
    keys: s.keys,
    aliases: s.aliases,
    nextId,
  };
  await writeFileAtomic(fs, joinPath(dir, MANIFEST), JSON.stringify(manifest));
  const live = new Set(manifest.segments.map((x) => x.file));
  for (const seg of [...s.written.keys()]) if (!s.segments.includes(seg)) s.written.delete(seg);
  for (const [name, type] of await fs.readDir(dir).catch(() => [] as Array<[string, 'file' | 'dir']>)) {
    if (type === 'file' && SEGMENT_FILE.test(name) && !live.has(name)) await fs.delete(joinPath(dir, name)).catch(() => undefined);
  }
  return nextId;
}

/** Under the lock, right before writing: a newer Paper Notes may have saved here since we loaded. */
async function refuseNewer(fs: FileSystem, path: string): Promise<void> {
  if (!(await fs.stat(path))) return;
  let format: unknown;
  try {
    format = (JSON.parse(await readText(fs, path)) as Partial<Manifest> | null)?.format;
  } catch {
    return; // damaged or unreadable: ours to replace, as a load would have said
  }
  checkNotNewer(path, typeof format === 'number' ? format : undefined, FORMAT);
}
