// `paper-notes links --notes DIR [--json]`: which notes cite which papers, both ways.
import { flag } from '../args';
import type { Command } from '../context';
import { NOTES_OPTION, openNotesIndex } from '../notes-index';
import { terminalText } from '../catalog';

export const linksCommand: Command = {
  name: 'links',
  usage: 'links --notes DIR [--json]',
  summary: 'the link graph: paper → notes citing it, note → papers it cites (ids without version)',
  options: { ...NOTES_OPTION, json: { boolean: true } },
  async run(args, ctx) {
    const { index } = await openNotesIndex(args, ctx);
    const links = index.links();
    if (flag(args, 'json')) {
      ctx.out(JSON.stringify(links, null, 2));
      return;
    }
    const ids = Object.keys(links.papers);
    if (ids.length === 0) {
      ctx.out('no note cites a paper');
      return;
    }
    for (const id of ids) {
      ctx.out(id);
      for (const path of links.papers[id]) ctx.out(`  ${terminalText(path)}`);
    }
  },
};
