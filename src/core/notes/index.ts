// Public face of the notes scanner. CONTRACT (implementation pending; owned by the cite+notes work).
// Scans Markdown with markdown-it tokens, never regex over raw text, so code spans/blocks are ignored.

/** 0-based line and UTF-16 column, end exclusive — the same convention as vscode.Range. */
export interface TextRange {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export type RefKind =
  | 'pandoc' //   [@key], [@a; @b], [see @key, p. 3]
  | 'footnote' // [^key] where key is a citation key
  | 'link' //     [text](https://arxiv.org/abs/ID) / pdf / huggingface.co/papers/ID
  | 'autolink' // <https://arxiv.org/abs/ID> or a bare linkified URL
  | 'arxiv'; //   arXiv:ID in text

export interface PaperRef {
  kind: RefKind;
  /** Citation key, for pandoc and footnote refs. */
  key?: string;
  /** arXiv id without version, for link/autolink/arxiv refs. */
  id?: string;
  version?: string;
  range: TextRange;
}

export interface ScannedNote {
  /** Front matter `title`, else the first level-1 heading. */
  title?: string;
  tags: string[];
  headings: string[];
  /** Prose text without code spans, code blocks, front matter or URLs: what the index should see. */
  text: string;
  refs: PaperRef[];
}

export function scanNote(_markdown: string): ScannedNote {
  throw new Error('scanNote: not implemented yet');
}
