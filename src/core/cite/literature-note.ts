// The literature note `paper-notes note` and "New Literature Note" write: YAML front matter the scanner reads
// back (title, tags), the abstract as a quote, and a `## Notes` section for the reader's own thoughts.
import { paperYear, type Paper } from '../papers/model';
import { fillTemplate, markdownText, oneLine, templateValues } from './stubs';

export interface NoteOptions {
  /** A user template; the stub placeholders plus {abstract} {tags} {date}. */
  template?: string;
  /** YYYY-MM-DD for {date}; defaults to today (UTC). */
  date?: string;
}

/**
 * A YAML double-quoted scalar. JSON strings are valid YAML, except that YAML also forbids C1 controls,
 * DEL, line/paragraph separators and BOM unescaped.
 */
export function yamlString(text: string): string {
  return JSON.stringify(String(text ?? '')).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function yamlList(items: string[]): string {
  return `[${items.map(yamlString).join(', ')}]`;
}

/** Each abstract line as a quote line; a line that would start a heading, list or quote is escaped. */
function quoteBlock(text: string): string {
  const lines = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => markdownText(l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim()))
    .map((l) => l.replace(/^([#>+=|-]|\d+[.)])/, '\\$1'));
  return lines.map((l) => (l ? `> ${l}` : '>')).join('\n');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function dateValue(date: string | undefined): string {
  const d = date ?? today();
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : yamlString(d);
}

/** The note's file name: the key, kept to characters every file system accepts. */
export function noteFileName(key: string): string {
  return `${key.replace(/[^A-Za-z0-9_.+-]/g, '_').replace(/^\.+/, '_') || 'note'}.md`;
}

export function literatureNote(paper: Paper, key: string, options: NoteOptions = {}): string {
  const tags = (paper.aiKeywords ?? []).map(oneLine).filter(Boolean);
  const base = templateValues(paper, key);
  if (options.template !== undefined) {
    // In a user template the text may land in YAML quotes or in Markdown; `\"` and `\\` read right in both.
    const q = (s: string) => s.replace(/[\\"]/g, '\\$&');
    return fillTemplate(options.template, {
      ...base,
      title: q(base.title),
      authors: q(base.authors),
      abstract: q(String(paper.abstract ?? '')),
      tags: tags.map(q).join(', '),
      date: options.date ?? today(),
    });
  }
  const year = paperYear(paper);
  const front = [
    '---',
    `title: ${yamlString(base.title)}`,
    `authors: ${yamlList((paper.authors ?? []).map(oneLine).filter(Boolean))}`,
    ...(year ? [`year: ${year}`] : []),
    `id: ${yamlString(paper.id)}`,
    `key: ${yamlString(key)}`,
    `url: ${yamlString(base.url)}`,
    `tags: ${yamlList(tags)}`,
    `date: ${dateValue(options.date)}`,
    '---',
  ];
  const abstract = oneLine(paper.abstract ?? '') ? quoteBlock(paper.abstract) : '> (no abstract)';
  return [
    ...front,
    '',
    `# ${markdownText(base.title)}`,
    '',
    `[@${key}] · ${markdownText(base.authors)} · <${base.url}>`,
    '',
    abstract,
    '',
    '## Notes',
    '',
    '',
  ].join('\n');
}
