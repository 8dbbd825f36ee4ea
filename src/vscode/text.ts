// Escaping untrusted text (titles, abstracts, author names from the internet) for the two places we render it:
// Markdown tooltips and webview HTML. No 'vscode' import: unit-tested in plain Node.
import { randomBytes } from 'node:crypto';

/** Backslash-escapes Markdown syntax and entity-encodes HTML, so the text renders literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~$:]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Collapses whitespace and cuts at a word boundary near `max` characters, adding an ellipsis. */
export function excerpt(text: string, max = 320): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** A nonce for the webview's Content-Security-Policy. */
export function nonce(): string {
  return randomBytes(16).toString('hex');
}
