// The one-paper lookup `show`, `cite` and `note` share: an arXiv id or paper URL (usage error otherwise), from the
// cache or else fetched from arXiv (runtime error when arXiv does not know it), with its citation key (the one the
// workspace's bibliographies give it, when `library` names them).
import { UsageError, type Parsed } from '../args';
import { openCatalog, terminalText } from '../catalog';
import type { Context } from '../context';
import type { Paper } from '../../core/papers/model';
import { parsePaperId } from '../../core/papers/paper-ids';
import { libraryKeys, type Library } from '../library';

export async function cachedPaperArg(args: Parsed, ctx: Context, library?: () => Promise<Library>): Promise<{ paper: Paper; key: string }> {
  if (args.positionals.length !== 1) throw new UsageError('expected exactly one arXiv id');
  const raw = args.positionals[0];
  const ref = parsePaperId(raw);
  if (!ref) throw new UsageError(`not an arXiv id: '${terminalText(raw)}'`);
  const catalog = openCatalog(ctx);
  const { papers } = await catalog.resolveIds([`${ref.id}${ref.version ?? ''}`]);
  const paper = papers[0];
  if (!paper) throw new Error(`not found on arXiv: ${ref.id}`);
  const key = (library ? (await libraryKeys(catalog, await library())).keys : await catalog.keys())[paper.id];
  if (!key) throw new Error(`paper ${paper.id} has no citation key`);
  return { paper, key };
}
