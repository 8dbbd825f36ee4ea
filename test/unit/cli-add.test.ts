// `paper-notes add` and the arXiv fallback of show / cite / note / bibtex --ids, in-process through main(), against
// the fixture server's arXiv route (test/fixtures/arxiv/entries.atom). Expected titles and keys written by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';

let server: FixtureServer;
let root: string;
before(async () => {
  server = await startFixtureServer();
  root = mkdtempSync(join(tmpdir(), 'paper-notes-add-'));
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

let caches = 0;
const freshCache = () => join(root, `cache-${++caches}`);
const arxivCalls = () => server.requests.filter((r) => r.url.startsWith('/api/query')).length;

async function run(argv: string[], cache: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const base = env.PAPER_NOTES_ARXIV_BASE ? [] : ['--arxiv-base', server.url];
  const code = await main([...argv, '--cache', cache, '--api-base', server.url, ...base], {
    out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: root, fs: nodeFileSystem, fetch: (u, i) => fetch(u, i),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('add: ids and URLs pasted together, one line per paper, in one request', async () => {
  const cache = freshCache();
  const before = arxivCalls();
  const r = await run(['add', '2503.21708', 'https://arxiv.org/abs/2511.22437v1,huggingface.co/papers/2602.05977', 'arXiv:hep-th/9901001'], cache);
  assert.deepEqual(r, {
    code: 0,
    out: [
      'added 2503.21708 stollenwerk2025elementwise "Elementwise Layer Normalization"',
      'added 2511.22437 fredriksson2025sum "Sum rule for non-adiabatic geometric phases"',
      'added 2602.05977 wolff2026clifford "Clifford Kolmogorov-Arnold Networks"',
      'added hep-th/9901001 fixture1999fixture "Fixture paper with an old-style identifier"',
    ].join('\n'),
    err: '',
  });
  assert.equal(arxivCalls() - before, 1);
  // Persisted in the cache's added papers: a later run (arXiv unreachable) shows them without asking again.
  const show = await run(['show', '2511.22437'], cache, { PAPER_NOTES_ARXIV_BASE: 'http://127.0.0.1:9' });
  assert.equal(show.code, 0, show.err);
  assert.match(show.out, /^Sum rule for non-adiabatic geometric phases\nAdam Fredriksson, Erik Sjöqvist\n/);
  assert.match(show.out, /\nkey {8}fredriksson2025sum\n/);
  const added = JSON.parse(readFileSync(join(cache, 'papers.json'), 'utf8')) as { papers: Array<{ id: string }> };
  assert.deepEqual(added.papers.map((p) => p.id), ['2503.21708', '2511.22437', '2602.05977', 'hep-th/9901001']);
});

test('add: an id arXiv does not know is one stderr line and exit 1; the others are still added', async () => {
  const cache = freshCache();
  const r = await run(['add', '2401.99999', '2506.03268'], cache);
  assert.deepEqual(r, {
    code: 1,
    out: 'added 2506.03268 chesi2025conclusive "A conclusive remark on linguistic theorizing and language modeling"',
    err: 'error: not found on arXiv: 2401.99999',
  });
  const again = await run(['cite', '2506.03268'], cache, { PAPER_NOTES_ARXIV_BASE: 'http://127.0.0.1:9' });
  assert.deepEqual(again, { code: 0, out: '[@chesi2025conclusive]', err: '' });
});

test('add: a paper already cached from a day is added without asking arXiv', async () => {
  const cache = freshCache();
  assert.equal((await run(['fetch', '--date', '2026-07-30'], cache)).code, 0);
  const raw = JSON.parse(readFileSync('test/fixtures/days/2026-07-30.json', 'utf8')) as Array<{ paper: { id: string; title: string } }>;
  const before = arxivCalls();
  const r = await run(['add', 'https://huggingface.co/papers/9999.00003'], cache);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^added 9999\\.00003 \\S+ "${raw[2].paper.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"$`));
  assert.equal(arxivCalls(), before);
});

test('add: usage errors exit 2; arXiv down is one typed line', async () => {
  const cache = freshCache();
  assert.equal((await run(['add'], cache)).code, 2);
  const junk = await run(['add', '2503.21708', 'nonsense'], cache);
  assert.equal(junk.code, 2);
  assert.match(junk.err, /^error: not an arXiv id or paper URL: 'nonsense'\n\nusage: paper-notes add/);
  const badBase = await run(['add', '2503.21708'], cache, { PAPER_NOTES_ARXIV_BASE: 'ftp://x' });
  assert.equal(badBase.code, 2);
  assert.match(badBase.err, /^error: --arxiv-base must be an http\(s\) URL, got 'ftp:\/\/x'/);
  // (an HTML error page is not retried; 5xx retries are covered in arxiv-client.test.ts on a fake clock)
  server.setFault('*', 'html', 1);
  const down = await run(['add', '2503.21708'], cache);
  assert.equal(down.code, 1);
  assert.match(down.err, /^error: arXiv sent data in an unexpected shape \(http:\/\/127\.0\.0\.1:\d+\/api\/query\?id_list=2503\.21708&max_results=1\): expected an Atom feed — the API may have changed; try again later or report it$/);
});

test('show, cite, note and bibtex --ids fetch an uncached id from arXiv (--arxiv-base or PAPER_NOTES_ARXIV_BASE)', async () => {
  const cache = freshCache();
  const show = await run(['show', 'https://arxiv.org/pdf/hep-th/9901001v1.pdf'], cache, { PAPER_NOTES_ARXIV_BASE: server.url });
  assert.equal(show.code, 0, show.err);
  assert.match(show.out, /^Fixture paper with an old-style identifier\nAda Fixture, Bruno Testa\n\nid {9}hep-th\/9901001v1\nkey {8}fixture1999fixture\n/);
  const cite = await run(['cite', '2602.05977'], cache);
  assert.deepEqual(cite, { code: 0, out: '[@wolff2026clifford]', err: '' });
  const note = await run(['note', '2511.22437', '--dir', join(root, 'notes')], cache);
  assert.equal(note.code, 0, note.err);
  assert.equal(note.out, join(root, 'notes', 'fredriksson2025sum.md'));
  assert.match(readFileSync(note.out, 'utf8'), /Berry monopoles always cancel/);
  const bib = await run(['bibtex', '--ids', '2503.21708,2602.05977'], cache);
  assert.equal(bib.code, 0, bib.err);
  assert.deepEqual([...bib.out.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]), ['stollenwerk2025elementwise', 'wolff2026clifford']);
  const missing = await run(['bibtex', '--ids', '2503.21708,2401.99999'], cache);
  assert.deepEqual(missing, { code: 1, out: '', err: 'error: not found on arXiv: 2401.99999' });
  const unknown = await run(['show', '2401.99999'], cache);
  assert.deepEqual(unknown, { code: 1, out: '', err: 'error: not found on arXiv: 2401.99999' });
});
