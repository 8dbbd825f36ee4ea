// The CLI contract for index / search / links, in-process through main(), with papers imported into a
// scratch cache from the seed day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';
import { scratchCorpus } from '../support/search-fixtures';

async function run(argv: string[], cache: string, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--cache', cache], {
    out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd, fs: nodeFileSystem,
    fetch: () => Promise.reject(new Error('no network in this test')),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function setup() {
  const { root } = scratchCorpus();
  const cache = mkdtempSync(join(tmpdir(), 'pn-cli-cache-'));
  const imported = await run(['import', join(process.cwd(), 'test/fixtures/days/2026-07-30.json')], cache, process.cwd());
  assert.equal(imported.code, 0, imported.err);
  return { root, cache, cwd: join(root, '..') };
}

test('index prints counts and time, persists under <cache>/index/<hash>, and a second run reads nothing', async () => {
  const { cache, cwd } = await setup();
  const first = await run(['index', '--notes', 'notes'], cache, cwd);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^indexed 7 notes, 69 papers, skipped 2 in \d+ ms \(added 7, changed 0, deleted 0, unchanged 0\)/);
  assert.match(first.out, /skipped binary\.md: binary/);
  const dirs = readdirSync(join(cache, 'index'));
  assert.equal(dirs.length, 1);
  assert.match(dirs[0], /^[0-9a-f]{16}$/);
  assert.ok(existsSync(join(cache, 'index', dirs[0], 'manifest.json')));
  const second = await run(['index', '--notes', 'notes'], cache, cwd);
  assert.match(second.out, /\(added 0, changed 0, deleted 0, unchanged 7\)/);
});

test('search --json follows the contract; --kind and --limit apply; paths are relative to --notes', async () => {
  const { cache, cwd } = await setup();
  const r = await run(['search', 'reward model', '--notes', 'notes', '--json', '--kind', 'notes', '--limit', '2'], cache, cwd);
  assert.equal(r.code, 0, r.err);
  const body = JSON.parse(r.out) as { query: string; hits: Array<Record<string, unknown>> };
  assert.equal(body.query, 'reward model');
  assert.equal(body.hits.length, 2);
  assert.deepEqual(Object.keys(body.hits[0]).sort(), ['id', 'kind', 'path', 'score', 'title']);
  assert.deepEqual(body.hits[0], { ...body.hits[0], kind: 'note', id: 'rlhf/reward-models.md', path: 'rlhf/reward-models.md' });
  assert.ok(body.hits.every((h) => h.kind === 'note'));
  const papers = JSON.parse((await run(['search', 'hindsight', '--notes', 'notes', '--json', '--kind', 'papers'], cache, cwd)).out);
  assert.ok(papers.hits.length >= 2 && papers.hits.every((h: { kind: string; path: unknown }) => h.kind === 'paper' && h.path === null));
  const text = await run(['search', 'overfits', '--notes', 'notes'], cache, cwd);
  assert.match(text.out, /rlhf\/reward-models\.md\s+Reward models for RLHF\n\s+.*overfits/);
});

test('links --json is the link graph with ids without version', async () => {
  const { cache, cwd } = await setup();
  const r = await run(['links', '--notes', 'notes', '--json'], cache, cwd);
  assert.equal(r.code, 0, r.err);
  const links = JSON.parse(r.out);
  assert.deepEqual(links.notes['rlhf/feedback.md'], ['9999.00005', '9999.00007', '9999.00022']);
  assert.deepEqual(links.papers['9999.00009'], ['deep/nested/pruning.md']);
  assert.equal(Object.keys(links.notes).length, 6);
});

test('usage errors exit 2; a missing notes folder or corrupt index does not crash', async () => {
  const { root, cache, cwd } = await setup();
  assert.equal((await run(['search', '--notes', 'notes'], cache, cwd)).code, 2);
  assert.equal((await run(['search', 'x', '--notes', 'notes', '--kind', 'books'], cache, cwd)).code, 2);
  assert.equal((await run(['search', 'x', '--notes', 'notes', '--limit', '0'], cache, cwd)).code, 2);
  assert.equal((await run(['links'], cache, cwd)).code, 2);
  const missing = await run(['links', '--notes', 'nowhere'], cache, cwd);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^error: notes folder not found/);
  await run(['index', '--notes', 'notes'], cache, cwd);
  const dir = join(cache, 'index', readdirSync(join(cache, 'index'))[0]);
  writeFileSync(join(dir, 'manifest.json'), '\u0000garbage');
  const again = await run(['links', '--notes', root], cache, '/');
  assert.equal(again.code, 0);
  assert.equal(again.err.split('\n').filter((l) => l.startsWith('warning:')).length, 1);
});
