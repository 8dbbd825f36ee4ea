// Adapter from the editor's citation settings to core's stub styles, BibTeX and literature-note template.
import { bibtexEntry } from '../core/cite/bibtex';
import { literatureNote } from '../core/cite/literature-note';
import { citationStub, type Stub } from '../core/cite/stubs';
import type { Paper } from '../core/papers/model';
import type { CitationSettings } from './citation-services';

export type { Stub };

export function stubFor(settings: Pick<CitationSettings, 'style' | 'template'>, paper: Paper, key: string): Stub {
  return citationStub(paper, key, settings.style, settings.template);
}

/** BibTeX for one paper (escaped so pandoc --citeproc reads every title back verbatim). */
export function bibtexFor(paper: Paper, key: string): string {
  return bibtexEntry(paper, key);
}

/** A literature note from the user's template text, or core's built-in one. */
export function renderNoteTemplate(template: string | undefined, paper: Paper, key: string): string {
  return literatureNote(paper, key, template === undefined ? {} : { template });
}
