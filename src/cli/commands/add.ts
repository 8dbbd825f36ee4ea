// `paper-notes add ID|URL…`: papers by arXiv id or URL into the cache's added papers, one line each:
// `added ID KEY "TITLE"`. An id arXiv does not know is one `error: not found on arXiv: ID` line on stderr and
// exit 1; the others are still added.
import { UsageError } from '../args';
import { openCatalog, terminalText } from '../catalog';
import { ReportedFailure, type Command } from '../context';
import { parsePaperIds } from '../../core/papers/paper-ids';

export const addCommand: Command = {
  name: 'add',
  usage: 'add ID|URL… [--arxiv-base URL]',
  summary: 'add papers by arXiv id or URL (arxiv.org, huggingface.co/papers); prints `added ID KEY "TITLE"` each',
  options: {},
  async run(args, ctx) {
    if (args.positionals.length === 0) throw new UsageError('expected at least one arXiv id or URL');
    const { ids, invalid } = parsePaperIds(args.positionals.join(' '));
    if (invalid.length) throw new UsageError(`not an arXiv id or paper URL: '${terminalText(invalid[0])}'`);
    const catalog = openCatalog(ctx);
    const { papers, missing } = await catalog.resolveIds(ids.map((r) => `${r.id}${r.version ?? ''}`), { add: true });
    const keys = await catalog.keys();
    for (const p of papers) ctx.out(`added ${p.id} ${keys[p.id] ?? '?'} "${terminalText(p.title)}"`);
    for (const id of missing) ctx.err(`error: not found on arXiv: ${id}`);
    if (missing.length) throw new ReportedFailure();
  },
};
