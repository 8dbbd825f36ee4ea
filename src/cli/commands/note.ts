// `paper-notes note ID [--dir DIR]`: writes `KEY.md`, a literature note for a cached paper, and prints its path.
// An existing note is the reader's own writing: it is never overwritten, even when two runs race for the name
// (the file is created exclusively), and a killed run leaves no note or a whole one.
import { resolve } from 'node:path';
import { str } from '../args';
import type { Command } from '../context';
import { literatureNote, noteFileName } from '../../core/cite/literature-note';
import { FileExistsError, joinPath } from '../../core/fs';
import { cachedPaperArg } from './paper-arg';

export const noteCommand: Command = {
  name: 'note',
  usage: 'note ID [--dir DIR]',
  summary: 'write a literature note KEY.md for a paper (never overwrites; from arXiv when not cached)',
  options: { dir: {} },
  async run(args, ctx) {
    const { paper, key } = await cachedPaperArg(args, ctx);
    const dir = resolve(ctx.cwd, str(args, 'dir') ?? '.');
    const path = joinPath(dir, noteFileName(key));
    await ctx.fs.removeStaleTemps(dir);
    try {
      await ctx.fs.createFile(path, new TextEncoder().encode(literatureNote(paper, key)));
    } catch (e) {
      if (e instanceof FileExistsError) throw new Error(`${path} already exists; not overwriting it`);
      throw e;
    }
    ctx.out(path);
  },
};
