// Citation stubs: what "Insert Citation" and `paper-notes cite` put in a note. Titles and names are untrusted,
// so in Markdown they are escaped to read as plain text; only the arXiv URL we build ourselves is a link.
import { paperLinks, paperYear, type Paper } from '../papers/model';

export type StubStyle = 'pandoc' | 'link' | 'footnote' | 'template';

export interface Stub {
  /** What goes at the cursor. */
  text: string;
  /** Footnote style only: the `[^key]: …` line to add once, at the end of the document. */
  definition?: string;
}

/** One line of text: newlines, tabs and control characters become single spaces. */
export function oneLine(text: string): string {
  return String(text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
}

/**
 * Escapes Markdown's inline syntax so untrusted text renders as itself: brackets cannot open links, `<`
 * cannot open HTML, backticks/asterisks/underscores cannot format, and backslashes are doubled (they render
 * as one).
 */
export function markdownText(text: string): string {
  return String(text ?? '')
    .replace(/[\\[\]<>`*_]/g, '\\$&');
}

/** The abs URL, with parentheses encoded so it is a valid link destination. */
function absUrl(paper: Pick<Paper, 'id' | 'version'>): string {
  return paperLinks({ id: paper.id }).abs.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** `A, B, C` for up to three authors, `A et al.` beyond. */
export function authorList(authors: string[]): string {
  const names = (authors ?? []).map(oneLine).filter(Boolean);
  return names.length > 3 ? `${names[0]} et al.` : names.join(', ');
}

/** Placeholder values: {key} {title} {authors} {year} {id} {url}, raw (one line each). */
export function templateValues(paper: Paper, key: string): Record<string, string> {
  return {
    key,
    title: oneLine(paper.title),
    authors: (paper.authors ?? []).map(oneLine).filter(Boolean).join(', '),
    year: String(paperYear(paper) ?? ''),
    id: paper.id,
    url: absUrl(paper),
  };
}

/** Replaces `{name}` with its value; unknown placeholders are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

export function citationStub(paper: Paper, key: string, style: StubStyle = 'pandoc', template = '[@{key}]'): Stub {
  switch (style) {
    case 'link':
      return { text: `[${markdownText(oneLine(paper.title))}](${absUrl(paper)})` };
    case 'footnote': {
      const authors = authorList(paper.authors);
      const parts = [...(authors ? [markdownText(authors)] : []), `"${markdownText(oneLine(paper.title))}"`, `arXiv:${paper.id}`, absUrl(paper)];
      return { text: `[^${key}]`, definition: `[^${key}]: ${parts.join(', ')}` };
    }
    case 'template':
      return { text: fillTemplate(template, templateValues(paper, key)) };
    default:
      return { text: `[@${key}]` };
  }
}
