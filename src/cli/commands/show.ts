// `paper-notes show ID [--json]`: one cached paper in full.
import { flag, UsageError } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Command } from '../context';
import { paperLinks, parseArxivId } from '../../core/papers/model';

export const showCommand: Command = {
  name: 'show',
  usage: 'show ID [--json]',
  summary: 'show one cached paper: authors, links, citation key, abstract',
  options: { json: { boolean: true } },
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError('expected exactly one arXiv id');
    const raw = args.positionals[0];
    if (!parseArxivId(raw)) throw new UsageError(`not an arXiv id: '${terminalText(raw)}'`);
    const catalog = openCatalog(ctx);
    const paper = await catalog.paper(raw);
    if (!paper) throw new Error(`paper ${terminalText(raw)} is not in the cache — fetch its day or \`paper-notes import\` it first`);
    const key = (await catalog.keys())[paper.id];
    const links = paperLinks(paper);
    if (flag(args, 'json')) {
      ctx.out(JSON.stringify({ ...paper, key: key ?? null, url: links.abs, links }, null, 2));
      return;
    }
    const t = terminalText;
    const lines = [
      t(paper.title),
      paper.authors.length ? t(paper.authors.join(', ')) : '(no authors listed)',
      '',
      `id         ${paper.id}${paper.version ?? ''}`,
      `key        ${key ?? '(none)'}`,
      paper.publishedAt && `published  ${paper.publishedAt.slice(0, 10)}`,
      paper.day && `listed     ${paper.day} · ${paper.upvotes} upvotes · ${paper.numComments} comments`,
      `arXiv      ${links.abs}`,
      `PDF        ${links.pdf}`,
      `HF         ${links.hf}`,
      paper.githubRepo && `code       ${t(paper.githubRepo)}`,
      paper.projectPage && `project    ${t(paper.projectPage)}`,
      paper.aiKeywords.length ? `keywords   ${t(paper.aiKeywords.join(', '))}` : undefined,
      '',
      paper.abstract ? paper.abstract.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '') : '(no abstract)',
    ];
    for (const l of lines) if (typeof l === 'string') ctx.out(l);
  },
};
