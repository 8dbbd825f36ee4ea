// Paper and bibliography-entry summaries as MarkdownString for hovers and completion docs. Every string from the paper is escaped;
// links are the paper's http(s) URLs only; no command link carries data (the one command link takes no args).
import * as vscode from 'vscode';
import { paperLinks, paperYear, safeHttpUrl, type Paper } from '../core/papers/model';
import type { LibraryEntry } from '../core/library';
import { escapeMarkdown, excerpt } from './text';

/** The hover's argument-free link (registered in citing-notes.ts, not listed in the palette): the hovered paper. */
export const SHOW_CITING_HOVERED = 'paperNotes.showCitingHoveredPaper';

function link(label: string, url: string | undefined): string | undefined {
  const safe = safeHttpUrl(url);
  return safe ? `[${label}](${safe.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})` : undefined;
}

export interface PaperMarkdownOptions {
  key?: string;
  abstractChars?: number;
  /** Number of notes citing it; adds a "Show notes citing this paper" command link (no arguments). */
  citedBy?: number;
}

export function paperMarkdown(p: Paper, opts: PaperMarkdownOptions = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.supportHtml = false;
  md.appendMarkdown(`**${escapeMarkdown(p.title.replace(/\s+/g, ' ').trim())}**\n\n`);
  const authors = p.authors.length > 6 ? [...p.authors.slice(0, 6), 'et al.'] : p.authors;
  const year = paperYear(p);
  const meta = [authors.join(', '), year ? String(year) : '', `arXiv:${p.id}${p.version ?? ''}`, opts.key ? `@${opts.key}` : '']
    .filter(Boolean)
    .map(escapeMarkdown)
    .join(' · ');
  md.appendMarkdown(`${meta}\n\n`);
  if (p.abstract.trim()) md.appendMarkdown(`${escapeMarkdown(excerpt(p.abstract, opts.abstractChars ?? 600))}\n\n`);
  const l = paperLinks(p);
  const links = [link('arXiv', l.abs), link('PDF', l.pdf), link('Hugging Face', l.hf), link('GitHub', p.githubRepo), link('Project', p.projectPage)]
    .filter(Boolean)
    .join(' · ');
  md.appendMarkdown(links);
  if (opts.citedBy !== undefined) {
    md.isTrusted = { enabledCommands: [SHOW_CITING_HOVERED] };
    const n = opts.citedBy;
    md.appendMarkdown(`\n\nCited in ${n} note${n === 1 ? '' : 's'}`);
    if (n > 0) md.appendMarkdown(` · [Show notes citing this paper](command:${SHOW_CITING_HOVERED})`);
  }
  return md;
}

/** A bibliography entry's summary: the same shape as a paper's, with the file it comes from. */
export function entryMarkdown(e: LibraryEntry, opts: { abstractChars?: number; citedBy?: number; source?: string } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.supportHtml = false;
  md.appendMarkdown(`**${escapeMarkdown(e.title.replace(/\s+/g, ' ').trim() || e.key)}**\n\n`);
  const authors = e.authors.length > 6 ? [...e.authors.slice(0, 6), 'et al.'] : e.authors;
  const meta = [authors.join(', '), e.year ? String(e.year) : '', e.venue ?? '', e.arxivId ? `arXiv:${e.arxivId}` : '', `@${e.key}`]
    .filter(Boolean)
    .map(escapeMarkdown)
    .join(' · ');
  md.appendMarkdown(`${meta}\n\n`);
  if (e.abstract.trim()) md.appendMarkdown(`${escapeMarkdown(excerpt(e.abstract, opts.abstractChars ?? 600))}\n\n`);
  const doi = e.doi ? `https://doi.org/${encodeURI(e.doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, ''))}` : undefined;
  const arxiv = e.arxivId ? paperLinks({ id: e.arxivId }).abs : undefined;
  const links = [link('arXiv', arxiv), link('DOI', doi), link('Link', e.url && e.url !== arxiv ? e.url : undefined)].filter(Boolean).join(' · ');
  if (links) md.appendMarkdown(`${links}\n\n`);
  if (opts.source) md.appendMarkdown(`${escapeMarkdown(`From ${opts.source}, line ${e.line + 1}`)}`);
  if (opts.citedBy !== undefined) md.appendMarkdown(`\n\nCited in ${opts.citedBy} note${opts.citedBy === 1 ? '' : 's'}`);
  return md;
}
