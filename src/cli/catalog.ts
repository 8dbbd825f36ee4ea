// The catalog as the CLI opens it: the cache folder, API base and timeout from the global options; warnings
// (recovered corruption…) go to stderr as `warning: …` lines so stdout stays clean for --json.
import { createCatalog, type Catalog } from '../core/catalog';
import { isValidDay } from '../core/papers/daily';
import { UsageError } from './args';
import type { Context } from './context';

export function openCatalog(ctx: Context): Catalog {
  return createCatalog({
    fs: ctx.fs,
    fetch: ctx.fetch,
    cacheDir: ctx.cacheDir,
    apiBase: ctx.apiBase,
    arxivBase: ctx.arxivBase,
    timeoutMs: ctx.timeoutMs,
    warn: (message) => ctx.err(`warning: ${message}`),
  });
}

/** `--date` checked as a real calendar day; today (UTC) when absent. */
export function dayOption(value: string | undefined, now = new Date()): string {
  if (value === undefined) return now.toISOString().slice(0, 10);
  if (!isValidDay(value)) throw new UsageError(`--date must be a calendar date as YYYY-MM-DD, got '${value}'`);
  return value;
}

/** Untrusted text made safe for a terminal: no escape sequences or control characters, one line. */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
}
