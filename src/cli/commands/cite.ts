// `paper-notes cite ID [--style pandoc|link|footnote]`: the citation stub for one cached paper.
// Footnote style prints the stub, then its definition line.
import { str, UsageError } from '../args';
import type { Command } from '../context';
import { citationStub, type StubStyle } from '../../core/cite/stubs';
import { cachedPaperArg } from './paper-arg';

const STYLES: StubStyle[] = ['pandoc', 'link', 'footnote'];

export const citeCommand: Command = {
  name: 'cite',
  usage: 'cite ID [--style pandoc|link|footnote]',
  summary: 'print a citation stub for a paper ([@key] by default; from arXiv when not cached)',
  options: { style: {} },
  async run(args, ctx) {
    const style = (str(args, 'style') ?? 'pandoc') as StubStyle;
    if (!STYLES.includes(style)) throw new UsageError(`--style must be one of ${STYLES.join(', ')}, got '${style}'`);
    const { paper, key } = await cachedPaperArg(args, ctx);
    const stub = citationStub(paper, key, style);
    ctx.out(stub.text);
    if (stub.definition) ctx.out(stub.definition);
  },
};
