// The workspace's bibliographies as the CLI reads them: `DIR/references.bib` of `--notes DIR` when it exists,
// then `--bib FILE` (repeatable, in order), then the files the notes' front matter names (`bibliography:`,
// relative to the note, as pandoc reads it; core/library/sources.ts). A missing `--bib` file or a broken entry is a
// `warning: …` line on stderr; the rest still counts. Keys come from core/library/workspace-keys.ts, so a key
// a bibliography holds is the key every command prints.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { list, str, type Parsed } from './args';
import type { Context } from './context';
import { terminalText } from './catalog';
import type { Catalog } from '../core/catalog';
import type { KeyMap } from '../core/cite/keys';
import { readText } from '../core/fs';
import { joinPath } from '../core/fs';
import { mergeSources, noteBibliographies, parseSource, workspaceKeys, type LibraryEntry, type ParsedSource } from '../core/library';
import { decodeNote, walkNotes } from '../core/search';
import type { Paper } from '../core/papers/model';

export const LIBRARY_OPTIONS = { notes: {}, bib: { repeatable: true } };

export interface Library {
  /** The notes folder, absolute, '/' separated; undefined without --notes. */
  root?: string;
  /** The file `sync` writes: the first --bib, else DIR/references.bib; undefined with neither. */
  target?: string;
  /** Sources that exist, in order (the first one defining a key wins). */
  sources: ParsedSource[];
  entries: LibraryEntry[];
  /** The front-matter sources asked for, as the notes name them (relative to DIR unless absolute). */
  noteSources: string[];
}

const slashes = (p: string) => p.replace(/\\/g, '/');

/**
 * `out`: a file the command writes (bibtex --out), the target and first source. `writes`: the command writes the
 * target (sync). Either way a target that does not exist yet is no mistake. `noteSources`: the front-matter
 * sources when the caller knows them (the notes index); else the notes under DIR are read for them.
 */
export async function loadLibrary(args: Parsed, ctx: Context, opts: { out?: string; writes?: boolean; noteSources?: string[] } = {}): Promise<Library> {
  const notes = str(args, 'notes');
  const root = notes === undefined ? undefined : slashes(resolve(ctx.cwd, notes));
  if (root !== undefined) {
    const st = await ctx.fs.stat(root);
    if (!st || st.type !== 'dir') throw new Error(`notes folder not found: ${root}`);
  }
  const bibs = [...(opts.out ? [opts.out] : []), ...list(args, 'bib')].map((b) => slashes(resolve(ctx.cwd, b)));
  const fallback = root === undefined ? undefined : `${root}/references.bib`;
  // The notes' own file comes before the --bib files, so adding a --bib never changes which entry gives a paper
  // its key (the first one naming it); only bibtex --out's file goes first, being the one written.
  const head = opts.out ? bibs.slice(0, 1) : [];
  const noteSources = root === undefined ? [] : opts.noteSources ?? (await frontMatterSources(ctx, root));
  const named = root === undefined ? [] : noteSources.map((p) => absoluteSource(root, p));
  const paths = [...new Set([...head, ...(fallback ? [fallback] : []), ...bibs, ...named])];
  const sources: ParsedSource[] = [];
  for (const path of paths) {
    const st = await ctx.fs.stat(path);
    if (!st) {
      // The default file may not exist yet: that is an empty bibliography, not a mistake.
      if (path !== fallback && !((opts.writes || opts.out) && path === bibs[0])) ctx.err(`warning: no such bibliography: ${terminalText(path)}`);
      continue;
    }
    if (st.type !== 'file') throw new Error(`${terminalText(path)} is not a file`);
    const parsed = parseSource(path, await readText(ctx.fs, path));
    for (const d of parsed.diagnostics) ctx.err(`warning: ${terminalText(`${path}:${d.line + 1}: ${d.message}`)}`); // paths and messages quote the user's files
    sources.push(parsed);
  }
  return { root, target: bibs[0] ?? fallback, sources, entries: mergeSources(sources), noteSources };
}

/** Every bibliography the notes under `root` name in their front matter (root-relative unless absolute), sorted. */
async function frontMatterSources(ctx: Context, root: string): Promise<string[]> {
  const out = new Set<string>();
  for (const f of (await walkNotes(ctx.fs, root)).files) {
    const decoded = decodeNote(await ctx.fs.readFile(joinPath(root, f.path)));
    if ('text' in decoded) for (const p of noteBibliographies(f.path, decoded.text)) out.add(p);
  }
  return [...out].sort();
}

function absoluteSource(root: string, path: string): string {
  if (path === '~' || path.startsWith('~/')) return slashes(homedir()) + path.slice(1);
  return slashes(resolve(root, path));
}

/** Every cached paper and its key in this workspace. */
export async function libraryKeys(catalog: Catalog, library: Library): Promise<{ papers: Paper[]; keys: KeyMap }> {
  const papers = await catalog.allPapers();
  return { papers, keys: workspaceKeys(papers, await catalog.keys(), library.entries) };
}
