// Node's fs/promises behind core's FileSystem interface, for the CLI, the extension and the tests.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { FileExistsError, TEMP_NAME, tempPath, type EntryType, type FileStat, type FileSystem } from '../core/fs';
import { withFileLock } from './lock';
import { WRITER_TAG, writerDead } from './writer';

/** A temp file younger than this is left alone even when its writer cannot be identified. */
const TEMP_MAX_AGE_MS = 60_000;

async function writeDurable(path: string, data: Uint8Array, flag: string): Promise<void> {
  const handle = await fsp.open(path, flag);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const nodeFileSystem: FileSystem = {
  tempTag: WRITER_TAG,
  async readFile(path) {
    return new Uint8Array(await fsp.readFile(path));
  },
  async writeFile(path, data, options) {
    await fsp.mkdir(dirname(path), { recursive: true });
    if (options?.durable) await writeDurable(path, data, 'w');
    else await fsp.writeFile(path, data);
  },
  async createFile(path, data) {
    await fsp.mkdir(dirname(path), { recursive: true });
    // The content goes to a flushed temp file first, then is linked into place: link() fails when the name is
    // taken (no overwrite, even in a race), and a crash leaves no note or a whole one, never half of one.
    const tmp = tempPath(nodeFileSystem, path);
    await writeDurable(tmp, data, 'wx');
    try {
      await fsp.link(tmp, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExistsError(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
      // No hard links on this file system: an exclusive create (still never overwrites).
      try {
        await writeDurable(path, data, 'wx');
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(path);
        throw e2;
      }
    } finally {
      await fsp.unlink(tmp).catch(() => undefined);
    }
  },
  withLock(lockPath, work) {
    return withFileLock(lockPath, work);
  },
  async removeStaleTemps(dir) {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = TEMP_NAME.exec(name);
      if (!m) continue;
      const path = `${dir}/${name}`;
      let stale = writerDead(m[2]);
      if (!stale) {
        const st = await fsp.stat(path).catch(() => undefined);
        stale = !!st && Date.now() - st.mtimeMs > TEMP_MAX_AGE_MS;
      }
      if (stale) await fsp.unlink(path).catch(() => undefined);
    }
  },
  async readDir(path) {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    const out: Array<[string, EntryType]> = [];
    for (const e of entries) {
      if (e.isDirectory()) out.push([e.name, 'dir']);
      else if (e.isFile()) out.push([e.name, 'file']);
      else if (e.isSymbolicLink()) {
        // Symlinked files are followed; symlinked folders are left out, so a link back up the tree
        // (`notes/sub/loop -> ..`) cannot make the walk index the same notes again and again, nor forever.
        // (The editor's file watcher does not follow them either, so they could not stay in sync anyway.)
        const s = await fsp.stat(`${path}/${e.name}`).catch(() => undefined);
        if (s?.isFile()) out.push([e.name, 'file']);
      }
    }
    return out;
  },
  async stat(path): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(path);
      return { type: s.isDirectory() ? 'dir' : 'file', size: s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async delete(path) {
    await fsp.rm(path, { recursive: true, force: true });
  },
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true });
  },
};
