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
