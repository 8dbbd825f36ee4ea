// `paper-notes cite ID [--style pandoc|link|footnote] [--notes DIR] [--bib FILE]…`: the citation stub for one
// paper, under the key the workspace's bibliographies give it when they name it.
// Footnote style prints the stub, then its definition line.
import { str, UsageError } from '../args';
import type { Command } from '../context';
import { citationStub, type StubStyle } from '../../core/cite/stubs';
import { cachedPaperArg } from './paper-arg';
import { LIBRARY_OPTIONS, loadLibrary } from '../library';

const STYLES: StubStyle[] = ['pandoc', 'link', 'footnote'];

export const citeCommand: Command = {
  name: 'cite',
  usage: 'cite ID [--style pandoc|link|footnote] [--notes DIR] [--bib FILE]…',
  summary: 'print a citation stub for a paper ([@key] by default; from arXiv when not cached)',
  options: { style: {}, ...LIBRARY_OPTIONS },
  async run(args, ctx) {
    const style = (str(args, 'style') ?? 'pandoc') as StubStyle;
    if (!STYLES.includes(style)) throw new UsageError(`--style must be one of ${STYLES.join(', ')}, got '${style}'`);
    const { paper, key } = await cachedPaperArg(args, ctx, () => loadLibrary(args, ctx));
    const stub = citationStub(paper, key, style);
    ctx.out(stub.text);
    if (stub.definition) ctx.out(stub.definition);
  },
};
