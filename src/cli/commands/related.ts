// `paper-notes related NOTE --notes DIR [--limit N] [--json]`: cached papers and other notes most similar to
// NOTE, leaving out the note and what it already cites. NOTE may lie outside DIR (a draft).
import { relative, resolve } from 'node:path';
import { flag, UsageError } from '../args';
import { terminalText } from '../catalog';
import type { Command } from '../context';
import { NOTES_OPTION, notesDir } from '../notes-index';
import { loadProfile } from '../profile';
import { limitOption } from './recommend';
import { decodeNote } from '../../core/search';
import { scanNote } from '../../core/notes/index';
import { citedIds, noteRecord } from '../../core/search/records';
import { related } from '../../core/recommend';

export const relatedCommand: Command = {
  name: 'related',
  usage: 'related NOTE --notes DIR [--limit N] [--json]',
  summary: 'cached papers and other notes most similar to NOTE, without what it already cites',
  options: { ...NOTES_OPTION, limit: {}, json: { boolean: true } },
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError('give exactly one NOTE');
    const root = notesDir(args, ctx);
    const limit = limitOption(args, 10);
    const file = resolve(ctx.cwd, args.positionals[0]).replace(/\\/g, '/');
    const st = await ctx.fs.stat(file);
    if (!st || st.type !== 'file') throw new Error(`note not found: ${file}`);
    const decoded = decodeNote(await ctx.fs.readFile(file));
    if (!('text' in decoded)) throw new Error(`${file}: ${decoded.reason}`);
    const { profile, keyToId } = await loadProfile(ctx, root);
    const rel = relative(root, file).replace(/\\/g, '/');
    const path = rel.startsWith('..') ? file : rel;
    const record = noteRecord(path, scanNote(decoded.text));
    const result = related(profile, { path, title: record.title, text: record.text, cites: citedIds(record, keyToId) }, { limit });
    if (flag(args, 'json')) {
      ctx.out(JSON.stringify(result, null, 2));
      return;
    }
    ctx.out('papers:');
    if (!result.papers.length) ctx.out('  none');
    for (const p of result.papers) ctx.out(`  ${p.score.toFixed(2)}  ${p.id.padEnd(10)}  ${terminalText(p.title)}`);
    ctx.out('notes:');
    if (!result.notes.length) ctx.out('  none');
    for (const n of result.notes) ctx.out(`  ${n.score.toFixed(2)}  ${terminalText(n.path)}`);
  },
};
