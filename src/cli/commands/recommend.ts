// `paper-notes recommend --notes DIR [--date D] [--limit N] [--json]`: a cached day ranked For You, with
// the reason each paper is there. Never touches the network. Without notes it says so and lists the day by
// upvotes, as the editor's For You falls back.
import { flag, str, UsageError, type Parsed } from '../args';
import { dayOption, terminalText } from '../catalog';
import type { Command } from '../context';
import { NOTES_OPTION, notesDir } from '../notes-index';
import { loadProfile, paperDoc } from '../profile';
import { rank } from '../../core/recommend';
import { byUpvotes } from './papers';

export function limitOption(args: Parsed, fallback: number): number {
  const v = str(args, 'limit');
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a positive whole number, got '${v}'`);
  return n;
}

export const recommendCommand: Command = {
  name: 'recommend',
  usage: 'recommend --notes DIR [--date YYYY-MM-DD] [--limit N] [--json]',
  summary: "a cached day's papers ranked by what your notes are about, each with its reason (default: the newest cached day)",
  options: { ...NOTES_OPTION, date: {}, limit: {}, json: { boolean: true } },
  async run(args, ctx) {
    const root = notesDir(args, ctx);
    const limit = limitOption(args, 20);
    const given = str(args, 'date');
    const { profile, catalog } = await loadProfile(ctx, root);
    const day = given !== undefined ? dayOption(given) : (await catalog.cachedDays()).sort().at(-1);
    const cached = day ? await catalog.cachedDay(day) : undefined;
    if (!cached) throw new Error(day ? `no cached papers for ${day} — run \`paper-notes fetch --date ${day}\` first` : 'no cached day — run `paper-notes fetch` first');
    const ranking = rank(profile, cached.papers.map(paperDoc));
    if (ranking.status === 'no-notes') {
      ctx.err(`no notes to learn from in ${root}: listing ${day} by upvotes`);
      const rows = [...cached.papers].sort(byUpvotes).slice(0, limit);
      if (flag(args, 'json')) ctx.out(JSON.stringify(rows.map((p) => ({ id: p.id, title: p.title, score: null, reason: null })), null, 2));
      else for (const p of rows) ctx.out(`${p.id.padEnd(10)}  ${terminalText(p.title)}`);
      return;
    }
    const rows = ranking.papers.slice(0, limit);
    if (flag(args, 'json')) {
      ctx.out(JSON.stringify(rows.map(({ id, title, score, reason }) => ({ id, title, score, reason })), null, 2));
      return;
    }
    for (const p of rows) {
      ctx.out(`${p.score.toFixed(2).padStart(6)}  ${p.id.padEnd(10)}  ${terminalText(p.title)}`);
      const r = p.reason;
      if (!p.placed) ctx.out('        not near any of your notes');
      else {
        const like = [...r.papers.map((id) => `like ${id}`), ...r.notes.map((n) => `near ${terminalText(n)}`)].join(', ');
        ctx.out(`        ${like}${r.terms.length ? ` — ${r.terms.map(terminalText).join(', ')}` : ''}`);
      }
    }
  },
};
