// Public face of the library: the researcher's bibliographies (BibTeX/BibLaTeX, CSL-JSON) read into entries, and
// which arXiv paper an entry is, and the citation key each paper has in a workspace with those bibliographies
// (workspace-keys.ts).
export { parseSource, mergeSources, isCslJson, type ParsedSource } from './parse';
export type { LibraryEntry } from './entry';
export type { LibraryDiagnostic } from './bibtex-parse';
export { latexToUnicode } from './latex';
export { workspaceKeys } from './workspace-keys';
export { citables, linkTargets, targetResolver, ENTRY_ID_PREFIX, type Citables, type LibraryLinks, type Target } from './citables';
export { syncPlan, type SyncPlan } from './sync-plan';
