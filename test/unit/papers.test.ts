// The paper sources against the real fixture server on 127.0.0.1: paging, validation of the hostile day,
// retries, timeouts and every fault turned into a typed, one-line error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import {
  fetchDay, fetchArxiv, parseArxivAtom, parseImport, PaperSourceError, retryAfterMs, parseArxivId, LIMITS,
  DEFAULT_USER_AGENT, type FetchDayOptions,
} from '../../src/core/papers';
import type { Fetch } from '../../src/core/fs';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

const waits: number[] = [];
const opts = (extra: Partial<FetchDayOptions> = {}): FetchDayOptions => ({
  fetch: (url, init) => fetch(url, init),
  apiBase: server.url,
  sleep: async (ms) => void waits.push(ms),
  ...extra,
});
const apiCalls = () => server.requests.filter((r) => r.url.startsWith('/api/')).length;
const load = (day: string) => JSON.parse(readFileSync(`test/fixtures/days/${day}.json`, 'utf8')) as unknown[];

/** The expected valid set, computed from the raw fixture independently of the validator. */
function expectedIds(items: unknown[]): { ids: Set<string>; skipped: number } {
  const ids = new Set<string>();
  let skipped = 0;
  for (const item of items) {
    const p = (item as { paper?: { id?: unknown; title?: unknown } } | null)?.paper;
    const ok = p && typeof p.id === 'string' && parseArxivId(p.id) && typeof p.title === 'string' && p.title.trim();
    if (ok) ids.add(String(p.id).replace(/v\d+$/, ''));
    else skipped++;
  }
  return { ids, skipped };
}

test('fetches the clean day in one page, ids without versions, identifying itself', async () => {
  let agent: string | undefined;
  const spy: Fetch = (url, init) => {
    agent = init.headers?.['user-agent'];
    return fetch(url, init);
  };
  const day = await fetchDay('2026-07-30', opts({ fetch: spy }));
  const raw = load('2026-07-30') as Array<{ paper: { id: string; title: string; upvotes: number } }>;
  assert.equal(day.papers.length, raw.length);
  assert.equal(day.skipped, 0);
  assert.deepEqual(day.papers.map((p) => p.id), raw.map((i) => i.paper.id.replace(/v\d+$/, '')));
  const v2 = day.papers.find((p) => p.id === raw.find((i) => /v\d+$/.test(i.paper.id))!.paper.id.replace(/v\d+$/, ''));
  assert.equal(v2?.version, 'v2');
  assert.ok(day.papers.every((p) => p.day === '2026-07-30' && p.title && p.abstract && p.authors.length > 0));
  assert.equal(agent, DEFAULT_USER_AGENT);
  assert.equal(agent, 'paper-notes/0.2.0'); // no repository address: none exists
});

test('pages while a page is full and gets the same papers', async () => {
  const whole = await fetchDay('2026-07-30', opts());
  const before = apiCalls();
  const paged = await fetchDay('2026-07-30', opts({ pageSize: 10 }));
  assert.equal(apiCalls() - before, Math.floor(whole.papers.length / 10) + 1);
  assert.deepEqual(paged.papers, whole.papers);
  assert.ok(server.requests.some((r) => r.url.endsWith('&limit=10&p=6')));
});

test('validates the hostile day: every valid paper once, bad items skipped and counted, only http(s) URLs', async () => {
  const raw = load('2026-07-29');
  const want = expectedIds(raw);
  const day = await fetchDay('2026-07-29', opts());
  assert.deepEqual(new Set(day.papers.map((p) => p.id)), want.ids);
  assert.equal(day.papers.length, want.ids.size);
  assert.equal(day.skipped, want.skipped);
  assert.ok(day.merged >= 2);
  for (const p of day.papers) {
    for (const u of [p.githubRepo, p.projectPage]) if (u !== undefined) assert.match(u, /^https?:\/\//);
    assert.ok(p.title.length <= LIMITS.title && p.abstract.length <= LIMITS.abstract);
    assert.ok(!/\n/.test(p.title) && p.title === p.title.trim());
  }
  const byId = new Map(day.papers.map((p) => [p.id, p]));
  const scripted = byId.get('9999.00201')!;
  assert.equal(scripted.githubRepo, undefined);
  assert.equal(scripted.projectPage, undefined);
  assert.ok(scripted.title.includes('<script>'), 'text is kept as text; escaping is the renderer’s job');
  assert.equal(byId.get('9999.00202')!.githubRepo, undefined);
  assert.deepEqual([byId.get('9999.00203')!.abstract, byId.get('9999.00203')!.authors], ['', []]);
  assert.ok(byId.get('9999.00208')!.abstract.length > 10_000);
  assert.equal(byId.get('9999.00212')!.title, 'Whitespace Around The Title');
  assert.equal(byId.get('9999.00212')!.upvotes, 12);
  assert.deepEqual(byId.get('9999.00213')!.authors, ['Plain String Author', 'Real Name']);
  // The duplicate with a v3 suffix merged into 9999.00102: larger upvotes and the newer version win.
  assert.equal(byId.get('9999.00102')!.version, 'v3');
  assert.equal(byId.get('9999.00102')!.upvotes, 500);
  assert.equal(byId.get('9999.00101')!.numComments, 99);
});

test('retries 503 then succeeds; gives up on a lasting 500 after 3 retries with growing waits', async () => {
  server.setFault('2026-07-30', '503', 2);
  waits.length = 0;
  const day = await fetchDay('2026-07-30', opts());
  assert.equal(day.papers.length, 69);
  assert.equal(waits.length, 2);
  server.setFault('2026-07-30', '500');
  waits.length = 0;
  const before = apiCalls();
  const err = await fetchDay('2026-07-30', opts()).catch((e: unknown) => e);
  server.clearFaults();
  assert.ok(err instanceof PaperSourceError);
  assert.equal(err.kind, 'http');
  assert.equal(err.status, 500);
  assert.equal(apiCalls() - before, 4);
  assert.deepEqual(waits, [500, 1000, 2000]);
  assert.doesNotMatch(err.message, /\n/);
});

test('429 honours Retry-After, and 4xx other than 429 is not retried', async () => {
  server.setFault('2026-07-30', '429');
  waits.length = 0;
  const err = await fetchDay('2026-07-30', opts({ retries: 2 })).catch((e: unknown) => e);
  server.clearFaults();
  assert.ok(err instanceof PaperSourceError && err.status === 429);
  assert.deepEqual(waits, [1000, 1000]);
  assert.match(err.message, /rate limit/);
  const before = apiCalls();
  const notFound = await fetchArxiv(['9999.00001'], { fetch: (u, i) => fetch(u, i), arxivBase: `${server.url}/nope`, sleep: async () => {} }).catch((e: unknown) => e);
  assert.ok(notFound instanceof PaperSourceError && notFound.status === 404);
  assert.equal(server.requests.length - before, 1);
});

test('Retry-After accepts seconds and HTTP dates', () => {
  const now = Date.parse('2026-07-30T12:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs('Thu, 30 Jul 2026 12:00:05 GMT', now), 5000);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});

test('a slow server times out with a clear message and no retry', async () => {
  server.setFault('2026-07-30', 'timeout');
  const before = apiCalls();
  const started = Date.now();
  const err = await fetchDay('2026-07-30', opts({ timeoutMs: 300 })).catch((e: unknown) => e);
  server.clearFaults();
  assert.ok(err instanceof PaperSourceError);
  assert.equal(err.kind, 'timeout');
  assert.match(err.message, /timed out after 0\.3 s \(http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2026-07-30/);
  assert.match(err.message, /raise the timeout/);
  assert.ok(Date.now() - started < 3000);
  assert.equal(apiCalls() - before, 1);
});

test('each broken body becomes a typed one-line error', async () => {
  const cases = [['truncated', 'not-json'], ['html', 'not-json'], ['object', 'shape'], ['reset', 'network']] as const;
  for (const [fault, kind] of cases) {
    server.setFault('2026-07-30', fault);
    const err = await fetchDay('2026-07-30', opts()).catch((e: unknown) => e);
    server.clearFaults();
    assert.ok(err instanceof PaperSourceError, fault);
    assert.equal(err.kind, kind, fault);
    assert.doesNotMatch(err.message, /[\n\r]/, fault);
    assert.ok(err.message.length < 300, fault);
  }
  server.setFault('2026-07-30', 'html', 1);
  const html = await fetchDay('2026-07-30', opts()).catch((e: PaperSourceError) => e.message);
  assert.match(String(html), /not valid JSON .*starts with "<!doctype html>/);
  const refused = await fetchDay('2026-07-30', opts({ apiBase: 'http://127.0.0.1:9', retries: 0 })).catch((e: unknown) => e);
  assert.ok(refused instanceof PaperSourceError && refused.kind === 'network');
  await assert.rejects(fetchDay('2026-02-30', opts()), RangeError);
});

test('a huge response is still parsed (server ignoring paging does not loop)', async () => {
  server.setFault('2026-07-30', 'huge', 1);
  const day = await fetchDay('2026-07-30', opts());
  assert.ok(day.papers.length > 1000);
  assert.equal(new Set(day.papers.map((p) => p.id)).size, day.papers.length);
});

test('arXiv by id through the Atom feed', async () => {
  const papers = await fetchArxiv(['9999.00003', '9999.00020v2', '9999.77777'], { fetch: (u, i) => fetch(u, i), arxivBase: server.url });
  const raw = load('2026-07-30') as Array<{ paper: { id: string; title: string; authors: Array<{ name: string }> } }>;
  assert.deepEqual(papers.map((p) => p.id), ['9999.00003', '9999.00020']);
  assert.equal(papers[0].title, raw[2].paper.title);
  assert.deepEqual(papers[0].authors, raw[2].paper.authors.map((a) => a.name));
  assert.equal(papers[1].version, 'v2');
  assert.equal(papers[0].version, 'v1');
  await assert.rejects(fetchArxiv(['../etc'], { fetch: (u, i) => fetch(u, i), arxivBase: server.url }), RangeError);
});

test('the Atom reader decodes entities and CDATA and skips error entries', () => {
  const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format</id><title>Error</title></entry>
  <entry><id>http://arxiv.org/abs/hep-th/9901001v2</id><title>A &lt;b&gt;bold&lt;/b&gt;
    title &amp; more &#233;&#x4E2D;</title><summary><![CDATA[x < y & z]]></summary><published>1999-01-01T00:00:00Z</published>
  <author><name>Jörg Müller</name></author><author><name>A &amp; B</name></author></entry></feed>`;
  const [p, ...rest] = parseArxivAtom(feed);
  assert.equal(rest.length, 0);
  assert.equal(p.id, 'hep-th/9901001');
  assert.equal(p.version, 'v2');
  assert.equal(p.title, 'A <b>bold</b> title & more é中');
  assert.equal(p.abstract, 'x < y & z');
  assert.deepEqual(p.authors, ['Jörg Müller', 'A & B']);
  assert.equal(p.publishedAt, '1999-01-01T00:00:00.000Z');
});

test('import reads both shapes and rejects what is not a list', () => {
  const api = parseImport(readFileSync('test/fixtures/days/2026-07-29.json', 'utf8'), 'hostile.json');
  assert.equal(api.papers.length, expectedIds(load('2026-07-29')).ids.size);
  const plain = parseImport(JSON.stringify([
    { id: '9999.00301v4', title: 'Plain One', abstract: 'A', authors: ['Ana Díaz', { name: 'Bo Li' }] },
    { id: 'nope', title: 'Bad id' },
    { id: '9999.00302', title: '' },
  ]), 'plain.json');
  assert.equal(plain.skipped, 2);
  assert.deepEqual(plain.papers.map((p) => [p.id, p.version, p.abstract, p.authors]), [['9999.00301', 'v4', 'A', ['Ana Díaz', 'Bo Li']]]);
  assert.throws(() => parseImport('{"a":1}', 'obj.json'), (e: unknown) => e instanceof PaperSourceError && e.kind === 'shape' && /obj\.json/.test(e.message));
  assert.throws(() => parseImport('<html>', 'x.json'), (e: unknown) => e instanceof PaperSourceError && e.kind === 'not-json');
});
