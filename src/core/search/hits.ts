// Turning matched documents into what a user sees: title, a snippet around the matched words, and the
// line to reveal.
import { queryTerm, termOf } from './analyze';
import { parseQuery } from './query';
import type { DocRecord, NoteRecord, PaperRecord } from './records';
import { lead, snippet } from './snippet';

export interface Hit {
  kind: 'note' | 'paper';
  /** Note path (relative to the notes root) or arXiv id. */
  id: string;
  path?: string;
  title: string;
  score: number;
  snippet: string;
}

export function toHit(r: DocRecord, score: number, terms: Set<string>, citedPapers: (note: NoteRecord) => PaperRecord[]): Hit {
  if (r.kind === 'paper') {
    const text = snippet(r.abstract, terms) ?? snippet(r.title, terms) ?? lead(r.abstract);
    return { kind: 'paper', id: r.id, title: r.title, score, snippet: text };
  }
  let text = snippet(r.text, terms) ?? snippet(r.headings.join(' · '), terms);
  if (text === undefined) {
    // Found through a cited paper: say which one, with its matching words.
    for (const p of citedPapers(r)) {
      const s = snippet(p.abstract, terms) ?? snippet(p.title, terms);
      if (s) {
        text = `cites ${p.title}: ${s}`;
        break;
      }
    }
  }
  return { kind: 'note', id: r.path, path: r.path, title: r.title, score, snippet: text ?? lead(r.text) };
}

const PROHIBITED = 3; // lunr.Query.presence.PROHIBITED

/** 0-based index of the first line holding a (non-prohibited) query word or prefix. */
export function firstMatchingLine(text: string, query: string): number | undefined {
  const words = parseQuery(query).filter((c) => c.presence !== PROHIBITED);
  const exact = new Set(words.filter((c) => c.usePipeline).map((c) => queryTerm(c.term)));
  const prefixes = words.filter((c) => !c.usePipeline).map((c) => c.term.replace(/\*/g, ''));
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    for (const w of lines[i].toLowerCase().split(/[\s-]+/)) {
      const t = w && termOf(w);
      if (t && (exact.has(t) || prefixes.some((p) => p && t.startsWith(p)))) return i;
    }
  }
  return undefined;
}
