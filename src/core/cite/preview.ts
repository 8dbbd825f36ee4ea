// A markdown-it plugin that renders pandoc citation stubs (`[@key]`, `[see @a, p. 3; @b]`) as the cited
// papers' short titles linking to arXiv, with the full title as tooltip. Used by VS Code's built-in
// Markdown preview (markdown.markdownItPlugins). Everything from the paper is escaped; links are http(s) only.
import type MarkdownIt from 'markdown-it';
import { paperLinks, type Paper } from '../papers/model';

export interface CitationPreviewOptions {
  /** Synchronous: markdown-it renders synchronously. Returns undefined for unknown keys. */
  lookup(key: string): Pick<Paper, 'id' | 'version' | 'title'> | undefined;
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

// Pandoc: a key starts with a letter, digit or _, and may hold internal punctuation :.#$%&-+?<>~/
const KEY = /@([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*)/uy;

/**
 * Parses the inside of `[…]` as a pandoc citation group; undefined when it is not one (no `@key`, or
 * text that pandoc would not read as citations).
 */
export function parseCitationGroup(inner: string): CitationItem[] | undefined {
  if (!inner.includes('@')) return undefined;
  const items: CitationItem[] = [];
  for (const part of inner.split(';')) {
    const at = findKey(part);
    if (!at) return undefined;
    items.push(at);
  }
  return items.length > 0 ? items : undefined;
}

function findKey(part: string): CitationItem | undefined {
  for (let i = part.indexOf('@'); i >= 0; i = part.indexOf('@', i + 1)) {
    // An `@` inside a word (an e-mail address) is not a citation.
    const before = i > 0 ? part[i - 1] : ' ';
    if (!/[\s\-[]/.test(before) && i > 0) continue;
    KEY.lastIndex = i;
    const m = KEY.exec(part);
    if (!m) continue;
    const suppressAuthor = before === '-';
    const prefix = part.slice(0, suppressAuthor ? i - 1 : i);
    return { prefix, key: m[1], suffix: part.slice(i + m[0].length), suppressAuthor };
  }
  return undefined;
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

  md.inline.ruler.before('link', 'paper_notes_citation', (state: MarkdownIt.StateInline, silent: boolean) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x5b /* [ */) return false;
    if (state.src.charCodeAt(start + 1) === 0x5e /* ^ footnote */) return false;
    const end = state.md.helpers.parseLinkLabel(state, start, false);
    if (end < 0) return false;
    // `[@x](url)` and `[@x][ref]` are links, not citations.
    const next = state.src.charCodeAt(end + 1);
    if (next === 0x28 /* ( */ || next === 0x5b /* [ */) return false;
    const inner = state.src.slice(start + 1, end);
    if (/[[\]\n]/.test(inner)) return false;
    const refs = (state.env as { references?: Record<string, unknown> } | undefined)?.references;
    if (refs && refs[md.utils.normalizeReference(inner)]) return false;
    const items = parseCitationGroup(inner);
    if (!items) return false;
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
      const href = paperLinks(paper).abs;
      const safe = md.validateLink(href) ? md.normalizeLink(href) : '';
      const label = esc(shortTitle(paper.title));
      const link = safe
        ? `<a href="${esc(safe)}" title="${esc(paper.title)}" data-citation-key="${esc(it.key)}">${label}</a>`
        : `<span title="${esc(paper.title)}">${label}</span>`;
      return `${pre}${link}${suf}`;
    });
    return `<span class="paper-notes-citation">[${parts.join(';')}]</span>`;
  };
}
