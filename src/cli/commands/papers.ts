// `paper-notes papers [--date D] [--json]`: a cached day, upvotes descending. Never touches the network.
import { flag, str } from '../args';
import { dayOption, openCatalog, terminalText } from '../catalog';
import type { Command } from '../context';
import { paperLinks, type Paper } from '../../core/papers/model';

/** Upvotes descending; ties by title then id so the order is total and repeatable. */
export function byUpvotes(a: Paper, b: Paper): number {
  return b.upvotes - a.upvotes || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

export const papersCommand: Command = {
  name: 'papers',
  usage: 'papers [--date YYYY-MM-DD] [--json]',
  summary: "list a cached day's papers, most upvoted first (default: today, UTC)",
  options: { date: {}, json: { boolean: true } },
  async run(args, ctx) {
    const day = dayOption(str(args, 'date'));
    const catalog = openCatalog(ctx);
    const cached = await catalog.cachedDay(day);
    if (!cached) throw new Error(`no cached papers for ${day} — run \`paper-notes fetch --date ${day}\` first`);
    const keys = await catalog.keys();
    const papers = [...cached.papers].sort(byUpvotes);
    if (flag(args, 'json')) {
      const rows = papers.map((p) => ({ id: p.id, title: p.title, authors: p.authors, upvotes: p.upvotes, key: keys[p.id] ?? null, url: paperLinks(p).abs }));
      ctx.out(JSON.stringify(rows, null, 2));
      return;
    }
    if (!papers.length) {
      ctx.out(`no papers for ${day}`);
      return;
    }
    const width = String(papers[0].upvotes).length;
    for (const p of papers) {
      ctx.out(`${String(p.upvotes).padStart(width)}  ${p.id.padEnd(10)}  ${(keys[p.id] ?? '').padEnd(24)}  ${terminalText(p.title)}`);
    }
  },
};
