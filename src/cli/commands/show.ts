// `paper-notes show ID [--json]`: one paper in full (fetched from arXiv when not cached).
import { flag } from '../args';
import { terminalText } from '../catalog';
import type { Command } from '../context';
import { paperLinks } from '../../core/papers/model';
import { cachedPaperArg } from './paper-arg';

export const showCommand: Command = {
  name: 'show',
  usage: 'show ID [--json]',
  summary: 'show one paper (from arXiv when not cached): authors, links, citation key, abstract',
  options: { json: { boolean: true } },
  async run(args, ctx) {
    const { paper, key } = await cachedPaperArg(args, ctx);
    const links = paperLinks(paper);
    if (flag(args, 'json')) {
      ctx.out(JSON.stringify({ ...paper, key, url: links.abs, links }, null, 2));
      return;
    }
    const t = terminalText;
    const lines = [
      t(paper.title),
      paper.authors.length ? t(paper.authors.join(', ')) : '(no authors listed)',
      '',
      `id         ${paper.id}${paper.version ?? ''}`,
      `key        ${key}`,
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
