// The Paper model every layer shares. Everything in it came from the internet: treat all strings as
// untrusted text (escape on render) and the URLs as already filtered to http(s) by the parsers.

export interface Paper {
  /** arXiv id without version, e.g. `2410.02604` (or an old-style `hep-th/9901001`). */
  id: string;
  /** Version suffix kept apart, e.g. `v2`; absent when the source gave none. */
  version?: string;
  title: string;
  /** Plain text (may hold TeX and newlines); '' when the source gave none. */
  abstract: string;
  authors: string[];
  /** ISO timestamp of publication, when known. */
  publishedAt?: string;
  /** The Daily Papers day (YYYY-MM-DD) it was listed on, when it came from the feed. */
  day?: string;
  upvotes: number;
  numComments: number;
  aiSummary?: string;
  aiKeywords: string[];
  /** http(s) only. */
  githubRepo?: string;
  /** http(s) only. */
  projectPage?: string;
}

export interface PaperLinks {
  abs: string;
  pdf: string;
  hf: string;
}

export function paperLinks(p: Pick<Paper, 'id' | 'version'>): PaperLinks {
  const id = encodeURI(p.id);
  return {
    abs: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}${p.version ?? ''}`,
    hf: `https://huggingface.co/papers/${id}`,
  };
}

/** Year of publication, from publishedAt, else the day, else the arXiv id's YYMM. */
export function paperYear(p: Pick<Paper, 'id' | 'publishedAt' | 'day'>): number | undefined {
  const iso = p.publishedAt ?? p.day;
  const y = iso ? Number(iso.slice(0, 4)) : NaN;
  if (y >= 1900 && y <= 2999) return y;
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(p.id);
  return m ? 2000 + Number(m[1]) : undefined;
}

const NEW_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** Splits `2410.02604v2` into id and version; `undefined` when it is not an arXiv id. */
export function parseArxivId(text: string): { id: string; version?: string } | undefined {
  const t = text.trim();
  const m = NEW_ID.exec(t) ?? OLD_ID.exec(t);
  if (!m) return undefined;
  return m[2] ? { id: m[1], version: m[2] } : { id: m[1] };
}

/** Keeps a URL only when it parses and is http(s); everything else (javascript:, data:, junk) is dropped. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
