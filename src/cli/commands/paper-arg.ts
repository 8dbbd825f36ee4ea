// The one-paper lookup `show`, `cite` and `note` share: a valid arXiv id (usage error otherwise) that is in the cache
// (runtime error otherwise), with its citation key.
import { UsageError, type Parsed } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Context } from '../context';
import { parseArxivId, type Paper } from '../../core/papers/model';

export async function cachedPaperArg(args: Parsed, ctx: Context): Promise<{ paper: Paper; key: string }> {
  if (args.positionals.length !== 1) throw new UsageError('expected exactly one arXiv id');
  const raw = args.positionals[0];
  if (!parseArxivId(raw)) throw new UsageError(`not an arXiv id: '${terminalText(raw)}'`);
  const catalog = openCatalog(ctx);
  const paper = await catalog.paper(raw);
  if (!paper) throw new Error(`paper ${terminalText(raw)} is not in the cache — fetch its day or \`paper-notes import\` it first`);
  const key = (await catalog.keys())[paper.id];
  if (!key) throw new Error(`paper ${paper.id} has no citation key`);
  return { paper, key };
}
