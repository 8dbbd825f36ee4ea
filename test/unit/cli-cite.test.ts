// `cite`, `bibtex` and `note` in-process through main(), on a temp cache seeded with the catalog's addPapers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';
import { createCatalog } from '../../src/core/catalog';
import { parseBibKeys } from '../../src/core/cite/bibtex';
import { scanNote } from '../../src/core/notes/index';
import type { Paper } from '../../src/core/papers/model';
import type { Fetch, HttpResponse } from '../../src/core/fs';

let root: string;
let cache: string;
const noNetwork = async () => {
  throw new Error('no network in this test');
};
/** arXiv as it answers for ids it does not know: a feed without entries; nothing else is reachable. */
const emptyArxiv: Fetch = async (url) => {
  if (!url.includes('/api/query?')) throw new Error('no network in this test');
  return { status: 200, headers: { get: () => null }, text: async () => '<feed xmlns="http://www.w3.org/2005/Atom"></feed>' } as unknown as HttpResponse;
};

function paper(id: string, title: string, authors: string[]): Paper {
  return { id, title, authors, abstract: `About ${title}.`, upvotes: 0, numComments: 0, aiKeywords: ['kw'], publishedAt: '2026-03-01T00:00:00Z' };
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'paper-notes-cite-cli-'));
  cache = join(root, 'cache');
  const catalog = createCatalog({ fs: nodeFileSystem, fetch: noNetwork, cacheDir: cache, apiBase: 'http://127.0.0.1:9' });
  await catalog.addPapers([
    paper('2603.00002', 'Deep <b>Nets</b> [v2]', ['Hans Müller', 'Ana Lee']),
    paper('2603.00001', 'Deep Nets', ['Hans Mueller']),
    paper('2603.00003', 'Sparse 100% & {weird}', ['Zoe Ng']),
  ]);
});
after(() => rmSync(root, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--cache', cache], {
    out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: root, fs: nodeFileSystem, fetch: emptyArxiv,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('cite prints the stub in each style', async () => {
  assert.deepEqual(await run('cite', '2603.00001'), { code: 0, out: '[@mueller2026deep]', err: '' });
  // muller vs mueller: different surnames, no collision; the id with a version still finds the paper
  assert.deepEqual(await run('cite', '2603.00002v2', '--style', 'pandoc'), { code: 0, out: '[@muller2026deep]', err: '' });
  const link = await run('cite', '2603.00002', '--style=link');
  assert.equal(link.out, '[Deep \\<b\\>Nets\\</b\\> \\[v2\\]](https://arxiv.org/abs/2603.00002)');
  const foot = await run('cite', '2603.00003', '--style', 'footnote');
  assert.equal(foot.out, '[^ng2026sparse]\n[^ng2026sparse]: Zoe Ng, "Sparse 100% & {weird}", arXiv:2603.00003, https://arxiv.org/abs/2603.00003');
});

test('cite: usage errors exit 2, a paper neither cached nor on arXiv exits 1 with one line', async () => {
  const style = await run('cite', '2603.00001', '--style', 'apa');
  assert.equal(style.code, 2);
  assert.match(style.err, /^error: --style must be one of pandoc, link, footnote, got 'apa'\n\nusage: paper-notes cite/);
  assert.equal((await run('cite')).code, 2);
  assert.equal((await run('cite', 'not-an-id')).code, 2);
  const missing = await run('cite', '2603.09999');
  assert.equal(missing.code, 1);
  assert.equal(missing.err.split('\n').length, 1);
  assert.equal(missing.err, 'error: not found on arXiv: 2603.09999');
});

test('bibtex prints every cached paper ordered by key, or just --ids', async () => {
  const all = await run('bibtex');
  assert.equal(all.code, 0);
  assert.deepEqual(parseBibKeys(all.out), ['mueller2026deep', 'muller2026deep', 'ng2026sparse']);
  assert.match(all.out, /title = \{\{Sparse 100\\% \\& \\\{weird\\\}\}\}/);
  const some = await run('bibtex', '--ids', '2603.00003, 2603.00001');
  assert.deepEqual(parseBibKeys(some.out), ['mueller2026deep', 'ng2026sparse']);
  const missing = await run('bibtex', '--ids', '2603.00001,2603.09999');
  assert.equal(missing.code, 1);
  assert.equal(missing.err, 'error: not found on arXiv: 2603.09999');
  assert.equal((await run('bibtex', '--ids', 'x,2603.00001')).code, 2);
});

const BEGIN = '% paper-notes: begin generated entries (Sync Bibliography rewrites this block; edit outside it)';
const END = '% paper-notes: end generated entries';

test('bibtex --out keeps every entry it did not write, byte for byte (issue 14, item 1)', async () => {
  const file = join(root, 'refs.bib');
  const mine = [
    '% my reading list',
    '@string{ jmlr = "Journal of Machine Learning Research" }',
    '',
    '@article{knuth1984literate,',
    '  title   = {Literate   Programming},',
    '  author  = {Knuth, Donald E.},',
    '  journal = jmlr,',
    '  year    = 1984,',
    '}',
    '',
  ].join('\n');
  writeFileSync(file, mine);
  const res = await run('bibtex', '--out', 'refs.bib');
  assert.deepEqual(res, { code: 0, out: `wrote 3 entries to ${file}`, err: '' });
  const text = readFileSync(file, 'utf8');
  assert.ok(text.startsWith(mine), 'the hand-written part is unchanged');
  const block = text.slice(mine.length);
  assert.ok(block.startsWith(`\n${BEGIN}\n@misc{mueller2026deep,\n`), block.slice(0, 200));
  assert.ok(block.endsWith(`}\n${END}\n`));
  assert.deepEqual(parseBibKeys(text), ['knuth1984literate', 'mueller2026deep', 'muller2026deep', 'ng2026sparse']);

  // The user edits their part and runs it again: their edit stays, the block is rewritten in place, not doubled.
  const edited = text.replace('Literate   Programming', 'Literate Programming, revised');
  writeFileSync(file, `${edited}% a note after the block\n`);
  assert.equal((await run('bibtex', '--out', 'refs.bib')).code, 0);
  const again = readFileSync(file, 'utf8');
  assert.equal(again, `${edited}% a note after the block\n`);
  assert.equal(again.split(BEGIN).length, 2);
});

test('bibtex --out leaves a paper the user has an entry for to it, and never reuses their key; --force replaces the whole file', async () => {
  const file = join(root, 'own.bib');
  // ng2026sparse is the user's key for another work; mymueller is their entry for 2603.00001.
  const mine = '@book{ng2026sparse,\n  title = {My own Sparse book},\n}\n\n@misc{mymueller,\n  title = {Deep Nets},\n  eprint = {2603.00001},\n  archivePrefix = {arXiv},\n}\n';
  writeFileSync(file, mine);
  const res = await run('bibtex', '--out', file);
  assert.deepEqual(res, { code: 0, out: `wrote 2 entries to ${file} (1 left to your own entries)`, err: '' });
  const text = readFileSync(file, 'utf8');
  assert.ok(text.startsWith(mine));
  assert.deepEqual(parseBibKeys(text), ['ng2026sparse', 'mymueller', 'muller2026deep', 'ng2026sparsea']);
  assert.ok(text.includes('My own Sparse book'));

  const forced = await run('bibtex', '--out', file, '--force');
  assert.deepEqual(forced, { code: 0, out: `wrote 3 entries to ${file}`, err: '' });
  const whole = readFileSync(file, 'utf8');
  assert.ok(whole.startsWith(`${BEGIN}\n@misc{mueller2026deep,\n`));
  assert.ok(whole.endsWith(`}\n${END}\n`));
  assert.ok(!whole.includes('My own Sparse book'));
  assert.deepEqual(parseBibKeys(whole), ['mueller2026deep', 'muller2026deep', 'ng2026sparse']);
  // Between the markers: exactly what stdout prints.
  assert.equal(whole, `${BEGIN}\n${(await run('bibtex')).out}\n${END}\n`);
  assert.equal((await run('bibtex', '--force')).code, 2);
});

test('bibtex --out creates a missing file holding only the block', async () => {
  const file = join(root, 'new-dir', 'fresh.bib');
  const res = await run('bibtex', '--out', file, '--ids', '2603.00003');
  assert.deepEqual(res, { code: 0, out: `wrote 1 entry to ${file}`, err: '' });
  const text = readFileSync(file, 'utf8');
  assert.ok(text.startsWith(`${BEGIN}\n@misc{ng2026sparse,\n`));
  assert.ok(text.endsWith(`}\n${END}\n`));
});

test('note writes KEY.md once, prints its path, and refuses to overwrite', async () => {
  const dir = join(root, 'notes');
  const first = await run('note', '2603.00002', '--dir', 'notes');
  const path = join(dir, 'muller2026deep.md');
  assert.deepEqual(first, { code: 0, out: path, err: '' });
  const text = readFileSync(path, 'utf8');
  const scanned = scanNote(text);
  assert.equal(scanned.title, 'Deep <b>Nets</b> [v2]');
  assert.deepEqual(scanned.tags, ['kw']);
  assert.match(text, /\n> About Deep \\<b\\>Nets\\<\/b\\> \\\[v2\\\]\.\n/);
  assert.match(text, /\n## Notes\n/);

  writeFileSync(path, 'my own words');
  const again = await run('note', '2603.00002', '--dir', 'notes');
  assert.equal(again.code, 1);
  assert.equal(again.err, `error: ${path} already exists; not overwriting it`);
  assert.equal(readFileSync(path, 'utf8'), 'my own words');
  assert.ok(!existsSync(join(root, 'mueller2026deep.md')));
});

test('bibtex for every paper of the fixture days (hostile ones included) goes through pandoc --citeproc without a warning', async () => {
  const fixtureCache = join(root, 'fixture-cache');
  for (const day of readdirSync('test/fixtures/days').filter((f) => f.endsWith('.json'))) {
    const imported = await main(['import', join(process.cwd(), 'test/fixtures/days', day), '--cache', fixtureCache], {
      out: () => undefined, err: () => undefined, env: {}, cwd: root, fs: nodeFileSystem, fetch: noNetwork,
    });
    assert.equal(imported, 0, `import ${day}`);
  }
  const catalog = createCatalog({ fs: nodeFileSystem, fetch: noNetwork, cacheDir: fixtureCache, apiBase: 'http://127.0.0.1:9' });
  const papers = await catalog.allPapers();
  const keys = await catalog.keys();
  assert.ok(papers.length >= 69);
  assert.equal(new Set(papers.map((p) => keys[p.id])).size, papers.length, 'one unique key per paper');

  const dir = join(root, 'pandoc');
  mkdirSync(dir);
  const res = await main(['bibtex', '--out', 'refs.bib', '--cache', fixtureCache], {
    out: () => undefined, err: () => undefined, env: {}, cwd: dir, fs: nodeFileSystem, fetch: noNetwork,
  });
  assert.equal(res, 0);
  writeFileSync(join(dir, 'note.md'), papers.map((p) => `Cited [@${keys[p.id]}].`).join('\n\n') + '\n');
  const run = spawnSync('pandoc', ['--citeproc', '--bibliography=refs.bib', '-t', 'plain', '--wrap=none', 'note.md'], {
    cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(!run.error, `pandoc is required for this test (Debian's pandoc, see test/harness/install.sh): ${run.error?.message}`);
  assert.equal(run.stderr, '', 'pandoc printed warnings');
  assert.equal(run.status, 0);
  assert.ok(!run.stdout.includes('???'), 'every key resolved');
  // Compared without case: pandoc 2.17's citeproc re-cases a leading "UL2" in an all-Title-Case English title to
  // "Ul2" despite the protecting braces (its own quirk; cite-pandoc.test.ts checks exact rendering).
  const output = run.stdout.toLowerCase();
  for (const p of papers) {
    const title = p.title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
    assert.ok(output.includes(title.toLowerCase()), `title not rendered: ${title.slice(0, 80)}`);
  }
});
