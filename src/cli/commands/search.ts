// `paper-notes search QUERY --notes DIR [--bib FILE]… [--kind notes|papers|all] [--limit N] [--json]`. Notes are
// found through their own text and through the title, keywords and abstract of what they cite: cached papers and
// the entries of the workspace's bibliographies. An entry that names no arXiv paper is a hit of kind `entry`,
// id its key (`--kind papers` includes them).
import { UsageError, flag, str } from '../args';
import type { Command } from '../context';
import { openNotesIndex } from '../notes-index';
import { LIBRARY_OPTIONS } from '../library';
import { terminalText } from '../catalog';
import { ENTRY_ID_PREFIX } from '../../core/library';
import type { Hit } from '../../core/search';

/** An `@KEY` index document is a bibliography entry: shown as kind `entry` with its key. */
function shown(h: Hit): { kind: string; id: string } {
  if (h.kind === 'paper' && h.id.startsWith(ENTRY_ID_PREFIX)) return { kind: 'entry', id: h.id.slice(ENTRY_ID_PREFIX.length) };
  return { kind: h.kind, id: h.id };
}

const KINDS = ['notes', 'papers', 'all'] as const;

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY --notes DIR [--bib FILE]… [--kind notes|papers|all] [--limit N] [--json]',
  summary: 'search notes and papers (Lunr syntax: title:word, +must -not, prefix*)',
  options: { ...LIBRARY_OPTIONS, kind: {}, limit: {}, json: { boolean: true } },
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
      const rows = hits.map((h) => ({ ...shown(h), path: h.path ?? null, title: h.title, score: Math.round(h.score * 1e6) / 1e6 }));
      ctx.out(JSON.stringify({ query, hits: rows }, null, 2));
      return;
    }
    if (hits.length === 0) {
      ctx.out('no matches');
      return;
    }
    for (const h of hits) {
      const { kind, id } = shown(h);
      ctx.out(`${h.score.toFixed(3).padStart(7)}  ${kind.padEnd(5)}  ${terminalText(id)}  ${terminalText(h.title)}`);
      ctx.out(`         ${terminalText(h.snippet)}`);
    }
  },
};
