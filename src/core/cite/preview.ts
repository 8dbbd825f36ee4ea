// A markdown-it plugin that renders pandoc citation stubs (`[@key]`, `[see @a, p. 3; @b]`) as the cited
// papers' short titles linking to arXiv, with the full title as tooltip. Used by VS Code's built-in
// Markdown preview (markdown.markdownItPlugins). Everything from the paper is escaped; links are http(s) only.
import type MarkdownIt from 'markdown-it';
import { paperLinks, type Paper } from '../papers/model';
import { citationGroupAt, linkRule } from '../notes/parser';
import { parseCitationKeys, type KeyAt } from '../notes/refs';

/** What a key renders as: a cached paper (linked to arXiv), or a bibliography entry (linked to its own URL, if any). */
export type CitationTarget = Pick<Paper, 'id' | 'version' | 'title'> | { title: string; url?: string };

export interface CitationPreviewOptions {
  /** Synchronous: markdown-it renders synchronously. Returns undefined for unknown keys. */
  lookup(key: string): CitationTarget | undefined;
}

/** One `@key` inside a bracketed citation group, with the text around it. */
export interface CitationItem {
  prefix: string;
  key: string;
  /** Locator and suffix after the key, e.g. `, p. 3`. */
  suffix: string;
  /** `-@key`: suppress author. Kept only to round-trip the text. */
  suppressAuthor: boolean;
}

/**
 * Parses the inside of `[…]` as a pandoc citation group; undefined when it is not one (no `@key`, or
 * text that pandoc would not read as citations). The grammar is the scanner's (`parseCitationKeys`), so the
 * preview and the diagnostics agree on what is a citation.
 */
export function parseCitationGroup(inner: string): CitationItem[] | undefined {
  const keys = parseCitationKeys(inner, 0);
  return keys && itemsOf(inner, keys);
}

/** Splits `inner` into one item per key: `parseCitationKeys` found exactly one key in each `;`-separated part. */
function itemsOf(inner: string, keys: KeyAt[]): CitationItem[] {
  const items: CitationItem[] = [];
  let partStart = 0;
  for (const { key, start, end } of keys) {
    const partEnd = inner.indexOf(';', end) < 0 ? inner.length : inner.indexOf(';', end);
    const suppressAuthor = start > partStart && inner[start - 1] === '-';
    items.push({ prefix: inner.slice(partStart, suppressAuthor ? start - 1 : start), key, suffix: inner.slice(end, partEnd), suppressAuthor });
    partStart = partEnd + 1;
  }
  return items;
}

/** `BERT: Pre-training of …` → `BERT`; otherwise the first words, cut near 40 characters. */
export function shortTitle(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  const colon = t.indexOf(':');
  if (colon >= 2 && colon <= 40) return t.slice(0, colon).trim();
  if (t.length <= 40) return t;
  const cut = t.slice(0, 40);
  const space = cut.lastIndexOf(' ');
  return `${(space > 15 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

export function citationPreviewPlugin(md: MarkdownIt, options: CitationPreviewOptions): void {
  const esc = md.utils.escapeHtml;
  const link = linkRule(md);

  md.inline.ruler.before('link', 'paper_notes_citation', (state: MarkdownIt.StateInline, silent: boolean) => {
    // The scanner's own recognizer: footnotes, links and plain brackets are left to markdown-it.
    const group = citationGroupAt(state, link);
    if (!group) return false;
    const start = state.pos;
    const end = group.close;
    const items = itemsOf(state.src.slice(start + 1, end), group.keys.map((k) => ({ ...k, start: k.start - start - 1, end: k.end - start - 1 })));
    if (!silent) {
      const token = state.push('paper_notes_citation', 'span', 0);
      token.meta = { items };
      token.content = state.src.slice(start, end + 1);
    }
    state.pos = end + 1;
    return true;
  });

  md.renderer.rules.paper_notes_citation = (tokens, idx) => {
    const items = tokens[idx].meta.items as CitationItem[];
    const parts = items.map((it) => {
      const paper = options.lookup(it.key);
      const pre = esc(it.prefix);
      const suf = esc(it.suffix);
      if (!paper) {
        return `${pre}<span class="paper-notes-citation-unknown" title="Unknown citation key">@${esc(it.key)}</span>${suf}`;
      }
      const href = 'id' in paper ? paperLinks(paper).abs : paper.url && /^https?:\/\//i.test(paper.url) ? paper.url : '';
      const safe = href && md.validateLink(href) ? md.normalizeLink(href) : '';
      const label = esc(shortTitle(paper.title));
      const link = safe
        ? `<a href="${esc(safe)}" title="${esc(paper.title)}" data-citation-key="${esc(it.key)}">${label}</a>`
        : `<span title="${esc(paper.title)}">${label}</span>`;
      return `${pre}${link}${suf}`;
    });
    return `<span class="paper-notes-citation">[${parts.join(';')}]</span>`;
  };
}
