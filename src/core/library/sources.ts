// Which bibliography files a note names: its YAML front matter's `bibliography:` (one path or a list), resolved
// against the note's folder, so a note carries its own sources the way pandoc reads them when run beside it.
// Paths are '/' separated and stay paths: the editor turns them into URIs, the CLI into file names.
import { readFrontMatter } from '../notes/front-matter';

/** The `bibliography:` values of a note's front matter, as written (unquoted), in order. */
export function frontMatterBibliographies(noteText: string): string[] {
  const lines = String(noteText ?? '').split(/\r\n|\r|\n/, 1001);
  return readFrontMatter(lines).bibliography;
}

/** True for `/x`, `C:/x`, `C:\x` and `~/x` (home, expanded by the caller that knows it). */
export function isAbsoluteBibliographyPath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|~(\/|$))/.test(path);
}

/** Collapses `.` and `..` segments and repeated slashes; `..` above the root stays (a relative path going up). */
function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && absolute) continue;
    else out.push(seg);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/**
 * One front-matter path resolved against the note: relative paths join the note's folder, absolute ones
 * (and `~/…`) are kept as written apart from normalising `.`/`..`. `notePath` is '/' separated, absolute or
 * relative to whatever root the caller uses (a workspace folder, the CLI's notes folder).
 */
export function resolveBibliographyPath(notePath: string, value: string): string {
  const v = value.trim();
  if (/^[A-Za-z]:\\/.test(v)) return v.replace(/\\/g, '/');
  if (isAbsoluteBibliographyPath(v)) return v.startsWith('/') ? normalize(v) : v;
  const slash = notePath.lastIndexOf('/');
  const folder = slash < 0 ? '' : notePath.slice(0, slash + 1);
  return normalize(folder + v);
}

/** The bibliography files a note names, resolved against the note, without duplicates, in front-matter order. */
export function noteBibliographies(notePath: string, noteText: string): string[] {
  const out: string[] = [];
  for (const value of frontMatterBibliographies(noteText)) {
    const path = resolveBibliographyPath(notePath, value);
    if (!out.includes(path)) out.push(path);
  }
  return out;
}
