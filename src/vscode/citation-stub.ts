// Adapter from the citation settings to core's stub styles.
import { paperLinks, paperYear, type Paper } from '../core/papers/model';
import type { CitationSettings } from './citation-services';

export interface Stub {
  text: string;
  /** Footnote style: the `[^key]: …` definition to add once at the end of the note. */
  definition?: string;
}

export function stubFor(settings: Pick<CitationSettings, 'style' | 'template'>, paper: Paper, key: string): Stub {
  const url = paperLinks(paper).abs;
  const title = paper.title.replace(/\s+/g, ' ').trim();
  switch (settings.style) {
    case 'link':
      return { text: `[${title.replace(/[[\]]/g, '\\$&')}](${url})` };
    case 'footnote':
      return { text: `[^${key}]`, definition: `[^${key}]: ${title}. ${paper.authors.join(', ')}. <${url}>` };
    case 'template': {
      const values: Record<string, string> = {
        key, title, id: paper.id, url, authors: paper.authors.join(', '), year: String(paperYear(paper) ?? ''),
      };
      return { text: settings.template.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m) };
    }
    default:
      return { text: `[@${key}]` };
  }
}

/** BibTeX for one paper. */
export function bibtexFor(paper: Paper, key: string): string {
  const esc = (s: string) => s.replace(/[{}\\]/g, '').replace(/[&%$#_]/g, '\\$&');
  const year = paperYear(paper);
  return [
    `@misc{${key},`,
    `  title = {{${esc(paper.title.replace(/\s+/g, ' ').trim())}}},`,
    `  author = {${paper.authors.map(esc).join(' and ')}},`,
    ...(year ? [`  year = {${year}},`] : []),
    `  eprint = {${paper.id}},`,
    `  archivePrefix = {arXiv},`,
    `  url = {${paperLinks(paper).abs}}`,
    '}',
  ].join('\n');
}

const DEFAULT_NOTE = `---
title: "{title}"
paper: {id}
citekey: {key}
tags: [literature]
---

# {title}

[@{key}] · {authors} · {year} · <{url}>

## Summary

## Key ideas

## Notes
`;

/** A literature note from `template` (or the default), filling {key} {title} {authors} {year} {id} {url}. */
export function renderNoteTemplate(template: string | undefined, paper: Paper, key: string): string {
  const values: Record<string, string> = {
    key, title: paper.title.replace(/\s+/g, ' ').trim().replace(/"/g, '\\"'), id: paper.id, url: paperLinks(paper).abs,
    authors: paper.authors.join(', '), year: String(paperYear(paper) ?? ''), abstract: paper.abstract,
  };
  return (template ?? DEFAULT_NOTE).replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}
