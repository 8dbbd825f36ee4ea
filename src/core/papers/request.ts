// One GET with a timeout, an identifying User-Agent and a few retries on 5xx/429 (honouring Retry-After).
// Shared by the Daily Papers and arXiv clients so both fail in the same, typed way.
import type { Fetch, HttpResponse } from '../fs';
import { PaperSourceError } from './errors';

// package.json's version, put in by the build (scripts/define.mjs); the CLI's --version and the User-Agent say it.
declare const PAPER_NOTES_BUILD_VERSION: string;
export const PAPER_NOTES_VERSION = PAPER_NOTES_BUILD_VERSION;
export const DEFAULT_USER_AGENT = `paper-notes/${PAPER_NOTES_VERSION}`;
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface RequestOptions {
  fetch: Fetch;
  timeoutMs?: number;
  userAgent?: string;
  /** Retries after the first attempt, on 5xx, 429 and dropped connections (not on timeouts). Default 3. */
  retries?: number;
  /** Injectable for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Upper bound for any single wait, Retry-After included, so a hostile header cannot stall us. Default 10 s. */
  maxRetryWaitMs?: number;
  /** First backoff step; doubles each retry. Default 500 ms. */
  backoffMs?: number;
  /** Wraps every attempt (retries too): the arXiv client passes its rate limit here. */
  gate?: <T>(attempt: () => Promise<T>) => Promise<T>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After is either delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export async function getText(url: string, source: string, opts: RequestOptions): Promise<string> {
  const retries = opts.retries ?? 3;
  const sleep = opts.sleep ?? realSleep;
  const cap = opts.maxRetryWaitMs ?? 10_000;
  const backoff = opts.backoffMs ?? 500;
  for (let attempt = 0; ; attempt++) {
    let failure: PaperSourceError;
    let wait = Math.min(cap, backoff * 2 ** attempt);
    try {
      const { status, body, headers } = await (opts.gate ? opts.gate(() => once(url, source, opts)) : once(url, source, opts));
      if (status >= 200 && status < 300) return body;
      failure = new PaperSourceError({ kind: 'http', source, url, status });
      if (status !== 429 && status < 500) throw failure;
      const after = retryAfterMs(headers.get('retry-after'));
      if (after !== undefined) wait = Math.min(cap, after);
    } catch (e) {
      if (!(e instanceof PaperSourceError) || e.kind !== 'network') throw e;
      failure = e;
    }
    if (attempt >= retries) throw failure;
    await sleep(wait);
  }
}

/** One attempt; the timeout covers the headers and the body. */
async function once(url: string, source: string, opts: RequestOptions): Promise<{ status: number; body: string; headers: HttpResponse['headers'] }> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      reject(new PaperSourceError({ kind: 'timeout', source, url, timeoutMs }));
    }, timeoutMs);
  });
  deadline.catch(() => undefined);
  try {
    const work = (async () => {
      const res = await opts.fetch(url, {
        signal: controller.signal,
        headers: { 'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT, accept: 'application/json, application/atom+xml;q=0.9, */*;q=0.1' },
      });
      return { status: res.status, body: await res.text(), headers: res.headers };
    })();
    return await Promise.race([work, deadline]);
  } catch (e) {
    if (e instanceof PaperSourceError) throw e;
    if (timedOut) throw new PaperSourceError({ kind: 'timeout', source, url, timeoutMs });
    throw new PaperSourceError({ kind: 'network', source, url, detail: causeText(e) });
  } finally {
    clearTimeout(timer);
  }
}

/** Node's fetch hides the useful part (ECONNREFUSED, ECONNRESET…) in `cause`. */
function causeText(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}
