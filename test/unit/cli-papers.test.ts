// The CLI contract for fetch / papers / show / import, against the fixture server on 127.0.0.1.
// Most cases call main() in-process; a few spawn the real dist/cli.js (built by `npm test`'s pretest).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type Fault, type FixtureServer } from '../support/fixture-server';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';
import { parseArxivId } from '../../src/core/papers/model';

let server: FixtureServer;
let root: string;
// Fault cases run concurrently, each on its own day (a copy of the clean day), so retries' real waits overlap.
const FAULT_DAYS: Array<[Fault, string]> = [['500', '2026-07-01'], ['429', '2026-07-02'], ['truncated', '2026-07-03'], ['html', '2026-07-04'], ['object', '2026-07-05'], ['timeout', '2026-07-06']];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'paper-notes-cli-'));
  const days = join(root, 'days');
  mkdirSync(days);
  for (const d of ['2026-07-29', '2026-07-30']) copyFileSync(`test/fixtures/days/${d}.json`, join(days, `${d}.json`));
  for (const [, d] of FAULT_DAYS) copyFileSync('test/fixtures/days/2026-07-30.json', join(days, `${d}.json`));
  server = await startFixtureServer({ daysDir: days });
  if (!existsSync('dist/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

async function run(argv: string[], cache: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--cache', cache, '--api-base', server.url], {
    out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: root, fs: nodeFileSystem, fetch: (u, i) => fetch(u, i),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function spawnCli(argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...argv], { env: { ...process.env, PAPER_NOTES_CACHE: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => ok({ code, out, err }));
  });
}

/** Valid ids and skipped count straight from the raw fixture, independent of the validator. */
function expected(day: string) {
  const ids = new Set<string>();
  let skipped = 0;
  for (const item of JSON.parse(readFileSync(`test/fixtures/days/${day}.json`, 'utf8')) as unknown[]) {
    const p = (item as { paper?: { id?: unknown; title?: unknown } } | null)?.paper;
    if (p && typeof p.id === 'string' && parseArxivId(p.id) && typeof p.title === 'string' && p.title.trim()) ids.add(p.id.replace(/v\d+$/, ''));
    else skipped++;
  }
  return { ids, skipped };
}

const cacheDir = () => mkdtempSync(join(root, 'cache-'));
type Row = { id: string; title: string; authors: string[]; upvotes: number; key: string; url: string };

test('fetch then papers --json lists every valid paper of the hostile day once, with a unique key', async () => {
  const cache = cacheDir();
  const want = expected('2026-07-29');
  const fetched = await run(['fetch', '--date', '2026-07-29'], cache);
  assert.equal(fetched.code, 0, fetched.err);
  assert.equal(fetched.out, `fetched ${want.ids.size} papers for 2026-07-29 (skipped ${want.skipped})`);
  const listed = await run(['papers', '--date', '2026-07-29', '--json'], cache);
  assert.equal(listed.code, 0, listed.err);
  const rows = JSON.parse(listed.out) as Row[];
  assert.deepEqual(rows.map((r) => r.id).sort(), [...want.ids].sort());
  assert.equal(new Set(rows.map((r) => r.key)).size, rows.length);
  assert.ok(rows.every((r) => /^[a-z0-9]+$/.test(r.key) && r.url === `https://arxiv.org/abs/${r.id}` && Array.isArray(r.authors)));
  assert.deepEqual(Object.keys(rows[0]).sort(), ['authors', 'id', 'key', 'title', 'upvotes', 'url']);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].upvotes >= rows[i].upvotes, 'upvotes descending');
  const text = await run(['papers', '--date', '2026-07-29'], cache);
  assert.equal(text.out.split('\n').length, rows.length);
  assert.ok(text.out.split('\n')[0].includes(rows[0].id));
});

test('each server fault gives exit 1, one error line, and leaves the cached day byte-for-byte unchanged', async () => {
  const cache = cacheDir();
  for (const [, day] of FAULT_DAYS) assert.equal((await run(['fetch', '--date', day], cache)).code, 0);
  const messages = await Promise.all(FAULT_DAYS.map(async ([fault, day]) => {
    const file = join(cache, 'days', `${day}.json`);
    const before = readFileSync(file);
    server.setFault(day, fault);
    const r = await run(['fetch', '--date', day, ...(fault === 'timeout' ? ['--timeout', '1'] : [])], cache);
    assert.equal(r.code, 1, fault);
    assert.equal(r.out, '', fault);
    assert.match(r.err, /^error: [^\n]+$/, fault);
    assert.ok(r.err.includes(server.url), `${fault}: names the URL`);
    assert.deepEqual(readFileSync(file), before, fault);
    return r.err;
  }));
  server.clearFaults();
  assert.match(messages[0], /HTTP 500/);
  assert.match(messages[1], /HTTP 429/);
  assert.match(messages[3], /not valid JSON/);
  assert.match(messages[4], /unexpected shape/);
  assert.match(messages[5], /timed out after 1 s/);
});

test('usage errors exit 2 with usage text; runtime errors exit 1 with one line', async () => {
  const cache = cacheDir();
  for (const argv of [['fetch', '--date', '2026-7-30'], ['fetch', '--date', '2026-02-30'], ['papers', '--nope'], ['show'], ['show', 'not-an-id'], ['import'], ['fetch', '--timeout', '0']]) {
    const r = await run(argv, cache);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /^error: .*\n\nusage: paper-notes /, argv.join(' '));
  }
  const none = await run(['papers', '--date', '2026-07-30'], cache);
  assert.equal(none.code, 1);
  assert.match(none.err, /^error: no cached papers for 2026-07-30 — run `paper-notes fetch --date 2026-07-30` first$/);
  const missing = await run(['show', '9999.00001'], cache);
  assert.equal(missing.code, 1);
  assert.doesNotMatch(missing.err, /\n/);
});

test('show prints one paper, in text and JSON, found with or without its version', async () => {
  const cache = cacheDir();
  await run(['fetch', '--date', '2026-07-30'], cache);
  const raw = JSON.parse(readFileSync('test/fixtures/days/2026-07-30.json', 'utf8')) as Array<{ paper: { id: string; title: string } }>;
  const versioned = raw.find((i) => /v\d+$/.test(i.paper.id))!.paper;
  const j = await run(['show', versioned.id, '--json'], cache);
  assert.equal(j.code, 0, j.err);
  const paper = JSON.parse(j.out);
  assert.equal(paper.id, versioned.id.replace(/v\d+$/, ''));
  assert.equal(paper.title, versioned.title);
  assert.match(paper.key, /^[a-z]+2026[a-z0-9]+$/);
  const t = await run(['show', paper.id], cache);
  assert.equal(t.out.split('\n')[0], versioned.title);
  assert.ok(t.out.includes(`key        ${paper.key}`));
});

test('import accepts both shapes and reports what it skipped; bad files exit 1', async () => {
  const cache = cacheDir();
  const plain = join(root, 'plain.json');
  writeFileSync(plain, JSON.stringify([{ id: '9999.00501', title: 'Imported Paper', abstract: 'abc', authors: ['Ana Díaz'] }, { title: 'no id' }]));
  const r = await run(['import', plain], cache);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `imported 1 papers from ${plain} (skipped 1)`);
  const shown = JSON.parse((await run(['show', '9999.00501', '--json'], cache)).out);
  assert.deepEqual([shown.title, shown.authors], ['Imported Paper', ['Ana Díaz']]);
  const api = await run(['import', 'test-import.json'], cache);
  assert.equal(api.code, 1);
  assert.match(api.err, /^error: cannot read .*test-import\.json: no such file$/);
  writeFileSync(join(root, 'obj.json'), '{"not": "a list"}');
  const obj = await run(['import', 'obj.json'], cache);
  assert.equal(obj.code, 1);
  assert.match(obj.err, /^error: import sent data in an unexpected shape|^error: .*expected a JSON array/);
});

test('the real binary: fetch and papers --json, then a timeout fault with --timeout 1', async () => {
  const cache = cacheDir();
  const base = ['--cache', cache, '--api-base', server.url];
  const f = await spawnCli(['fetch', '--date', '2026-07-30', ...base]);
  assert.equal(f.code, 0, f.err);
  assert.match(f.out, /^fetched 69 papers for 2026-07-30 \(skipped 0\)\n$/);
  const p = await spawnCli(['papers', '--date', '2026-07-30', '--json', ...base]);
  assert.equal((JSON.parse(p.out) as Row[]).length, expected('2026-07-30').ids.size);
  const file = join(cache, 'days', '2026-07-30.json');
  const before = readFileSync(file);
  server.setFault('2026-07-30', 'timeout');
  const started = Date.now();
  const t = await spawnCli(['fetch', '--date', '2026-07-30', '--timeout', '1', ...base]);
  server.clearFaults();
  assert.equal(t.code, 1);
  assert.match(t.err, /^error: Daily Papers request timed out after 1 s \(http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2026-07-30&limit=100&p=0\) — check your connection or raise the timeout\n$/);
  assert.ok(Date.now() - started < 5000);
  assert.deepEqual(readFileSync(file), before);
});
