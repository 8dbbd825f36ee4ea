// Finding the notes: Markdown files under the root, minus ignored folders, with the reasons a file
// was left out (too large, binary, not UTF-8) so the user can be told instead of silently missing it.
import { joinPath, type FileSystem } from '../fs';

export interface NoteFile {
  /** Relative to the notes root, '/' separated. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface Skipped {
  path: string;
  reason: string;
}

export const DEFAULT_INCLUDE = ['**/*.md', '**/*.markdown'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**'];
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const STAT_BATCH = 64;

/** A small glob: `**` spans folders, `*` and `?` stay within one path segment. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

export interface WalkOptions {
  include?: string[];
  exclude?: string[];
  maxFileBytes?: number;
}

export interface WalkResult {
  files: NoteFile[];
  /** Only the too-large ones here; content checks happen when a file is read. */
  skipped: Skipped[];
}

export async function walkNotes(fs: FileSystem, root: string, opts: WalkOptions = {}): Promise<WalkResult> {
  const include = (opts.include ?? DEFAULT_INCLUDE).map(globToRegExp);
  const exclude = (opts.exclude ?? DEFAULT_EXCLUDE).map(globToRegExp);
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: NoteFile[] = [];
  const skipped: Skipped[] = [];
  const visit = async (rel: string): Promise<void> => {
    let entries: Array<[string, 'file' | 'dir']>;
    try {
      entries = await fs.readDir(rel ? joinPath(root, rel) : root);
    } catch {
      return; // vanished or unreadable folder: nothing to index there
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const notes: string[] = [];
    for (const [name, type] of entries) {
      const path = rel ? `${rel}/${name}` : name;
      if (type === 'dir') {
        // Dot folders (.git, .vscode, .obsidian…) and node_modules are never notes.
        if (name.startsWith('.') || name === 'node_modules') continue;
        if (exclude.some((r) => r.test(`${path}/`) || r.test(`${path}/x`))) continue;
        await visit(path);
      } else if (include.some((r) => r.test(path)) && !exclude.some((r) => r.test(path))) notes.push(path);
    }
    // Stat a folder's notes a batch at a time: one by one, 10k notes cost seconds of round trips.
    for (let i = 0; i < notes.length; i += STAT_BATCH) {
      const batch = notes.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(batch.map((p) => fs.stat(joinPath(root, p)).catch(() => undefined)));
      batch.forEach((path, j) => {
        const st = stats[j];
        if (!st || st.type !== 'file') return;
        if (st.size > max) skipped.push({ path, reason: `larger than ${max} bytes` });
        else files.push({ path, size: st.size, mtimeMs: st.mtimeMs });
      });
    }
  };
  await visit('');
  return { files, skipped };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or why it is not a text note (NUL bytes mean binary; bad UTF-8 is refused). */
export function decodeNote(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.indexOf(0) >= 0) return { reason: 'binary (NUL bytes)' };
  try {
    let text = UTF8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { reason: 'not valid UTF-8' };
  }
}
