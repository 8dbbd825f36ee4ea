// The CLI with the workspace's bibliographies (issue 10 §3 and its CLI contract), in-process through main(), on the
// hand-made notes folder test/fixtures/library-notes (references.bib, extra.bib named by topics/tides.md's front
// matter). Every expected key, path and count is written by hand from those files and the papers below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';
import { createCatalog } from '../../src/core/catalog';
import { parseBibKeys } from '../../src/core/cite/bibtex';
import type { Paper } from '../../src/core/papers/model';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'library-notes');
let root: string;
let notes: string;
const noNetwork = async () => {
  throw new Error('no network in this test');
};

function paper(id: string, title: string, authors: string[]): Paper {
  return { id, title, authors, abstract: `About ${title}.`, upvotes: 0, numComments: 0, aiKeywords: [], publishedAt: '2026-03-01T00:00:00Z' };
}
const P1 = paper('2603.00001', 'Deep Nets', ['Hans Müller']);
const P2 = paper('2603.00002', 'Deep nets, revisited', ['Hans Muller']);
const P3 = paper('2603.00003', 'Sparse Thoughts', ['Zoe Ng']);

/** A cache that met the papers in the given batches (order decides the cache's collision suffixes). */
async function seed(cache: string, ...batches: Paper[][]): Promise<void> {
  const catalog = createCatalog({ fs: nodeFileSystem, fetch: noNetwork, cacheDir: cache, apiBase: 'http://127.0.0.1:9' });
  for (const b of batches) await catalog.addPapers(b);
}

// This machine met 2603.00001 first, so its cache says 2603.00001 = muller2026deep, 2603.00002 = muller2026deepa;
// the bibliography (written on a machine that met 2603.00002 first) says muller2026deep is 2603.00002.
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'paper-notes-library-cli-'));
  notes = join(root, 'notes');
  cpSync(FIXTURE, notes, { recursive: true });
  await seed(join(root, 'cache'), [P1], [P2, P3]);
});
after(() => rmSync(root, { recursive: true, force: true }));

async function run(argv: string[], cache = join(root, 'cache')) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--cache', cache], {
    out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: root, fs: nodeFileSystem, fetch: noNetwork,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const BROKEN = /^warning: .*\/notes\/extra\.bib:15: Broken @article entry/;

test('cite --notes prints the key the bibliography gives, not the cache\'s', async () => {
  assert.deepEqual(await run(['cite', '2603.00002']), { code: 0, out: '[@muller2026deepa]', err: '' });
  const cited = await run(['cite', '2603.00002', '--notes', 'notes']);
  assert.equal(cited.code, 0);
  assert.equal(cited.out, '[@muller2026deep]');
  assert.match(cited.err, BROKEN);
  // Its cached key now names 2603.00002 in the bibliography; muller2026deepa is the cache's old key for 2603.00002.
  assert.equal((await run(['cite', '2603.00001', '--notes', 'notes'])).out, '[@muller2026deepb]');
  // ng2026sparse is the user's book.
  assert.equal((await run(['cite', '2603.00003', '--notes', 'notes'])).out, '[@ng2026sparsea]');
  // --bib alone, relative to the working folder.
  assert.equal((await run(['cite', '2603.00002', '--bib', 'notes/references.bib'])).out, '[@muller2026deep]');
  const missing = await run(['cite', '2603.00002', '--bib', 'nowhere.bib']);
  assert.deepEqual(missing, { code: 0, out: '[@muller2026deepa]', err: `warning: no such bibliography: ${root}/nowhere.bib` });
  assert.equal((await run(['cite', '2603.00002', '--notes', 'no-such-folder'])).code, 1);
});

test('links --json: entries naming an arXiv paper count under it, other entries under their key', async () => {
  const r = await run(['links', '--notes', 'notes', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), {
    papers: {
      '1706.03762': ['attention.md', 'books.md', 'topics/tides.md'],
      '2603.00001': ['topics/deep.md'],
      '2603.00002': ['attention.md'],
    },
    entries: { lee2025tides: ['topics/tides.md'], ng2026sparse: ['books.md'] },
    notes: {
      'attention.md': ['1706.03762', '2603.00002'],
      'books.md': ['1706.03762', 'ng2026sparse'],
      'topics/deep.md': ['2603.00001'],
      'topics/tides.md': ['1706.03762', 'lee2025tides'],
    },
  });
  const text = await run(['links', '--notes', 'notes']);
  assert.equal(text.out, ['1706.03762', '  attention.md', '  books.md', '  topics/tides.md', '2603.00001', '  topics/deep.md',
    '2603.00002', '  attention.md', '@lee2025tides', '  topics/tides.md', '@ng2026sparse', '  books.md'].join('\n'));
});

test('search finds notes through the title, keywords and abstract of the entries they cite', async () => {
  const hits = async (query: string, kind = 'all') => {
    const r = await run(['search', query, '--notes', 'notes', '--kind', kind, '--json']);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out).hits as Array<{ kind: string; id: string }>).map((h) => `${h.kind} ${h.id}`).sort();
  };
  assert.deepEqual(await hits('kelp'), ['entry lee2025tides', 'note topics/tides.md']);
  assert.deepEqual(await hits('seaweed', 'notes'), ['note topics/tides.md']);
  assert.deepEqual(await hits('orchards', 'notes'), ['note books.md']);
  // 1706.03762 is not cached: its text is the first entry naming it; every note citing it, by any key or link.
  assert.deepEqual(await hits('recurrent', 'notes'), ['note attention.md', 'note books.md', 'note topics/tides.md']);
});

test('index --notes counts the entries as papers and reports a broken entry once', async () => {
  const r = await run(['index', '--notes', 'notes']);
  assert.equal(r.code, 0, r.err);
  // 3 cached papers, 1706.03762 from its entry, and the two entries naming no arXiv paper.
  assert.match(r.out, /^indexed 4 notes, 6 papers, skipped 0 in \d+ ms/);
  assert.match(r.err, BROKEN);
  assert.equal(r.err.split('\n').length, 1);
});

test('a bibliography path from a note\'s front matter reaches the terminal without its escape codes', async () => {
  const hostile = join(notes, 'hostile-source.md');
  writeFileSync(hostile, '---\nbibliography: "gone\u001b[31m\u0007.bib"\n---\n# Note\n');
  try {
    const r = await run(['cite', '--notes', 'notes', '2603.00003']);
    assert.match(r.err, /warning: no such bibliography: .*gone \[31m \.bib/);
    assert.ok(!/[\u0000-\u001f]/.test(r.err.replace(/\n/g, '')), JSON.stringify(r.err));
  } finally {
    rmSync(hostile);
  }
});

test('bibtex --notes writes each paper under its workspace key', async () => {
  const r = await run(['bibtex', '--notes', 'notes']);
  assert.equal(r.code, 0);
  assert.deepEqual(parseBibKeys(r.out), ['muller2026deep', 'muller2026deepb', 'ng2026sparsea']);
  assert.match(r.out, /@misc\{muller2026deep,\n {2}author = \{Muller, Hans\},\n {2}title = \{\{Deep nets, revisited\}\}/);
});

const MULLER_B = [
  '@misc{muller2026deepb,',
  '  author = {Müller, Hans},',
  '  title = {{Deep Nets}},',
  '  year = {2026},',
  '  eprint = {2603.00001},',
  '  archivePrefix = {arXiv},',
  '  url = {https://arxiv.org/abs/2603.00001},',
  '}',
].join('\n');

test('sync --notes writes the generated block as Sync Bibliography does; then no cache changes a key', async () => {
  const dir = join(root, 'sync-notes');
  cpSync(FIXTURE, dir, { recursive: true });
  const bib = join(dir, 'references.bib');
  const before = readFileSync(bib, 'utf8');
  const r = await run(['sync', '--notes', 'sync-notes']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `synced 2 entries to ${bib} (kept 2 of yours)`);
  assert.match(r.err, /^warning: cited keys no bibliography or cached paper has: muller2026deepa, nobody2020$/m);
  const expected = before.replace('}\n% paper-notes: end generated entries', `}\n\n${MULLER_B}\n% paper-notes: end generated entries`);
  assert.equal(readFileSync(bib, 'utf8'), expected);
  assert.equal((await run(['sync', '--notes', 'sync-notes'])).out, `synced 2 entries to ${bib} (kept 2 of yours)`);
  assert.equal(readFileSync(bib, 'utf8'), expected);

  // A second machine: a fresh cache that met the papers the other way round, then a corrupt keys.json.
  const other = join(root, 'other-cache');
  await seed(other, [P2], [P3], [P1]);
  const keysOf = async (cache: string) => {
    const out: string[] = [];
    for (const id of ['2603.00001', '2603.00002', '2603.00003']) out.push((await run(['cite', id, '--notes', 'sync-notes'], cache)).out);
    return out;
  };
  const expectedKeys = ['[@muller2026deepb]', '[@muller2026deep]', '[@ng2026sparsea]'];
  assert.deepEqual(await keysOf(other), expectedKeys);
  rmSync(join(root, 'cache'), { recursive: true, force: true });
  await seed(join(root, 'cache'), [P3, P2, P1]);
  assert.deepEqual(await keysOf(join(root, 'cache')), expectedKeys);
  writeFileSync(join(other, 'keys.json'), '{"2603.00001": "muller20');
  assert.deepEqual(await keysOf(other), expectedKeys);
  // Synced from the second machine, the file does not change.
  assert.equal((await run(['sync', '--notes', 'sync-notes'], other)).out, `synced 2 entries to ${bib} (kept 2 of yours)`);
  assert.equal(readFileSync(bib, 'utf8'), expected);
});

test('sync --bib FILE writes there; a key another source defines is left to it', async () => {
  const dir = join(root, 'sync-other');
  cpSync(FIXTURE, dir, { recursive: true });
  const target = join(dir, 'mine.bib');
  const r = await run(['sync', '--notes', 'sync-other', '--bib', target]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /no such bibliography/);
  // muller2026deep is references.bib's entry; only 2603.00001 gets one here.
  assert.equal(r.out, `synced 1 entries to ${target} (kept 0 of yours)`);
  assert.equal(readFileSync(target, 'utf8'), `% paper-notes: begin generated entries (Sync Bibliography rewrites this block; edit outside it)\n${MULLER_B}\n% paper-notes: end generated entries\n`);
  assert.equal((await run(['sync', '--bib', target])).code, 2);
});
