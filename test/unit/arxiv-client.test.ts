// The arXiv client keeps arXiv's terms on a fake clock (no real waiting): ≤ 100 ids a request, one request at a time,
// at least 3 s between request starts (retries included); unknown ids are reported, errors are the typed one-liners.
// The Atom reader is checked on the committed fixture (expected values written by hand) and on hostile text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ArxivClient, parseArxivAtom, PaperSourceError, type Clock } from '../../src/core/papers';
import { RateLimit } from '../../src/core/papers/rate-limit';
import type { Fetch, HttpResponse } from '../../src/core/fs';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

/** Time moves only when someone sleeps. */
function fakeClock(start = 1_000_000): Clock & { sleeps: number[]; t: number } {
  const c = {
    t: start,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

function response(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, text: async () => body, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null } } as HttpResponse;
}

const entry = (id: string, title = `Paper ${id}`) =>
  `<entry><id>http://arxiv.org/abs/${id}v1</id><title>${title}</title><summary>About ${id}.</summary><author><name>A. Author</name></author></entry>`;
const feed = (ids: string[]) => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${ids.map((id) => entry(id)).join('')}</feed>`;

/** A fake arXiv answering every id it is asked except those in `unknown`, recording when each request started and ended. */
function fakeArxiv(clock: ReturnType<typeof fakeClock>, unknown = new Set<string>(), statuses: number[] = []) {
  const calls: Array<{ url: string; ids: string[]; start: number; end?: number }> = [];
  const fetchFn: Fetch = async (url) => {
    const ids = new URL(url).searchParams.get('id_list')!.split(',');
    const call: { url: string; ids: string[]; start: number; end?: number } = { url, ids, start: clock.now() };
    calls.push(call);
    await clock.sleep(700); // the answer takes a while: the next request must not start before it is back
    call.end = clock.now();
    const status = statuses.shift() ?? 200;
    if (status !== 200) return response(status, 'busy');
    return response(200, feed(ids.map((i) => i.replace(/v\d+$/, '')).filter((i) => !unknown.has(i))));
  };
  return { calls, fetchFn };
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `2401.${String(from + i).padStart(5, '0')}`);

test('150 ids → two requests of 100 and 50, 3 s apart, each with max_results', async () => {
  const clock = fakeClock();
  const arxiv = fakeArxiv(clock);
  const client = new ArxivClient({ fetch: arxiv.fetchFn, arxivBase: 'http://arxiv.test/', clock });
  const result = await client.fetch(ids(150));
  assert.equal(arxiv.calls.length, 2);
  assert.equal(arxiv.calls[0].ids.length, 100);
  assert.equal(arxiv.calls[1].ids.length, 50);
  assert.deepEqual(arxiv.calls[1].ids.slice(0, 2), ['2401.00101', '2401.00102']);
  assert.match(arxiv.calls[0].url, /^http:\/\/arxiv\.test\/api\/query\?id_list=2401\.00001%2C2401\.00002%2C.*&max_results=100$/);
  assert.match(arxiv.calls[1].url, /&max_results=50$/);
  assert.equal(arxiv.calls[1].start - arxiv.calls[0].start, 3000);
  assert.equal(result.papers.length, 150);
  assert.equal(result.papers[149].id, '2401.00150');
  assert.deepEqual(result.missing, []);
});

test('the limit spans calls: two at once run one after the other, 3 s apart, never overlapping', async () => {
  const clock = fakeClock();
  const arxiv = fakeArxiv(clock);
  const client = new ArxivClient({ fetch: arxiv.fetchFn, arxivBase: 'http://arxiv.test', clock });
  const [a, b] = await Promise.all([client.fetch(['2401.00001']), client.fetch(['2401.00002'])]);
  assert.deepEqual([a.papers[0].id, b.papers[0].id], ['2401.00001', '2401.00002']);
  assert.equal(arxiv.calls.length, 2);
  assert.equal(arxiv.calls[1].start - arxiv.calls[0].start, 3000);
  assert.ok(arxiv.calls[1].start >= arxiv.calls[0].end!);
  // A third call much later does not wait at all.
  clock.t += 60_000;
  const before = clock.sleeps.length;
  await client.fetch(['2401.00003']);
  assert.deepEqual(clock.sleeps.slice(before), [700]); // only the fake answer's own time
});

test('a rate limit waits for the previous work to finish and for the interval', async () => {
  const clock = fakeClock(0);
  const limit = new RateLimit(3000, clock);
  const starts: number[] = [];
  await Promise.all([0, 1, 2].map((i) => limit.run(async () => {
    starts.push(clock.now());
    if (i === 0) await clock.sleep(5000); // longer than the interval: the next starts when this ends
  })));
  assert.deepEqual(starts, [0, 5000, 8000]);
});

test('ids arXiv does not know are missing; versions and duplicates ask once', async () => {
  const clock = fakeClock();
  const arxiv = fakeArxiv(clock, new Set(['2401.00002']));
  const client = new ArxivClient({ fetch: arxiv.fetchFn, arxivBase: 'http://arxiv.test', clock });
  const result = await client.fetch(['2401.00001v2', '2401.00002', '2401.00001', 'hep-th/9901001']);
  assert.deepEqual(arxiv.calls[0].ids, ['2401.00001v2', '2401.00002', 'hep-th/9901001']);
  assert.deepEqual(result.papers.map((p) => p.id), ['2401.00001', 'hep-th/9901001']);
  assert.deepEqual(result.missing, ['2401.00002']);
  await assert.rejects(client.fetch(['2401.00001', '../etc']), RangeError);
});

test('5xx is retried with backoff, each retry still 3 s after the previous attempt', async () => {
  const clock = fakeClock();
  const arxiv = fakeArxiv(clock, new Set(), [503, 503]);
  const client = new ArxivClient({ fetch: arxiv.fetchFn, arxivBase: 'http://arxiv.test', clock });
  const result = await client.fetch(['2401.00001']);
  assert.equal(result.papers.length, 1);
  assert.equal(arxiv.calls.length, 3);
  assert.deepEqual(arxiv.calls.map((c) => c.start - arxiv.calls[0].start), [0, 3000, 6000]);
});

test('failures are the typed one-line errors of the other sources', async () => {
  const clock = fakeClock();
  const down = new ArxivClient({ fetch: fakeArxiv(clock, new Set(), [500, 500, 500, 500]).fetchFn, arxivBase: 'http://arxiv.test', clock });
  const err = await down.fetch(['2401.00001']).catch((e: unknown) => e);
  assert.ok(err instanceof PaperSourceError);
  assert.equal(err.kind, 'http');
  assert.equal(err.message, 'arXiv answered HTTP 500 (http://arxiv.test/api/query?id_list=2401.00001&max_results=1) — the service is having trouble; try again later');

  const offline = new ArxivClient({ fetch: () => Promise.reject(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })), arxivBase: 'http://arxiv.test', clock, retries: 1 });
  const net = await offline.fetch(['2401.00001']).catch((e: unknown) => e);
  assert.ok(net instanceof PaperSourceError && net.kind === 'network');
  assert.equal(net.message, 'could not reach arXiv (http://arxiv.test/api/query?id_list=2401.00001&max_results=1): ECONNREFUSED — check your connection and the API base URL');

  const html = new ArxivClient({ fetch: async () => response(200, '<html><body>Service unavailable</body></html>'), arxivBase: 'http://arxiv.test', clock });
  const shape = await html.fetch(['2401.00001']).catch((e: unknown) => e);
  assert.ok(shape instanceof PaperSourceError && shape.kind === 'shape');
  assert.doesNotMatch(shape.message, /\n/);
});

test('the fixture server answers the committed entries, and arXiv\'s Error entry for ids it does not know', async () => {
  const client = new ArxivClient({ fetch: (u, i) => fetch(u, i), arxivBase: server.url });
  const result = await client.fetch(['2511.22437', 'hep-th/9901001', '2503.21708', '2401.99999']);
  assert.deepEqual(result.missing, ['2401.99999']);
  const [sum, old, eln] = result.papers;
  assert.equal(sum.title, 'Sum rule for non-adiabatic geometric phases');
  assert.deepEqual(sum.authors, ['Adam Fredriksson', 'Erik Sjöqvist']);
  assert.equal(sum.publishedAt, '2025-12-01T17:59:01.000Z');
  assert.equal(old.id, 'hep-th/9901001');
  assert.equal(old.title, 'Fixture paper with an old-style identifier');
  assert.equal(eln.version, 'v2');
  // The summary's line breaks and indentation collapse to single spaces.
  assert.ok(eln.abstract.startsWith('A recent paper proposed Dynamic Tanh (DyT) as a drop-in replacement for Layer Normalization. Although'), eln.abstract);
  assert.ok(eln.abstract.includes('an alternative element-wise transformation'));
  assert.ok(eln.abstract.endsWith('more accurately than DyT does.'));
});

test('Atom: error entries, untitled entries and foreign ids are never papers; hostile text stays text', () => {
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
    <entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_2401.9</id><title>Error</title><summary>incorrect id format</summary></entry>
    <entry><id>http://arxiv.org/abs/2401.00001v1</id><summary>no title</summary></entry>
    <entry><id>http://arxiv.org/abs/2401.00002v1</id><title>   </title></entry>
    <entry><id>http://example.com/abs/2401.00003v1</id><title>Elsewhere</title></entry>
    <entry><id>http://arxiv.org/abs/../../etc/passwd</id><title>Traversal</title></entry>
    <entry><id>http://arxiv.org/abs/2401.00004v3</id>
      <title>&lt;script&gt;alert(1)&lt;/script&gt; <![CDATA[<img src=x onerror=alert(2)>]]>
        Title</title>
      <summary>Line one
        line two &#0; &#xD800; &#x1F600; &bogus;</summary>
      <author><name>Zoë &amp; <b>Bold</b></name></author>
      <published>not a date</published>
    </entry></feed>`;
  const papers = parseArxivAtom(xml);
  assert.equal(papers.length, 1);
  const [p] = papers;
  assert.equal(p.id, '2401.00004');
  assert.equal(p.version, 'v3');
  assert.equal(p.title, '<script>alert(1)</script> <img src=x onerror=alert(2)> Title');
  assert.equal(p.abstract, 'Line one line two 😀 &bogus;');
  assert.deepEqual(p.authors, ['Zoë & Bold']);
  assert.equal(p.publishedAt, undefined);
});
