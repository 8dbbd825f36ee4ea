// arXiv by id: `{arxivBase}/api/query?id_list=…` returns an Atom feed. A small, careful reader for exactly that
// feed (no XML dependency): entries, their id (with version), title, summary, authors and publication date.
// ArxivClient keeps arXiv's terms: ≤ 100 ids a request, one request at a time, at most one every 3 s (retries too).
import { PaperSourceError } from './errors';
import { getText, type RequestOptions } from './request';
import { paperFromRecord } from './validate';
import { parseArxivId, type Paper } from './model';
import { RateLimit, realClock, type Clock } from './rate-limit';

export const DEFAULT_ARXIV_BASE = 'https://export.arxiv.org';

export interface FetchArxivOptions extends RequestOptions {
  arxivBase?: string;
}

const SOURCE = 'arXiv';

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → plain text: CDATA kept verbatim, the five named entities and numeric references decoded. */
export function xmlText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => {
      if (part.startsWith('<![CDATA[')) return part.slice(9, -3);
      return part.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, ref: string) => {
        if (ref[0] !== '#') return NAMED[ref] ?? m;
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
      });
    })
    .join('');
}

/** The text of the first `<tag>` directly inside `xml` (namespace prefixes allowed), or undefined. */
function first(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>`).exec(xml);
  return m ? xmlText(m[1]) : undefined;
}

/** Papers from an arXiv Atom feed; entries that are not papers (arXiv reports errors as entries) are left out. */
export function parseArxivAtom(xml: string): Paper[] {
  const papers: Paper[] = [];
  for (const m of xml.matchAll(/<entry(?:\s[^>]*)?>([\s\S]*?)<\/entry>/g)) {
    const entry = m[1];
    const idUrl = (first(entry, 'id') ?? '').trim();
    const idMatch = /arxiv\.org\/abs\/(.+)$/.exec(idUrl);
    if (!idMatch || !parseArxivId(idMatch[1])) continue;
    // arXiv reports an id it cannot use as an entry titled "Error"; that is never a paper.
    const title = first(entry, 'title');
    if (!title || /^\s*error\s*$/i.test(title)) continue;
    const authors = [...entry.matchAll(/<author(?:\s[^>]*)?>([\s\S]*?)<\/author>/g)].map((a) => first(a[1], 'name') ?? '');
    const paper = paperFromRecord({
      id: idMatch[1],
      title,
      summary: first(entry, 'summary')?.replace(/\s+/g, ' '),
      authors,
      publishedAt: first(entry, 'published')?.trim(),
    });
    if (paper) papers.push(paper);
  }
  return papers;
}

/** Fetches papers by arXiv id (versions allowed). Ids arXiv does not know are simply absent from the result. */
export async function fetchArxiv(ids: string[], opts: FetchArxivOptions): Promise<Paper[]> {
  const clean = ids.map((id) => parseArxivId(id));
  const bad = ids.find((_, i) => !clean[i]);
  if (bad !== undefined) throw new RangeError(`not an arXiv id: ${bad}`);
  if (!ids.length) return [];
  const base = (opts.arxivBase ?? DEFAULT_ARXIV_BASE).replace(/\/+$/, '');
  const list = clean.map((c) => `${c!.id}${c!.version ?? ''}`).join(',');
  const url = `${base}/api/query?id_list=${encodeURIComponent(list)}&max_results=${ids.length}`;
  const body = await getText(url, SOURCE, opts);
  if (!/<feed[\s>]/.test(body)) {
    throw new PaperSourceError({ kind: 'shape', source: SOURCE, url, detail: 'expected an Atom feed' });
  }
  return parseArxivAtom(body);
}

export const ARXIV_BATCH = 100;
export const ARXIV_INTERVAL_MS = 3000;

export interface ArxivClientOptions extends FetchArxivOptions {
  /** Time for the rate limit and the retry backoff; tests pass a fake one. */
  clock?: Clock;
  /** Ids per request (default and maximum 100). */
  batchSize?: number;
  /** Least time between two requests (default 3 s). */
  intervalMs?: number;
}

export interface ArxivResult {
  /** Found papers, in the order asked, each once. */
  papers: Paper[];
  /** Ids (without version) arXiv did not answer with a paper. */
  missing: string[];
}

/** One per catalog: its rate limit spans every call, so two quick Add Paper runs still wait their turn. */
export class ArxivClient {
  private readonly limit: RateLimit;

  constructor(private readonly opts: ArxivClientOptions) {
    this.limit = new RateLimit(opts.intervalMs ?? ARXIV_INTERVAL_MS, opts.clock ?? realClock);
  }

  async fetch(ids: string[]): Promise<ArxivResult> {
    const wanted = new Map<string, string>();
    for (const raw of ids) {
      const ref = parseArxivId(raw);
      if (!ref) throw new RangeError(`not an arXiv id: ${raw}`);
      if (!wanted.has(ref.id)) wanted.set(ref.id, `${ref.id}${ref.version ?? ''}`);
    }
    const list = [...wanted.values()];
    const size = Math.max(1, Math.min(ARXIV_BATCH, this.opts.batchSize ?? ARXIV_BATCH));
    const found = new Map<string, Paper>();
    const sleep = this.opts.sleep ?? (this.opts.clock ?? realClock).sleep;
    for (let i = 0; i < list.length; i += size) {
      const batch = await fetchArxiv(list.slice(i, i + size), { ...this.opts, sleep, gate: (attempt) => this.limit.run(attempt) });
      for (const p of batch) if (wanted.has(p.id) && !found.has(p.id)) found.set(p.id, p);
    }
    const order = [...wanted.keys()];
    return { papers: order.filter((id) => found.has(id)).map((id) => found.get(id)!), missing: order.filter((id) => !found.has(id)) };
  }
}
