// How a paper looks as a tree row: title, upvotes (or id, for an added paper) and first author, an escaped tooltip,
// and a click that opens its abstract.
import * as vscode from 'vscode';
import type { Paper } from '../core/papers/model';
import { escapeMarkdown, excerpt } from './text';

export function paperItem(paper: Paper, day: string, citingNotes = 0, added = false): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, citingNotes > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `paper:${day}:${paper.id}`;
  const first = paper.authors[0];
  const by = first ? `${first}${paper.authors.length > 1 ? ' et al.' : ''}` : '';
  // Upvotes are the feed's; an added paper shows its id instead.
  item.description = added ? [paper.id, by].filter(Boolean).join(' · ') : `▲${paper.upvotes}${by ? ` · ${by}` : ''}`;
  item.tooltip = paperTooltip(paper);
  item.contextValue = 'paper';
  item.iconPath = new vscode.ThemeIcon('file-text');
  item.command = { command: 'paperNotes.openPaper', title: vscode.l10n.t('Open Abstract'), arguments: [paper.id] };
  return item;
}

/** Untrusted text only through escapeMarkdown; the MarkdownString is neither trusted nor HTML-enabled. */
export function paperTooltip(paper: Paper): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**${escapeMarkdown(paper.title)}**\n\n`);
  const authors = paper.authors.length > 6 ? [...paper.authors.slice(0, 6), '…'] : paper.authors;
  if (authors.length) md.appendMarkdown(`${escapeMarkdown(authors.join(', '))}\n\n`);
  md.appendMarkdown(`▲ ${paper.upvotes} · ${paper.numComments} comment${paper.numComments === 1 ? '' : 's'} · ${escapeMarkdown(paper.id)}\n\n`);
  if (paper.abstract) md.appendMarkdown(escapeMarkdown(excerpt(paper.abstract, 400)));
  return md;
}

/** A paper's For You reason, resolved for display: what `rank` names, with keys, titles and openable notes. */
export interface ReasonView {
  placed: boolean;
  papers: Array<{ id: string; key?: string; title?: string }>;
  notes: Array<{ label: string; uri: vscode.Uri }>;
  terms: string[];
}

/** The one command a tooltip's links may run (see appendReason). */
export const OPEN_REASON_NOTE = 'paperNotes.openReasonNote';

/**
 * Adds "For You: like [@key], cited in rlhf.md — reward, preference" to a paper's tooltip. The notes are links
 * that open them; the tooltip is trusted for OPEN_REASON_NOTE only, every shown text is escaped.
 */
export function appendReason(md: vscode.MarkdownString, reason: ReasonView): void {
  md.isTrusted = { enabledCommands: [OPEN_REASON_NOTE] };
  md.appendMarkdown('\n\n---\n\n');
  if (!reason.placed) {
    md.appendMarkdown(`**${vscode.l10n.t('For You')}:** ${escapeMarkdown(vscode.l10n.t('not near any of your notes — nothing to say why.'))}`);
    return;
  }
  const like = reason.papers.map((p) => escapeMarkdown(p.key ? `[@${p.key}]` : p.id) + (p.title ? ` (${escapeMarkdown(excerpt(p.title, 60))})` : ''));
  const notes = reason.notes.map((n) => `[${escapeMarkdown(n.label)}](command:${OPEN_REASON_NOTE}?${encodeURIComponent(JSON.stringify([n.uri.toString()]))})`);
  const parts: string[] = [];
  if (like.length) parts.push(`${escapeMarkdown(vscode.l10n.t('like'))} ${like.join(', ')}`);
  if (notes.length) parts.push(`${escapeMarkdown(like.length ? vscode.l10n.t('cited in') : vscode.l10n.t('near'))} ${notes.join(', ')}`);
  const terms = reason.terms.length ? ` — *${escapeMarkdown(reason.terms.join(', '))}*` : '';
  md.appendMarkdown(`**${vscode.l10n.t('For You')}:** ${parts.join(', ')}${terms}`);
}
