// `paper-notes note ID [--dir DIR]`: writes `KEY.md`, a literature note for a cached paper, and prints its path.
// An existing note is the reader's own writing: it is never overwritten.
import { resolve } from 'node:path';
import { str } from '../args';
import type { Command } from '../context';
import { literatureNote, noteFileName } from '../../core/cite/literature-note';
import { joinPath, writeFileAtomic } from '../../core/fs';
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
    if (await ctx.fs.stat(path)) throw new Error(`${path} already exists; not overwriting it`);
    await writeFileAtomic(ctx.fs, path, literatureNote(paper, key));
    ctx.out(path);
  },
};
