// Public face of the library: the researcher's bibliographies (BibTeX/BibLaTeX, CSL-JSON) read into entries, and
// which arXiv paper an entry is, which bibliography files a note's front matter names, and the citation key each
// paper has in a workspace with those bibliographies (workspace-keys.ts).
export { parseSource, mergeSources, isCslJson, type ParsedSource } from './parse';
export type { LibraryEntry } from './entry';
export type { LibraryDiagnostic } from './bibtex-parse';
export { latexToUnicode } from './latex';
export { workspaceKeys } from './workspace-keys';
export { frontMatterBibliographies, noteBibliographies, resolveBibliographyPath, isAbsoluteBibliographyPath } from './sources';
export { indexTargets, entryTargetId, entryPaper, ENTRY_ID_PREFIX, type IndexTargets } from './index-targets';
export { splitLinks, type LibraryLinks } from './links';
export { syncPlan, type SyncPlan } from './sync-plan';
