// `paper-notes feedback ID --notes DIR (--interested | --not-interested | --clear)`: marks a paper for For You.
// Stored in `<notes>/.paper-notes/feedback.json`; without a mark option, prints the current marks.
import { flag, UsageError } from '../args';
import type { Command } from '../context';
import { NOTES_OPTION, notesDir } from '../notes-index';
import { feedbackPath, readFeedback, writeFeedback } from '../profile';
import { mark, type Mark } from '../../core/recommend';
import { parseArxivId } from '../../core/papers/model';

export const feedbackCommand: Command = {
  name: 'feedback',
  usage: 'feedback [ID] --notes DIR [--interested | --not-interested | --clear] [--json]',
  summary: 'mark a paper Interested / Not Interested for recommend (kept in DIR/.paper-notes/feedback.json); no ID: list the marks',
  options: { ...NOTES_OPTION, interested: { boolean: true }, 'not-interested': { boolean: true }, clear: { boolean: true }, json: { boolean: true } },
  async run(args, ctx) {
    const root = notesDir(args, ctx);
    const marks = (['interested', 'not-interested', 'clear'] as const).filter((m) => flag(args, m));
    if (marks.length > 1) throw new UsageError('give one of --interested, --not-interested, --clear');
    const current = await readFeedback(ctx, root);
    if (args.positionals.length === 0) {
      if (marks.length) throw new UsageError('give the paper ID to mark');
      if (flag(args, 'json')) ctx.out(JSON.stringify(current, null, 2));
      else {
        for (const id of current.interested) ctx.out(`interested      ${id}`);
        for (const id of current.notInterested) ctx.out(`not interested  ${id}`);
      }
      return;
    }
    if (args.positionals.length > 1) throw new UsageError('give one paper ID');
    const parsed = parseArxivId(args.positionals[0]);
    if (!parsed) throw new UsageError(`not an arXiv id: '${args.positionals[0]}'`);
    if (!marks.length) throw new UsageError('give one of --interested, --not-interested, --clear');
    const m: Mark = marks[0] === 'interested' ? 'interested' : marks[0] === 'not-interested' ? 'notInterested' : 'none';
    await writeFeedback(ctx, root, mark(current, parsed.id, m));
    ctx.out(`${parsed.id}: ${m === 'none' ? 'cleared' : m === 'interested' ? 'interested' : 'not interested'} (${feedbackPath(root)})`);
  },
};
