// One bibliography source file → entries + diagnostics, the format told by the file name (`.json` is CSL-JSON,
// anything else BibTeX/BibLaTeX). Pure and synchronous, so it runs the same in a worker, the CLI and tests.
import { parseBibtex, type LibraryDiagnostic } from './bibtex-parse';
import { parseCslJson } from './csl-json';
import { bibtexEntryOf, type LibraryEntry } from './entry';

export interface ParsedSource {
  /** The source's path ('/' separated). */
  file: string;
  entries: LibraryEntry[];
  diagnostics: LibraryDiagnostic[];
}

export function isCslJson(file: string): boolean {
  return /\.json$/i.test(file);
}

export function parseSource(file: string, text: string): ParsedSource {
  if (isCslJson(file)) return { file, ...parseCslJson(text, file) };
  const raw = parseBibtex(text);
  return { file, entries: raw.entries.map((e) => bibtexEntryOf(e, file)), diagnostics: raw.diagnostics };
}

/**
 * Every entry of the sources, one per key: the first source that defines a key wins (as pandoc does with several
 * bibliography files), and within a file the first definition.
 */
export function mergeSources(sources: ParsedSource[]): LibraryEntry[] {
  const seen = new Set<string>();
  const out: LibraryEntry[] = [];
  for (const s of sources) {
    for (const e of s.entries) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      out.push(e);
    }
  }
  return out;
}
