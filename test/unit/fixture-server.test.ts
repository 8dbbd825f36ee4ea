// The fixture server is itself test infrastructure others rely on; check its routes and faults do what they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { startFixtureServer, FAULTS } from '../support/fixture-server';

const day30 = JSON.parse(readFileSync('test/fixtures/days/2026-07-30.json', 'utf8')) as Array<{ paper: { id: string; upvotes: number } }>;

test('fixture days are synthetic, complete and well-formed', () => {
  assert.equal(day30.length, 69);
  assert.ok(day30.every((i) => /^9999\.000\d\d(v\d+)?$/.test(i.paper.id)));
  assert.equal(new Set(day30.map((i) => i.paper.upvotes)).size, day30.length, 'upvotes are distinct');
  const hostile = JSON.parse(readFileSync('test/fixtures/days/2026-07-29.json', 'utf8')) as unknown[];
  const text = JSON.stringify(hostile);
  for (const needle of ['<script>', 'javascript:', 'data:text/html', '"summary":null']) assert.ok(text.includes(needle), needle);
  assert.ok(hostile.some((i) => i === null), 'has a non-object item');
});

test('serves days whole and paged, unknown days as []', async () => {
  const s = await startFixtureServer();
  try {
    const whole = (await (await fetch(`${s.url}/api/daily_papers?date=2026-07-30`)).json()) as unknown[];
    assert.equal(whole.length, 69);
    const p0 = (await (await fetch(`${s.url}/api/daily_papers?date=2026-07-30&limit=50&p=0`)).json()) as unknown[];
    const p1 = (await (await fetch(`${s.url}/api/daily_papers?date=2026-07-30&limit=50&p=1`)).json()) as unknown[];
    assert.deepEqual([...p0, ...p1], whole);
    assert.deepEqual(await (await fetch(`${s.url}/api/daily_papers?date=2001-01-01`)).json(), []);
    const one = (await (await fetch(`${s.url}/api/papers/9999.00003`)).json()) as { id: string };
    assert.equal(one.id, '9999.00003');
    assert.equal((await fetch(`${s.url}/api/papers/9999.77777`)).status, 404);
    const atom = await (await fetch(`${s.url}/api/query?id_list=9999.00003,9999.00020`)).text();
    assert.equal(atom.match(/<entry>/g)?.length, 2);
    assert.ok(atom.includes('<id>http://arxiv.org/abs/9999.00020v2</id>'));
    assert.ok(s.requests.some((r) => r.url === '/api/daily_papers?date=2001-01-01'));
  } finally {
    await s.close();
  }
});

test('faults apply to the next N requests for their day, then clear', async () => {
  const s = await startFixtureServer();
  try {
    const get = () => fetch(`${s.url}/api/daily_papers?date=2026-07-30`);
    s.setFault('2026-07-30', '503', 2);
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 200);
    s.setFault('2026-07-30', '429');
    const r429 = await get();
    assert.equal(r429.status, 429);
    assert.equal(r429.headers.get('retry-after'), '1');
    s.clearFaults();
    const bodies: Record<string, string> = {};
    for (const kind of ['truncated', 'html', 'object', 'empty'] as const) {
      s.setFault('2026-07-30', kind, 1);
      bodies[kind] = await (await get()).text();
    }
    assert.throws(() => JSON.parse(bodies.truncated));
    assert.match(bodies.html, /^<!doctype html>/);
    assert.equal(Array.isArray(JSON.parse(bodies.object)), false);
    assert.deepEqual(JSON.parse(bodies.empty), []);
    s.setFault('2026-07-30', 'huge', 1);
    const huge = await (await get()).text();
    assert.ok(huge.length > 9_000_000 && Array.isArray(JSON.parse(huge)));
    s.setFault('*', 'reset', 1);
    await assert.rejects(get());
    assert.equal((await get()).status, 200);
  } finally {
    await s.close();
  }
});

test('a hanging timeout fault does not stop close()', async () => {
  const s = await startFixtureServer();
  s.setFault('2026-07-30', 'timeout');
  const pending = fetch(`${s.url}/api/daily_papers?date=2026-07-30`).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 100));
  await s.close();
  assert.ok((await pending) instanceof Error);
});

test('the control endpoint steers faults from another process', async () => {
  const s = await startFixtureServer();
  try {
    assert.equal((await fetch(`${s.url}/__control/fault?date=2026-07-30&kind=bogus`, { method: 'POST' })).status, 400);
    assert.equal((await fetch(`${s.url}/__control/fault?date=2026-07-30&kind=500&times=1`, { method: 'POST' })).status, 200);
    assert.equal((await fetch(`${s.url}/api/daily_papers?date=2026-07-30`)).status, 500);
    await fetch(`${s.url}/__control/fault?date=2026-07-30&kind=html`, { method: 'POST' });
    await fetch(`${s.url}/__control/clear`, { method: 'POST' });
    assert.equal((await fetch(`${s.url}/api/daily_papers?date=2026-07-30`)).headers.get('content-type')?.startsWith('application/json'), true);
    const log = (await (await fetch(`${s.url}/__control/requests`)).json()) as Array<{ url: string }>;
    assert.ok(log.filter((r) => r.url.startsWith('/api/daily_papers')).length >= 2);
    assert.ok(FAULTS.includes('timeout'));
  } finally {
    await s.close();
  }
});

test('runs standalone and prints its URL', async () => {
  const child = spawn(process.execPath, ['out/test/support/fixture-server.js', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((ok, fail) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += String(d);
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
        if (m) ok(m[1]);
      });
      child.on('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    const items = (await (await fetch(`${url}/api/daily_papers?date=2026-07-30`)).json()) as unknown[];
    assert.equal(items.length, 69);
  } finally {
    child.kill('SIGTERM');
  }
});
