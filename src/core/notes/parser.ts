// The markdown-it instance the scanner uses, with three small inline rules for paper references and
// position tracking for the links markdown-it finds itself. Inline rules only run where markdown-it reads
// text, so code spans, code blocks, HTML and link destinations are skipped by construction.
//
// Every reference token gets `meta = { start, end, … }`: offsets into its inline token's `content`, which
// the scanner maps back to source lines and columns.
import type MarkdownIt from 'markdown-it';
import { arxivAt, FOOTNOTE_LABEL, parseCitationKeys, type KeyAt } from './refs';

type State = MarkdownIt.StateInline;
export type Rule = (state: State, silent: boolean) => boolean;

export const CITE = 'paper_cite';
export const FOOTNOTE = 'paper_footnote';
export const ARXIV = 'paper_arxiv';

// A citation group is short; the cap keeps `[[[[…` garbage linear.
const MAX_GROUP = 2000;

function findClose(src: string, from: number, max: number): number {
  const limit = Math.min(max, from + MAX_GROUP);
  for (let i = from; i < limit; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x5b /* [ */) return -1;
    else if (c === 0x5d /* ] */) return i;
  }
  return -1;
}

/**
 * The pandoc citation group `[…]` at `state.pos` as the scanner reads it: its keys and the offset of its `]`.
 * Undefined for footnote stubs, links (`[see @a](url)`) and plain brackets. The Markdown preview's citation
 * rule calls this too, so what the preview renders is exactly what the scanner and diagnostics see.
 * `link` is markdown-it's own link rule (see `linkRule`).
 */
export function citationGroupAt(state: State, link: Rule): { close: number; keys: KeyAt[] } | undefined {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x5b /* [ */) return undefined;
  if (footnoteAt(state)) return undefined;
  const close = findClose(src, pos + 1, state.posMax);
  if (close < 0) return undefined;
  const keys = parseCitationKeys(src.slice(pos + 1, close), pos + 1);
  if (!keys) return undefined;
  const next = src.charCodeAt(close + 1);
  if (next === 0x28 /* ( */ || next === 0x5b /* [ */) {
    // `[see @a](url)` is a link when markdown-it can read it as one.
    const saved = state.pos;
    const isLink = link(state, true);
    state.pos = saved;
    if (isLink) return undefined;
  }
  return { close, keys };
}

function footnoteAt(state: State): RegExpExecArray | null {
  const { src, pos } = state;
  return src.charCodeAt(pos + 1) === 0x5e /* ^ */ ? FOOTNOTE_LABEL.exec(src.slice(pos, Math.min(state.posMax, pos + 200))) : null;
}

/** `[@key]`, `[see @a, p. 3; -@b]`, and footnote stubs `[^key]`. Runs before markdown-it's link rule. */
function bracketRule(link: Rule): Rule {
  return (state, silent) => {
    const { src, pos } = state;
    if (src.charCodeAt(pos) !== 0x5b /* [ */) return false;
    const foot = footnoteAt(state);
    if (foot) {
      const end = pos + foot[0].length;
      if (src.charCodeAt(end) === 0x3a /* : */) return false; // a footnote definition, not a use
      if (!silent) {
        const t = state.push(FOOTNOTE, '', 0);
        t.content = foot[0];
        t.meta = { start: pos, end, key: foot[1] };
      }
      state.pos = end;
      return true;
    }
    const group = citationGroupAt(state, link);
    if (!group) return false;
    const { close, keys } = group;
    if (!silent) {
      const t = state.push(CITE, '', 0);
      t.content = src.slice(pos, close + 1);
      t.meta = { start: pos, end: close + 1, keys };
    }
    state.pos = close + 1;
    return true;
  };
}

/** Bare `arXiv:ID`: fires at the colon, like markdown-it's own linkify rule, and takes the prefix from pending text. */
const arxivRule: Rule = (state, silent) => {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x3a /* : */ || pos < 5 || state.pending.length < 5) return false;
  if (src.slice(pos - 5, pos).toLowerCase() !== 'arxiv') return false;
  if (pos > 5 && /[\p{L}\p{N}_]/u.test(src[pos - 6])) return false;
  const m = arxivAt(src.slice(pos - 5, Math.min(state.posMax, pos + 40)));
  if (!m) return false;
  const start = pos - 5;
  const end = start + m.length;
  if (!silent) {
    state.pending = state.pending.slice(0, -5);
    const t = state.push(ARXIV, '', 0);
    t.content = src.slice(start, end);
    t.meta = { start, end, id: m.id, version: m.version };
  }
  state.pos = end;
  return true;
};

function isSchemeChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/** Wraps a link-producing rule so its link_open token learns where it starts and ends. */
function tracked(rule: Rule, startOf: (state: State) => number): Rule {
  return (state, silent) => {
    const start = silent ? 0 : startOf(state);
    const first = state.tokens.length;
    if (!rule(state, silent)) return false;
    if (!silent) {
      const open = state.tokens.slice(first).find((t) => t.type === 'link_open');
      if (open) open.meta = { ...(open.meta ?? {}), start, end: state.pos };
    }
    return true;
  };
}

// The linkify rule also takes its scheme from pending text; it looks back at most 10 characters.
function linkifyStart(state: State): number {
  const min = state.pos - Math.min(10, state.pending.length, state.pos);
  let p = state.pos;
  while (p > min && isSchemeChar(state.src.charCodeAt(p - 1))) p--;
  return p;
}

/** markdown-it's own `link` rule, for `citationGroupAt`. */
export function linkRule(md: MarkdownIt): Rule {
  return ruleFn(md, 'link');
}

function ruleFn(md: MarkdownIt, name: string): Rule {
  const r = (md.inline.ruler as unknown as { __rules__: Array<{ name: string; fn: Rule }> }).__rules__.find((x) => x.name === name);
  if (!r) throw new Error(`markdown-it has no inline rule '${name}'`);
  return r.fn;
}

function createParser(): MarkdownIt {
  // Required on first use, not imported: evaluating markdown-it is most of the editor's start-up cost, and the
  // editor's build loads it from a file of its own (scripts/build.mjs).
  const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
  // html: true so HTML blocks and inline tags are tokens of their own (and skipped), not prose.
  const md = new MarkdownItClass({ html: true, linkify: true, typographer: false });
  // Only scheme'd URLs: fuzzy links are found after inline parsing, without positions.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  const link = ruleFn(md, 'link');
  md.inline.ruler.at('link', tracked(link, (s) => s.pos));
  md.inline.ruler.at('autolink', tracked(ruleFn(md, 'autolink'), (s) => s.pos));
  md.inline.ruler.at('linkify', tracked(ruleFn(md, 'linkify'), linkifyStart));
  md.inline.ruler.before('link', 'paper_bracket', bracketRule(link));
  md.inline.ruler.before('linkify', 'paper_arxiv', arxivRule);
  // The core linkify pass finds links in text without positions; the inline rule above already did the work.
  md.core.ruler.disable('linkify');
  return md;
}

let shared: MarkdownIt | undefined;

/** One parser for every scan: building markdown-it is far costlier than a typical note. */
export function parser(): MarkdownIt {
  shared ??= createParser();
  return shared;
}
