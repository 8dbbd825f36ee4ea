// Node's fs/promises behind core's FileSystem interface, for the CLI and the tests.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import type { EntryType, FileStat, FileSystem } from '../core/fs';

export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return new Uint8Array(await fsp.readFile(path));
  },
  async writeFile(path, data) {
    await fsp.mkdir(dirname(path), { recursive: true });
    await fsp.writeFile(path, data);
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
