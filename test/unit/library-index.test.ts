// Library entries in the notes index: an entry naming an arXiv paper is that paper (its citers are listed under
// the arXiv id, beside notes linking arxiv.org), any other entry is a target `bib:KEY` whose words find its
// citers; the cache's keys keep their meaning; a note's front-matter sources survive a save and a warm open.
// Also the bibliography parser's worker path against the in-thread path. Expected values written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoteIndex } from '../../src/core/search';
import { indexTargets, parseSource, type LibraryEntry } from '../../src/core/library';
import { libraryParser } from '../../src/node/library-parser';
import { nodeFileSystem } from '../../src/node/node-fs';
import type { Paper } from '../../src/core/papers/model';

const repo = join(__dirname, '..', '..', '..');

function entry(key: string, extra: Partial<LibraryEntry> = {}): LibraryEntry {
  return { key, type: 'article', title: '', abstract: '', keywords: [], authors: [], file: '/x.bib', line: 0, ...extra };
}

function paper(id: string, title: string): Paper {
  return { id, title, abstract: '', authors: ['A B'], upvotes: 0, numComments: 0, aiKeywords: [] };
}

test('indexTargets: arXiv entries alias their paper, others get bib:KEY, cache keys win', () => {
  const entries = [
    entry('vaswani2017attention', { arxivId: '1706.03762', title: 'Attention Is All You Need' }),
    entry('lovelace1843notes', { title: 'Notes on the Analytical Engine', keywords: ['engines'] }),
    entry('taken2026', { title: 'A different paper that reuses a cache key' }),
    entry('uncached2020', { arxivId: '2001.00001', title: 'Uncached arXiv paper' }),
    entry('constructor', { title: 'A key that is an Object method name' }),
  ];
  const t = indexTargets(entries, new Set(['1706.03762', '9999.00001']), { '9999.00001': 'taken2026' });
  assert.deepEqual({ ...t.aliases }, {
    vaswani2017attention: '1706.03762',
    lovelace1843notes: 'bib:lovelace1843notes',
    uncached2020: '2001.00001',
    constructor: 'bib:constructor',
  });
  assert.deepEqual(t.papers.map((p) => p.id), ['bib:lovelace1843notes', '2001.00001', 'bib:constructor']);
  assert.deepEqual(t.papers[0].aiKeywords, ['engines']);
});

test('the index lists a note citing a .bib key under the arXiv paper the entry names, and finds notes by entry words', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pn-libidx-'));
  const storage = join(root, '.storage');
  mkdirSync(join(root, 'notes'));
  writeFileSync(join(root, 'notes', 'zotero.md'), '---\nbibliography: ../refs.bib\n---\n# Z\n\nAs shown in [@vaswani2017attention].\n');
  writeFileSync(join(root, 'notes', 'link.md'), '# L\n\nSee https://arxiv.org/abs/1706.03762 here.\n');
  writeFileSync(join(root, 'engine.md'), '# E\n\nOld ideas [@lovelace1843notes].\n');
  const papers = [paper('1706.03762', 'Attention Is All You Need')];
  const keys = { '1706.03762': 'vaswani2017cache' };
  const entries = [
    entry('vaswani2017attention', { arxivId: '1706.03762' }),
    entry('lovelace1843notes', { title: 'Notes on the Analytical Engine', abstract: 'Bernoulli numbers computed by looms.' }),
  ];
  const t = indexTargets(entries, new Set(papers.map((p) => p.id)), keys);
  const open = () => NoteIndex.open({
    fs: nodeFileSystem, storageDir: storage, notesRoot: root,
    papers: async () => [...papers, ...t.papers], keys: async () => keys, aliases: async () => t.aliases,
  });
  const index = await open();
  await index.reconcile();
  assert.deepEqual(index.notesCiting('1706.03762'), ['notes/link.md', 'notes/zotero.md']);
  assert.deepEqual(index.notesCiting('bib:lovelace1843notes'), ['engine.md']);
  assert.deepEqual(index.search('bernoulli', { kind: 'notes' }).map((h) => h.path), ['engine.md']);
  assert.deepEqual(index.noteBibliographies(), ['refs.bib']);
  await index.save();

  const warm = await NoteIndex.open({ fs: nodeFileSystem, storageDir: storage, notesRoot: root });
  assert.deepEqual(warm.notesCiting('1706.03762'), ['notes/link.md', 'notes/zotero.md'], 'aliases persisted');
  assert.deepEqual(warm.noteBibliographies(), ['refs.bib'], 'front matter sources persisted');
});

test('a large file parses in the worker to the same entries as in-thread; a small one stays in-thread', async (t) => {
  const file = join(repo, 'dist', 'library-worker.js');
  if (!existsSync(file)) return t.skip('dist/library-worker.js is built by npm run build');
  const bib = readFileSync(join(repo, 'test', 'fixtures', 'library', 'zotero.bib'));
  const parser = libraryParser({ file, workerBytes: 1024 });
  try {
    const inWorker = await parser.parse('/lib/zotero.bib', new Uint8Array(bib));
    assert.equal(parser.counts.inWorker, 1);
    assert.deepEqual(inWorker, parseSource('/lib/zotero.bib', bib.toString('utf8')));
    assert.deepEqual(inWorker.entries.map((e) => e.key), ['vaswani2017attention', 'muller2020uber', 'icml2024', 'ostrom2024nested', 'angstrom2026rlhf']);
    await parser.parse('/lib/small.bib', new TextEncoder().encode('@misc{a, title={A}}'));
    assert.deepEqual(parser.counts, { inWorker: 1, inThread: 1 });
  } finally {
    parser.dispose();
  }
});

test('a missing worker bundle parses in-thread', async () => {
  const parser = libraryParser({ file: '/nonexistent/library-worker.js', workerBytes: 1 });
  const parsed = await parser.parse('/a.json', new TextEncoder().encode('[{"id":"k1","title":"T"}]'));
  assert.deepEqual(parsed.entries.map((e) => [e.key, e.title]), [['k1', 'T']]);
  assert.deepEqual(parser.counts, { inWorker: 0, inThread: 1 });
  parser.dispose();
});
