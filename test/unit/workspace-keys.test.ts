// Citation keys never change meaning (issue 10 §3): whatever the cache holds — deleted, corrupt, or filled by a
// machine that met the papers in another order — every key in the workspace's bibliography names the paper it named
// before. Expected keys are written by hand from test/fixtures/library/workspace.bib and the papers below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeSources, parseSource, workspaceKeys, type LibraryEntry } from '../../src/core/library';
import { syncBibliography } from '../../src/core/cite/bib-sync';
import { bibtexEntry } from '../../src/core/cite/bibtex';
import { createCatalog } from '../../src/core/catalog';
import { nodeFileSystem } from '../../src/node/node-fs';
import type { Paper } from '../../src/core/papers/model';

const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'library', 'workspace.bib');
const bibText = readFileSync(fixture, 'utf8');
const entries = (text = bibText): LibraryEntry[] => mergeSources([parseSource('/notes/references.bib', text)]);

function paper(id: string, title: string, authors: string[], year = '2026'): Paper {
  return { id, title, authors, abstract: `About ${title}.`, upvotes: 0, numComments: 0, aiKeywords: [], publishedAt: `${year}-03-01T00:00:00Z` };
}
const P1 = paper('2603.00001', 'Deep Nets', ['Hans Müller']); // candidate muller2026deep
const P2 = paper('2603.00002', 'Deep nets, revisited', ['Hans Muller']); // candidate muller2026deep
const P3 = paper('2603.00003', 'Sparse Thoughts', ['Zoe Ng']); // candidate ng2026sparse, the user's book's key
const P4 = paper('2603.00004', 'Deep Dreams', ['Hanna Müller']); // candidate muller2026deep, in no bibliography
const P5 = paper('1706.03762', 'Attention Is All You Need', ['Ashish Vaswani'], '2017');

/** What each key of workspace.bib means: an arXiv paper, or (null) a work that is no paper of ours. */
const MEANING: Array<[string, string | null]> = [
  ['ng2026sparse', null],
  ['vaswani2017attention', '1706.03762'],
  ['muller2026deep', '2603.00002'],
  ['muller2026deepa', '2603.00001'],
];

function assertBibliographyMeaning(keys: Record<string, string>, context: string): void {
  for (const [key, id] of MEANING) {
    const holders = Object.keys(keys).filter((k) => keys[k] === key);
    assert.deepEqual(holders, id ? [id] : [], `${context}: [@${key}]`);
  }
  assert.equal(new Set(Object.values(keys)).size, Object.keys(keys).length, `${context}: keys are unique`);
}

const EXPECTED = {
  '1706.03762': 'vaswani2017attention',
  '2603.00001': 'muller2026deepa',
  '2603.00002': 'muller2026deep',
  '2603.00003': 'ng2026sparsea',
};

test('the cache of the machine that synced: bibliography keys win, a cached key the user gave another work moves', () => {
  const cached = { '2603.00002': 'muller2026deep', '2603.00001': 'muller2026deepa', '2603.00003': 'ng2026sparse', '1706.03762': 'vaswani2017attention' };
  const keys = workspaceKeys([P1, P2, P3, P5], cached, entries());
  assert.deepEqual(keys, EXPECTED);
  assertBibliographyMeaning(keys, 'synced cache');
});

test('a deleted, rebuilt (other order) or corrupt keys.json changes no key of the bibliography', () => {
  const caches: Array<[string, Record<string, unknown>]> = [
    ['deleted', {}],
    // Rebuilt from scratch, the catalog hands out suffixes in id order: 2603.00001 now gets the unsuffixed key.
    ['rebuilt', { '2603.00001': 'muller2026deep', '2603.00002': 'muller2026deepa', '2603.00003': 'ng2026sparse', '1706.03762': 'vaswani2017attention' }],
    ['corrupt', { '2603.00001': 17, '2603.00002': '', '2603.00003': 'ng 2026', '1706.03762': null, constructor: 'x' }],
    ['swapped by hand', { '2603.00001': 'vaswani2017attention', '1706.03762': 'muller2026deepa' }],
  ];
  for (const [name, cached] of caches) {
    const keys = workspaceKeys([P1, P2, P3, P5], cached, entries());
    assert.deepEqual(keys, EXPECTED, name);
    assertBibliographyMeaning(keys, name);
  }
});

test('papers whose keys collide, added in another order on a second machine, keep the bibliography meaning', () => {
  // The second machine met 2603.00004 first: its cache gave it the key the bibliography gives 2603.00002.
  const second = { '2603.00004': 'muller2026deep', '2603.00001': 'muller2026deepa', '2603.00002': 'muller2026deepb', '2603.00003': 'ng2026sparse' };
  const keys = workspaceKeys([P4, P3, P2, P1], second, entries());
  // muller2026deepb is taken too: this cache gave it to 2603.00002 once, and an unsynced note may still say so.
  assert.deepEqual(keys, { ...EXPECTED, '2603.00004': 'muller2026deepc' });
  assertBibliographyMeaning(keys, 'second machine');
  // The order the papers are handed in does not matter.
  assert.deepEqual(workspaceKeys([P1, P2, P3, P4], second, entries()), keys);
  // A cached key nothing in the bibliography takes is kept, whatever the candidate would be.
  assert.equal(workspaceKeys([P4], { '2603.00004': 'muller2026deepc' }, entries())['2603.00004'], 'muller2026deepc');
  // Two papers claiming one cached key (a damaged keys.json): the lower id keeps it, the other gets a fresh key.
  const clash = workspaceKeys([P3, P4], { '2603.00003': 'mine', '2603.00004': 'mine' }, entries());
  assert.equal(clash['2603.00003'], 'mine');
  assert.equal(clash['2603.00004'], 'muller2026deepb');
});

test('without any bibliography the cached keys are the keys; new papers get keys.ts keys', () => {
  const keys = workspaceKeys([P1, P2, P4], { '2603.00002': 'muller2026deep' }, []);
  assert.deepEqual(keys, { '2603.00002': 'muller2026deep', '2603.00001': 'muller2026deepa', '2603.00004': 'muller2026deepb' });
});

test('an entry naming an arXiv paper gives its key even when the paper is not cached; the first source wins', () => {
  const zotero = parseSource('/zotero/library.json', JSON.stringify([
    { id: 'attention2017', type: 'article', title: 'Attention', URL: 'https://arxiv.org/abs/1706.03762v5' },
    { id: 'lee2025other', type: 'article', title: 'Other' },
  ]));
  const notes = parseSource('/notes/references.bib', bibText);
  assert.equal(workspaceKeys([], {}, mergeSources([notes, zotero]))['1706.03762'], 'vaswani2017attention');
  assert.equal(workspaceKeys([], {}, mergeSources([zotero, notes]))['1706.03762'], 'attention2017');
  // A cached key equal to a CSL-JSON entry's id is taken as well.
  assert.equal(workspaceKeys([P4], { '2603.00004': 'lee2025other' }, mergeSources([zotero, notes]))['2603.00004'], 'muller2026deepb');
});

test('what Sync Bibliography writes is read back as entries and reused', () => {
  const mine = '@book{ng2026sparse,\n  title = {Sparse Thoughts},\n}\n';
  const synced = syncBibliography(mine, [
    { key: 'muller2026deep', bibtex: bibtexEntry(P2, 'muller2026deep') },
    { key: 'muller2026deepa', bibtex: bibtexEntry(P1, 'muller2026deepa') },
  ]).text;
  const keys = workspaceKeys([P1, P2, P3], { '2603.00001': 'muller2026deep', '2603.00002': 'muller2026deepa' }, entries(synced));
  assert.deepEqual(keys, { '2603.00001': 'muller2026deepa', '2603.00002': 'muller2026deep', '2603.00003': 'ng2026sparsea' });
});

test('through the real catalog: delete the cache, add the papers in the other order, corrupt keys.json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paper-notes-wskeys-'));
  const noNetwork = async () => {
    throw new Error('no network in this test');
  };
  const open = () => createCatalog({ fs: nodeFileSystem, fetch: noNetwork, cacheDir: join(root, 'cache'), apiBase: 'http://127.0.0.1:9', warn: () => undefined });
  try {
    // First machine: 2603.00002 first, then 2603.00001; the cache's keys are the ones in workspace.bib.
    let catalog = open();
    await catalog.addPapers([P2]);
    await catalog.addPapers([P1, P3, P5]);
    assert.deepEqual(await catalog.keys(), { '1706.03762': 'vaswani2017attention', '2603.00001': 'muller2026deepa', '2603.00002': 'muller2026deep', '2603.00003': 'ng2026sparse' });

    rmSync(join(root, 'cache'), { recursive: true, force: true });
    catalog = open();
    await catalog.addPapers([P1]);
    await catalog.addPapers([P4, P3, P2, P5]);
    // The rebuilt cache gives 2603.00001 the unsuffixed key now; the workspace does not.
    assert.equal((await catalog.keys())['2603.00001'], 'muller2026deep');
    let keys = workspaceKeys(await catalog.allPapers(), await catalog.keys(), entries());
    assert.deepEqual(keys, { ...EXPECTED, '2603.00004': 'muller2026deepb' });

    writeFileSync(join(root, 'cache', 'keys.json'), '{"2603.00001": "muller2026d');
    catalog = open();
    keys = workspaceKeys(await catalog.allPapers(), await catalog.keys(), entries());
    assertBibliographyMeaning(keys, 'corrupt keys.json');
    assert.deepEqual(keys, { ...EXPECTED, '2603.00004': 'muller2026deepb' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
