// Public face of the library: the researcher's bibliographies (BibTeX/BibLaTeX, CSL-JSON) read into entries, and
// which arXiv paper an entry is. Not wired into the editor or the CLI yet (issue 10 §2 in progress).
export { parseSource, mergeSources, isCslJson, type ParsedSource } from './parse';
export type { LibraryEntry } from './entry';
export type { LibraryDiagnostic } from './bibtex-parse';
export { latexToUnicode } from './latex';
