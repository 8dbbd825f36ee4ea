// A local stand-in for the Daily Papers API and arXiv's query API, serving test/fixtures/days/*.json on 127.0.0.1,
// with injectable faults. Used by unit tests, the extension-host suite, e2e and `npm run demo`.
//
// In-process:   const server = await startFixtureServer();  …  server.setFault('2026-07-30', '500', 2);  …  await server.close();
// Standalone:   node out/test/support/fixture-server.js [--port N] [--days DIR] [--log FILE]
//               (out/ is produced by `node scripts/build.mjs --tests`). Prints `fixture server listening on URL`,
//               then serves until SIGINT/SIGTERM. Other processes steer it over HTTP:
//                 POST /__control/fault?date=D&kind=K[&times=N]   (date `*` = every API request)
//                 POST /__control/clear
//                 GET  /__control/requests                        (JSON array of {method,url,time})
//
// Routes: GET /api/daily_papers?date=D[&limit=L][&p=P] → days/D.json (sliced when limit/p are given; unknown day → [])
//         GET /api/papers/ID → the paper object from any fixture day (404 otherwise)
//         GET /api/query?id_list=A,B → arXiv-style Atom feed: the entries of arxiv/entries.atom, else the fixture days'
//             papers; an id it knows neither way comes back as arXiv's "Error" entry
// Faults apply to the next `times` matching requests (default: until cleared). Every request is logged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Socket } from 'node:net';

export type Fault = '500' | '503' | '429' | 'timeout' | 'reset' | 'truncated' | 'html' | 'object' | 'empty' | 'huge';
export const FAULTS: readonly Fault[] = ['500', '503', '429', 'timeout', 'reset', 'truncated', 'html', 'object', 'empty', 'huge'];

export interface RequestRecord {
  method: string;
  url: string;
  time: string;
}

export interface FixtureServer {
  url: string;
  port: number;
  requests: RequestRecord[];
  /** `date` is a day (YYYY-MM-DD) or `*` for every API request; `times` defaults to unlimited. */
  setFault(date: string, fault: Fault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  port?: number;
  daysDir?: string;
  /** Appends one JSON line per request. */
  logFile?: string;
}

/** The committed fixture days, found by walking up from this file (works from test/support and out/test/support). */
export function defaultDaysDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'test', 'fixtures', 'days');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return resolve('test/fixtures/days');
    dir = up;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function startFixtureServer(opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const daysDir = opts.daysDir ?? defaultDaysDir();
  const requests: RequestRecord[] = [];
  const arxivEntries = readArxivEntries(join(daysDir, '..', 'arxiv', 'entries.atom'));
  const faults = new Map<string, { fault: Fault; left: number }>();
  const sockets = new Set<Socket>();
  let hugeBody: string | undefined;

  function readDay(day: string): unknown[] {
    if (!DAY.test(day)) return [];
    const file = join(daysDir, `${day}.json`);
    if (!existsSync(file)) return [];
    return JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  }

  function allPapers(): Map<string, Record<string, unknown>> {
    const byId = new Map<string, Record<string, unknown>>();
    for (const name of readdirSync(daysDir).filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n)).sort()) {
      for (const item of readDay(name.slice(0, 10))) {
        const paper = (item as { paper?: Record<string, unknown> } | null)?.paper;
        if (paper && typeof paper.id === 'string' && typeof paper.title === 'string') {
          const id = paper.id.replace(/v\d+$/, '');
          if (!byId.has(id)) byId.set(id, paper);
        }
      }
    }
    return byId;
  }

  function takeFault(key: string | undefined): Fault | undefined {
    for (const k of [key, '*']) {
      const f = k === undefined ? undefined : faults.get(k);
      if (f && f.left > 0) {
        f.left--;
        if (f.left === 0) faults.delete(k!);
        return f.fault;
      }
    }
    return undefined;
  }

  function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }
  const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

  /** Returns true when the fault took over the response. */
  function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, day: string): boolean {
    switch (fault) {
      case '500':
      case '503':
        json(res, Number(fault), { error: fault === '500' ? 'Internal Server Error' : 'Service Unavailable' });
        return true;
      case '429':
        send(res, 429, 'application/json', JSON.stringify({ error: 'Too Many Requests' }), { 'retry-after': '1' });
        return true;
      case 'timeout':
        return true; // never answer; close() destroys the socket
      case 'reset':
        req.socket.destroy();
        return true;
      case 'truncated': {
        const full = JSON.stringify(readDay(day).length ? readDay(day) : [{ paper: { id: '9999.99999', title: 'x' } }]);
        send(res, 200, 'application/json', full.slice(0, Math.max(1, Math.floor(full.length / 2))));
        return true;
      }
      case 'html':
        send(res, 200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>');
        return true;
      case 'object':
        json(res, 200, { error: 'Invalid date', papers: readDay(day) });
        return true;
      case 'empty':
        json(res, 200, []);
        return true;
      case 'huge':
        hugeBody ??= makeHuge(readDay('2026-07-30'));
        send(res, 200, 'application/json', hugeBody);
        return true;
    }
  }

  const server = createServer((req, res) => {
    const time = new Date().toISOString();
    const record = { method: req.method ?? 'GET', url: req.url ?? '/', time };
    requests.push(record);
    if (opts.logFile) appendFileSync(opts.logFile, `${JSON.stringify(record)}\n`);
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (u.pathname.startsWith('/__control/')) return control(u, req, res);
      if (req.method !== 'GET') return json(res, 405, { error: 'Method Not Allowed' });
      if (u.pathname === '/api/daily_papers') {
        const day = u.searchParams.get('date') ?? '';
        const fault = takeFault(day);
        if (fault && applyFault(fault, req, res, day)) return;
        const items = readDay(day);
        const limit = Number(u.searchParams.get('limit') ?? NaN);
        const page = Number(u.searchParams.get('p') ?? 0);
        const size = Number.isInteger(limit) && limit > 0 ? limit : items.length;
        const start = Number.isInteger(page) && page > 0 ? page * size : 0;
        return json(res, 200, u.searchParams.has('limit') || u.searchParams.has('p') ? items.slice(start, start + size) : items);
      }
      if (u.pathname.startsWith('/api/papers/')) {
        const fault = takeFault(undefined);
        if (fault && applyFault(fault, req, res, '')) return;
        const paper = allPapers().get(decodeURIComponent(u.pathname.slice('/api/papers/'.length)).replace(/v\d+$/, ''));
        return paper ? json(res, 200, paper) : json(res, 404, { error: 'Paper not found' });
      }
      if (u.pathname === '/api/query') {
        const fault = takeFault(undefined);
        if (fault && applyFault(fault, req, res, '')) return;
        const ids = (u.searchParams.get('id_list') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const papers = allPapers();
        const entries = ids.map((id) => {
          const bare = id.replace(/v\d+$/, '');
          if (arxivEntries.has(bare)) return arxivEntries.get(bare)!;
          const paper = papers.get(bare);
          return paper ? atomEntry(paper) : errorEntry(id);
        });
        return send(res, 200, 'application/atom+xml; charset=utf-8', feedOf(entries));
      }
      json(res, 404, { error: 'Not Found' });
    } catch (e) {
      json(res, 500, { error: String(e) });
    }
  });

  function control(u: URL, req: IncomingMessage, res: ServerResponse) {
    if (u.pathname === '/__control/requests' && req.method === 'GET') return json(res, 200, requests);
    if (u.pathname === '/__control/clear' && req.method === 'POST') {
      faults.clear();
      return json(res, 200, { ok: true });
    }
    if (u.pathname === '/__control/fault' && req.method === 'POST') {
      const kind = u.searchParams.get('kind') as Fault;
      const date = u.searchParams.get('date') ?? '*';
      const times = u.searchParams.has('times') ? Number(u.searchParams.get('times')) : undefined;
      if (!FAULTS.includes(kind)) return json(res, 400, { error: `kind must be one of ${FAULTS.join(', ')}` });
      if (times !== undefined && !(Number.isInteger(times) && times > 0)) return json(res, 400, { error: 'times must be a positive integer' });
      api.setFault(date, kind, times);
      return json(res, 200, { ok: true });
    }
    json(res, 404, { error: 'Not Found' });
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as { port: number }).port;
  const api: FixtureServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setFault(date, fault, times) {
      faults.set(date, { fault, left: times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      faults.clear();
    },
    close() {
      // Hanging `timeout` requests would keep close() waiting forever: destroy every socket first.
      for (const s of sockets) s.destroy();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  };
  return api;
}

/** ≈10 MB of valid API items: the given day, then filler papers with distinct synthetic ids. */
function makeHuge(day: unknown[]): string {
  const items: unknown[] = [...day];
  const filler = 'Filler abstract text for the huge response fault. '.repeat(40);
  let size = JSON.stringify(items).length;
  for (let n = 0; size < 10_000_000; n++) {
    const item = { paper: { id: `9999.${String(50000 + n).padStart(5, '0')}`, title: `Filler paper ${n}`, summary: filler, authors: [{ name: 'Filler Author' }], upvotes: 0 }, numComments: 0 };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return JSON.stringify(items);
}

const xml = (s: unknown) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The `<entry>` elements of a committed arXiv answer, by id without version (empty when the file is absent). */
function readArxivEntries(file: string): Map<string, string> {
  const byId = new Map<string, string>();
  if (!existsSync(file)) return byId;
  for (const m of readFileSync(file, 'utf8').matchAll(/ {2}<entry>[\s\S]*?<\/entry>/g)) {
    const id = /<id>http:\/\/arxiv\.org\/abs\/(.+?)(v\d+)?<\/id>/.exec(m[0]);
    if (id) byId.set(id[1], m[0]);
  }
  return byId;
}

/** What arXiv answers for an id it cannot use. */
function errorEntry(id: string): string {
  return [
    '  <entry>',
    `    <id>http://arxiv.org/api/errors#incorrect_id_format_for_${xml(id)}</id>`,
    '    <title>Error</title>',
    `    <summary>incorrect id format for ${xml(id)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** An Atom feed in the shape arXiv's query API returns. */
export function atomFeed(papers: Array<Record<string, unknown>>): string {
  return feedOf(papers.map(atomEntry));
}

function atomEntry(p: Record<string, unknown>): string {
  const id = String(p.id);
  const versioned = /v\d+$/.test(id) ? id : `${id}v1`;
  const authors = Array.isArray(p.authors) ? p.authors : [];
  return [
    '  <entry>',
    `    <id>http://arxiv.org/abs/${xml(versioned)}</id>`,
    `    <updated>${xml(p.publishedAt)}</updated>`,
    `    <published>${xml(p.publishedAt)}</published>`,
    `    <title>${xml(p.title)}</title>`,
    `    <summary>${xml(p.summary)}</summary>`,
    ...authors.map((a) => `    <author>\n      <name>${xml((a as { name?: unknown })?.name)}</name>\n    </author>`),
    `    <link href="http://arxiv.org/abs/${xml(versioned)}" rel="alternate" type="text/html"/>`,
    `    <link title="pdf" href="http://arxiv.org/pdf/${xml(versioned)}" rel="related" type="application/pdf"/>`,
    '    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>',
    '  </entry>',
  ].join('\n');
}

function feedOf(entries: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">',
    '  <title type="html">ArXiv Query: fixture</title>',
    `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  startFixtureServer({ port: opt('port') ? Number(opt('port')) : undefined, daysDir: opt('days'), logFile: opt('log') }).then(
    (server) => {
      process.stdout.write(`fixture server listening on ${server.url}\n`);
      const stop = () => {
        setTimeout(() => process.exit(0), 1000).unref(); // never outlive a stop request, even if close() stalls
        void server.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e) => {
      process.stderr.write(`fixture server: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
