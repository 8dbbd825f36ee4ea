// Public face of the citation core: keys, stubs, BibTeX and literature notes. The editor-only helpers
// (preview plugin, .bib sync, completion context, ranking) are imported from their own files.
export { assignKeys, keyCandidate, surnameOf, type KeyMap } from './keys';
export { asciiFold } from './fold';
export { citationStub, fillTemplate, markdownText, oneLine, templateValues, type Stub, type StubStyle } from './stubs';
export { bibtexEntry, bibtexFile, bibtexName, escapeBibtex, parseBibKeys, type BibtexOptions } from './bibtex';
export { literatureNote, noteFileName, yamlString, type NoteOptions } from './literature-note';
