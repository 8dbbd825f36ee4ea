// `paper-notes search QUERY --notes DIR [--kind notes|papers|all] [--limit N] [--json]`.
import { UsageError, flag, str } from '../args';
import type { Command } from '../context';
import { NOTES_OPTION, openNotesIndex } from '../notes-index';
import { terminalText } from '../catalog';

const KINDS = ['notes', 'papers', 'all'] as const;

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY --notes DIR [--kind notes|papers|all] [--limit N] [--json]',
  summary: 'search notes and papers (Lunr syntax: title:word, +must -not, prefix*)',
  options: { ...NOTES_OPTION, kind: {}, limit: {}, json: { boolean: true } },
  async run(args, ctx) {
    if (args.positionals.length === 0) throw new UsageError('a QUERY is required');
    const query = args.positionals.join(' ');
    const kind = str(args, 'kind') ?? 'all';
    if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be notes, papers or all, got '${kind}'`);
    const limitText = str(args, 'limit') ?? '20';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got '${limitText}'`);
    const { index } = await openNotesIndex(args, ctx);
    const hits = index.search(query, { kind: kind as (typeof KINDS)[number], limit });
    if (flag(args, 'json')) {
      const rows = hits.map((h) => ({ kind: h.kind, id: h.id, path: h.path ?? null, title: h.title, score: Math.round(h.score * 1e6) / 1e6 }));
      ctx.out(JSON.stringify({ query, hits: rows }, null, 2));
      return;
    }
    if (hits.length === 0) {
      ctx.out('no matches');
      return;
    }
    for (const h of hits) {
      ctx.out(`${h.score.toFixed(3).padStart(7)}  ${h.kind.padEnd(5)}  ${terminalText(h.id)}  ${terminalText(h.title)}`);
      ctx.out(`         ${terminalText(h.snippet)}`);
    }
  },
};
