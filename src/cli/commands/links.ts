// `paper-notes links --notes DIR [--bib FILE]… [--json]`: which notes cite which papers and bibliography entries,
// both ways. A note citing an entry that names an arXiv paper counts under that paper's id (whatever key or link
// it used); other entries count under their key.
import { flag } from '../args';
import type { Command } from '../context';
import { openNotesIndex } from '../notes-index';
import { LIBRARY_OPTIONS } from '../library';
import { terminalText } from '../catalog';
import { splitLinks } from '../../core/library';

export const linksCommand: Command = {
  name: 'links',
  usage: 'links --notes DIR [--bib FILE]… [--json]',
  summary: 'the link graph: paper (id without version) or bibliography entry (@KEY) → notes citing it; --json adds note → what it cites',
  options: { ...LIBRARY_OPTIONS, json: { boolean: true } },
  async run(args, ctx) {
    const { index } = await openNotesIndex(args, ctx);
    const links = splitLinks(index.links());
    if (flag(args, 'json')) {
      ctx.out(JSON.stringify(links, null, 2));
      return;
    }
    const ids = Object.keys(links.papers);
    const keys = Object.keys(links.entries);
    if (ids.length === 0 && keys.length === 0) {
      ctx.out('no note cites a paper');
      return;
    }
    for (const id of ids) {
      ctx.out(id);
      for (const path of links.papers[id]) ctx.out(`  ${terminalText(path)}`);
    }
    for (const key of keys) {
      ctx.out(`@${terminalText(key)}`);
      for (const path of links.entries[key]) ctx.out(`  ${terminalText(path)}`);
    }
  },
};
