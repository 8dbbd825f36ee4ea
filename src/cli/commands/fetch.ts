// `paper-notes fetch [--date YYYY-MM-DD]`: caches one Daily Papers day.
import { str } from '../args';
import { dayOption, openCatalog } from '../catalog';
import type { Command } from '../context';

export const fetchCommand: Command = {
  name: 'fetch',
  usage: 'fetch [--date YYYY-MM-DD]',
  summary: "fetch a day's Daily Papers into the cache (default: today, UTC)",
  options: { date: {} },
  async run(args, ctx) {
    const day = dayOption(str(args, 'date'));
    const result = await openCatalog(ctx).refreshDay(day);
    ctx.out(`fetched ${result.papers.length} papers for ${day} (skipped ${result.skipped})`);
  },
};
