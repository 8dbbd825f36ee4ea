// Catalog + store against the fixture server and a real temp folder: caching, stable keys, corruption recovery,
// and the promise that a failed refresh leaves the cached day byte-for-byte as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { createCatalog, type CatalogOptions } from '../../src/core/catalog';
import { nodeFileSystem } from '../../src/node/node-fs';
import { PaperSourceError } from '../../src/core/papers';
import type { Paper } from '../../src/core/papers/model';
import { PaperStore } from '../../src/core/store';

let server: FixtureServer;
const dirs: string[] = [];
before(async () => {
  server = await startFixtureServer();
});
after(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(extra: Partial<CatalogOptions> = {}) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'paper-notes-catalog-'));
  dirs.push(cacheDir);
  const warnings: string[] = [];
  const catalog = createCatalog({
    // A generous timeout: a loaded machine must not turn a good answer into a timeout. The one case that wants a
    // timeout gets a server that never answers (the 'timeout' fault), so it fails by state, not by speed.
    fs: nodeFileSystem, fetch: (u, i) => fetch(u, i), cacheDir, apiBase: server.url, timeoutMs: 30_000,
    sleep: async () => {}, warn: (m) => warnings.push(m), ...extra,
  });
  return { catalog, cacheDir, warnings };
}

const validIds = (day: string) => {
  const ids = new Set<string>();
  for (const item of JSON.parse(readFileSync(`test/fixtures/days/${day}.json`, 'utf8')) as unknown[]) {
    const p = (item as { paper?: { id?: unknown; title?: unknown } } | null)?.paper;
    if (p && typeof p.id === 'string' && /^\d{4}\.\d{5}(v\d+)?$/.test(p.id) && typeof p.title === 'string' && p.title.trim()) ids.add(p.id.replace(/v\d+$/, ''));
  }
  return ids;
};

test('refreshing caches the day, gives every paper a unique key and tells listeners', async () => {
  const { catalog, cacheDir } = setup();
  const changes: Array<{ day?: string; ids: string[] }> = [];
  catalog.onDidChange((c) => changes.push(c));
  assert.equal(await catalog.cachedDay('2026-07-29'), undefined);
  const day = await catalog.refreshDay('2026-07-29');
  assert.deepEqual(new Set(day.papers.map((p) => p.id)), validIds('2026-07-29'));
  assert.equal(changes.length, 1);
  assert.equal(changes[0].day, '2026-07-29');
  const cached = await catalog.cachedDay('2026-07-29');
  assert.deepEqual(cached?.papers, day.papers);
  const keys = await catalog.keys();
  const dayKeys = day.papers.map((p) => keys[p.id]);
  assert.ok(dayKeys.every((k) => typeof k === 'string' && /^[a-z0-9]+$/.test(k)), 'every paper has a plain ASCII key');
  assert.equal(new Set(dayKeys).size, dayKeys.length, 'keys are unique');
  const collide = ['9999.00209', '9999.00210', '9999.00211'].map((id) => keys[id]);
  assert.equal(new Set(collide).size, 3);
  assert.deepEqual(JSON.parse(readFileSync(join(cacheDir, 'keys.json'), 'utf8')), { format: 1, ...keys }, 'the key map and its format number');
  assert.deepEqual(readdirSync(cacheDir).sort(), ['days', 'keys.json'], 'no temp files left behind');
});

test('keys stay stable when more papers arrive; a fresh catalog reads the same cache', async () => {
  const { catalog, cacheDir } = setup();
  await catalog.refreshDay('2026-07-29');
  const first = await catalog.keys();
  await catalog.refreshDay('2026-07-30');
  await catalog.addPapers([{ id: '9999.00401', title: 'Deep Residual Collisions', abstract: '', authors: ['Anna Müller'], upvotes: 0, numComments: 0, aiKeywords: [], publishedAt: '2026-07-28T00:00:00.000Z' }]);
  const second = await catalog.keys();
  for (const [id, key] of Object.entries(first)) assert.equal(second[id], key, id);
  assert.ok(second['9999.00401'] && !Object.values(first).includes(second['9999.00401']));
  const again = createCatalog({ fs: nodeFileSystem, fetch: () => Promise.reject(new Error('offline')), cacheDir, apiBase: server.url });
  assert.deepEqual(await again.keys(), second);
  assert.deepEqual(await again.cachedDays(), ['2026-07-30', '2026-07-29']);
  assert.equal((await again.paper('9999.00401v7'))?.title, 'Deep Residual Collisions');
  assert.equal((await again.allPapers()).length, validIds('2026-07-29').size + validIds('2026-07-30').size + 1);
});

test('every fault fails the refresh and leaves the cached day and keys byte-for-byte unchanged', async () => {
  const { catalog, cacheDir } = setup();
  await catalog.refreshDay('2026-07-30');
  const dayFile = join(cacheDir, 'days', '2026-07-30.json');
  const before = [readFileSync(dayFile), readFileSync(join(cacheDir, 'keys.json'))];
  let notified = 0;
  catalog.onDidChange(() => notified++);
  // The 'timeout' fault never answers: a short timeout only makes that case quick, it decides nothing.
  const { catalog: impatient } = setup({ cacheDir, timeoutMs: 300 });
  for (const fault of ['500', '503', '429', 'timeout', 'reset', 'truncated', 'html', 'object'] as const) {
    server.setFault('2026-07-30', fault);
    const err = await (fault === 'timeout' ? impatient : catalog).refreshDay('2026-07-30').catch((e: unknown) => e);
    server.clearFaults();
    assert.ok(err instanceof PaperSourceError, fault);
    assert.deepEqual(readFileSync(dayFile), before[0], fault);
    assert.deepEqual(readFileSync(join(cacheDir, 'keys.json')), before[1], fault);
  }
  assert.equal(notified, 0);
  assert.deepEqual(readdirSync(join(cacheDir, 'days')), ['2026-07-30.json']);
});

test('an empty answer for a day already cached keeps the cached papers', async () => {
  const { catalog, cacheDir, warnings } = setup();
  await catalog.refreshDay('2026-07-30');
  const bytes = readFileSync(join(cacheDir, 'days', '2026-07-30.json'));
  server.setFault('2026-07-30', 'empty', 1);
  const day = await catalog.refreshDay('2026-07-30');
  assert.equal(day.papers.length, 69);
  assert.deepEqual(readFileSync(join(cacheDir, 'days', '2026-07-30.json')), bytes);
  assert.equal(warnings.length, 1);
  const unknown = await catalog.refreshDay('2001-01-01');
  assert.equal(unknown.papers.length, 0);
});

test('a corrupt file is moved aside and reported once, never a crash', async () => {
  const { catalog, cacheDir, warnings } = setup();
  await catalog.refreshDay('2026-07-30');
  const dayFile = join(cacheDir, 'days', '2026-07-30.json');
  writeFileSync(dayFile, '{"format":1,"day":"2026-07-30","papers":[{"id":');
  writeFileSync(join(cacheDir, 'keys.json'), '["not", "a map"]');
  assert.equal(await catalog.cachedDay('2026-07-30'), undefined);
  assert.equal(await catalog.cachedDay('2026-07-30'), undefined);
  assert.deepEqual(await catalog.allPapers(), []);
  assert.deepEqual(await catalog.keys(), {});
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0], /moved aside/);
  assert.ok(readdirSync(join(cacheDir, 'days')).some((n) => /^2026-07-30\.json\.corrupt-/.test(n)));
  assert.ok(readdirSync(cacheDir).some((n) => /^keys\.json\.corrupt-/.test(n)));
  const day = await catalog.refreshDay('2026-07-30');
  assert.equal(day.papers.length, 69);
});

test('a hand-edited cache is re-validated on read', async () => {
  const { catalog, cacheDir } = setup();
  await catalog.refreshDay('2026-07-30');
  const dayFile = join(cacheDir, 'days', '2026-07-30.json');
  const stored = JSON.parse(readFileSync(dayFile, 'utf8'));
  stored.papers[0].githubRepo = 'javascript:alert(1)';
  stored.papers[1].id = '../../escape';
  writeFileSync(dayFile, JSON.stringify(stored));
  const day = await catalog.cachedDay('2026-07-30');
  assert.equal(day?.papers.length, 68);
  assert.equal(day?.papers[0].githubRepo, undefined);
  assert.equal(day?.papers.find((p) => p.version)?.version, 'v2', 'versions survive the round trip');
});

test('invalid days are refused before any request', async () => {
  const { catalog } = setup();
  const before = server.requests.length;
  await assert.rejects(catalog.refreshDay('2026-13-01'), RangeError);
  assert.equal(await catalog.cachedDay('../../etc/passwd'), undefined);
  assert.equal(server.requests.length, before);
});

test('a keys.json that cannot be read (EACCES) is left in place and the error thrown, never moved aside', async () => {
  const { cacheDir } = setup();
  writeFileSync(join(cacheDir, 'keys.json'), '{"2401.00001":"smith2024deep"}\n');
  const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  const warnings: string[] = [];
  const store = new PaperStore({
    fs: { ...nodeFileSystem, readFile: async (p) => (p.endsWith('keys.json') ? Promise.reject(denied) : nodeFileSystem.readFile(p)) },
    cacheDir, warn: (m) => warnings.push(m),
  });
  await assert.rejects(store.readKeys(), (e: Error) => /could not read .*keys\.json.*EACCES/.test(e.message));
  assert.deepEqual(readdirSync(cacheDir), ['keys.json'], 'not moved aside');
  assert.equal(warnings.length, 0);
  // Bad JSON still is corruption: moved aside with a warning, read as absent.
  writeFileSync(join(cacheDir, 'keys.json'), '{"2401.00001":');
  assert.deepEqual(await new PaperStore({ fs: nodeFileSystem, cacheDir, warn: (m) => warnings.push(m) }).readKeys(), {});
  assert.ok(readdirSync(cacheDir).some((n) => n.startsWith('keys.json.corrupt-')));
  assert.equal(warnings.length, 1);
});

test('two catalogs on one cache (CLI + extension) adding papers interleaved keep every key and never change one', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'paper-notes-two-'));
  dirs.push(cacheDir);
  // Same first author, year and title word: all four collide on `muller2026deep` and need suffixes.
  const paper = (id: string): Paper => ({ id, title: `Deep ${id}`, abstract: '', authors: ['Anna Müller'], upvotes: 0, numComments: 0, aiKeywords: [], publishedAt: '2026-07-28T00:00:00.000Z' });
  const onDisk = (): Record<string, string> => {
    const { format, ...keys } = JSON.parse(readFileSync(join(cacheDir, 'keys.json'), 'utf8'));
    assert.equal(format, 1);
    return keys;
  };
  const seen = new Map<string, string>();
  const check = () => {
    const keys = onDisk();
    for (const [id, key] of seen) assert.equal(keys[id], key, `${id} kept its key`);
    for (const [id, key] of Object.entries(keys)) seen.set(id, key);
    assert.equal(new Set(Object.values(keys)).size, Object.keys(keys).length, 'keys unique');
  };
  const offline = () => Promise.reject(new Error('offline'));
  // A pauses while looking for its days (between reading keys.json and writing it) and starts a whole addPapers
  // of B there. B waits for A's lock on the cache (it cannot run inside A's read-modify-write) and then runs.
  let startB: (() => void) | undefined;
  const b = createCatalog({ fs: nodeFileSystem, fetch: offline, cacheDir, apiBase: server.url });
  const a = createCatalog({
    fs: { ...nodeFileSystem, stat: async (p) => {
      if (p.endsWith('/days')) { const run = startB; startB = undefined; run?.(); }
      return nodeFileSystem.stat(p);
    } },
    fetch: offline, cacheDir, apiBase: server.url,
  });
  const order: string[] = [];
  let bDone: Promise<void> = Promise.resolve();
  startB = () => { bDone = b.addPapers([paper('9999.00001')]).then(() => { order.push('B'); check(); }); };
  await a.addPapers([paper('9999.00002')]).then(() => { order.push('A'); check(); });
  await bDone;
  startB = () => { bDone = b.addPapers([paper('9999.00004')]).then(() => { order.push('B'); check(); }); };
  await a.addPapers([paper('9999.00003')]).then(() => { order.push('A'); check(); });
  await bDone;
  assert.deepEqual(order, ['A', 'B', 'A', 'B'], 'B waited for A each time');
  assert.deepEqual(Object.keys(onDisk()).sort(), ['9999.00001', '9999.00002', '9999.00003', '9999.00004']);
  assert.deepEqual(await a.keys(), onDisk());
  assert.deepEqual(await b.keys(), onDisk());
});
