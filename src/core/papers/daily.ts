// The Hugging Face Daily Papers client: one day's papers, paged, validated.
import { PaperSourceError, oneLine } from './errors';
import { getText, type RequestOptions } from './request';
import { validateDailyItems } from './validate';
import type { Paper } from './model';

export interface FetchDayOptions extends RequestOptions {
  /** e.g. `https://huggingface.co` (no trailing slash needed). */
  apiBase: string;
  /** Items per page; the client asks for the next page while a page comes back full. Default 100 (the API's max). */
  pageSize?: number;
  /** Safety stop for a server that ignores paging. Default 50 pages. */
  maxPages?: number;
}

export interface FetchedDay {
  day: string;
  papers: Paper[];
  skipped: number;
  merged: number;
}

const SOURCE = 'Daily Papers';
export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * A real calendar date written YYYY-MM-DD (no 2026-02-29, no 2026-7-30). The one rule for the CLI's --date,
 * the catalog and the editor's Go to Date and `paperNotes.today`. There is deliberately no lower bound (such
 * as arXiv's 1991 start): an earlier day is a well-formed question whose answer is simply "no papers", and
 * rejecting it as "not a calendar date" would be a wrong message.
 */
export function isValidDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export function dailyPapersUrl(apiBase: string, day: string, pageSize: number, page: number): string {
  return `${apiBase.replace(/\/+$/, '')}/api/daily_papers?date=${encodeURIComponent(day)}&limit=${pageSize}&p=${page}`;
}

/** JSON.parse with a typed error that names what came back instead (often an HTML error page). */
export function parseJson(body: string, source: string, url: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const detail = body.trim() ? `starts with "${oneLine(body, 40)}"` : 'empty body';
    throw new PaperSourceError({ kind: 'not-json', source, url, detail });
  }
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export async function fetchDay(day: string, opts: FetchDayOptions): Promise<FetchedDay> {
  if (!isValidDay(day)) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxPages ?? 50;
  const items: unknown[] = [];
  const seen = new Set<string>();
  for (let page = 0; page < maxPages; page++) {
    const url = dailyPapersUrl(opts.apiBase, day, pageSize, page);
    const data = parseJson(await getText(url, SOURCE, opts), SOURCE, url);
    if (!Array.isArray(data)) {
      throw new PaperSourceError({ kind: 'shape', source: SOURCE, url, detail: `expected a list of papers, got ${describe(data)}` });
    }
    // A server that ignores `p` would send page 0 forever: stop when a page brings no id we have not seen.
    let fresh = 0;
    for (const item of data) {
      const id = (item as { paper?: { id?: unknown } } | null)?.paper?.id;
      const key = typeof id === 'string' ? id : JSON.stringify(item);
      if (!seen.has(key)) fresh++;
      seen.add(key);
    }
    if (fresh > 0) items.push(...data);
    if (data.length < pageSize || fresh === 0) break;
  }
  const { papers, skipped, merged } = validateDailyItems(items, day);
  return { day, papers, skipped, merged };
}
