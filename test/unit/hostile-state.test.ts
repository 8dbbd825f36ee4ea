// Hostile state on disk (issue 6): a corrupt cache file, a half-written day file, a leftover temp file from a
// crashed atomic write, and a corrupt or older-format notes index — each recovered on its own with exactly one
// warning, the index ending equal to a from-scratch build. Plus the text escapers against the payload corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { createCatalog } from '../../src/core/catalog';
import { nodeFileSystem } from '../../src/node/node-fs';
import { NoteIndex } from '../../src/core/search';
import { bibtexFile, parseBibKeys } from '../../src/core/cite/bibtex';
import { citationStub } from '../../src/core/cite/stubs';
import { validateDailyItems } from '../../src/core/papers/validate';
import { assignKeys } from '../../src/core/cite/keys';

const DAY = '2026-07-30';
let server: FixtureServer;
let root: string;
before(async () => {
  server = await startFixtureServer();
  root = mkdtempSync(join(tmpdir(), 'paper-notes-hostile-state-'));
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function catalogIn(cacheDir: string, warnings: string[]) {
  return createCatalog({ fs: nodeFileSystem, fetch: (u, i) => fetch(u, i), cacheDir, apiBase: server.url, warn: (m) => warnings.push(m) });
}

test('a corrupt or half-written day file is moved aside with one warning and rebuilt by the next refresh', async () => {
  for (const [name, garbage] of [['corrupt', '\u0000\u00ff{not json'], ['half-written', '{"format":1,"day":"2026-07-30","papers":[{"id":"9999.0']] as const) {
    const cacheDir = join(root, name);
    const warnings: string[] = [];
    await catalogIn(cacheDir, warnings).refreshDay(DAY);
    const file = join(cacheDir, 'days', `${DAY}.json`);
    writeFileSync(file, garbage);
    const fresh = catalogIn(cacheDir, warnings);
    assert.equal(await fresh.cachedDay(DAY), undefined, `${name}: treated as absent`);
    assert.equal(await fresh.cachedDay(DAY), undefined);
    assert.equal(warnings.length, 1, `${name}: one warning (${warnings.join(' | ')})`);
    assert.ok(readdirSync(join(cacheDir, 'days')).some((n) => n.includes('.corrupt-')), `${name}: moved aside, not deleted`);
    assert.equal((await fresh.refreshDay(DAY)).papers.length, 69, `${name}: the next refresh rebuilds it`);
    assert.equal((await fresh.cachedDay(DAY))?.papers.length, 69);
  }
});

test('a temp file left by a crash during an atomic write is ignored; the previous day stays intact', async () => {
  const cacheDir = join(root, 'crash');
  const warnings: string[] = [];
  await catalogIn(cacheDir, warnings).refreshDay(DAY);
  const file = join(cacheDir, 'days', `${DAY}.json`);
  const before = readFileSync(file, 'utf8');
  writeFileSync(`${file}.tmp-lq2x9-abc123`, before.slice(0, 100));
  const fresh = catalogIn(cacheDir, warnings);
  assert.deepEqual(await fresh.cachedDays(), [DAY], 'the temp file is not a day');
  assert.equal((await fresh.cachedDay(DAY))?.papers.length, 69);
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.deepEqual(warnings, []);
});

test('a corrupt, truncated or older-format notes index is rebuilt with one warning and equals a scratch build', async () => {
  const notesRoot = join(root, 'notes');
  mkdirSync(notesRoot, { recursive: true });
  for (let i = 0; i < 30; i++) writeFileSync(join(notesRoot, `n${i}.md`), `# Note ${i}\n\ncites arXiv:9999.${String(i + 1).padStart(5, '0')} on topic${i % 3}\n`);
  const scratchDir = join(root, 'scratch-index');
  const scratch = await NoteIndex.open({ fs: nodeFileSystem, storageDir: scratchDir, notesRoot });
  await scratch.reconcile();
  const expected = JSON.stringify(scratch.links());
  const corruptions: Array<[string, (manifest: string) => string]> = [
    ['garbage', () => 'garbage\u0000'],
    ['truncated', (m) => m.slice(0, Math.floor(m.length / 2))],
    ['older format', (m) => JSON.stringify({ ...JSON.parse(m), format: 1 })],
  ];
  for (const [name, corrupt] of corruptions) {
    const storageDir = join(root, `index-${name.replace(/ /g, '-')}`);
    const first = await NoteIndex.open({ fs: nodeFileSystem, storageDir, notesRoot });
    await first.reconcile();
    await first.save();
    const manifest = join(storageDir, 'manifest.json');
    writeFileSync(manifest, corrupt(readFileSync(manifest, 'utf8')));
    const warnings: string[] = [];
    const reopened = await NoteIndex.open({ fs: nodeFileSystem, storageDir, notesRoot, warn: (m) => warnings.push(m) });
    await reopened.reconcile();
    assert.equal(warnings.length, 1, `${name}: one warning (${warnings.join(' | ')})`);
    assert.equal(JSON.stringify(reopened.links()), expected, `${name}: equal to a from-scratch build`);
    await reopened.save();
    const again: string[] = [];
    await (await NoteIndex.open({ fs: nodeFileSystem, storageDir, notesRoot, warn: (m) => again.push(m) })).reconcile();
    assert.deepEqual(again, [], `${name}: recovered for good`);
  }
});

test('every corpus payload stays inert in citation stubs and BibTeX', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const corpus = require(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hostile', 'corpus.js'));
  const { papers } = validateDailyItems(corpus.hostileDay('http://127.0.0.1:9/__pwned'), corpus.HOSTILE_CORPUS_DAY);
  assert.equal(papers.length, corpus.PAYLOADS.length + 1);
  const keys = assignKeys({}, papers);
  for (const p of papers) {
    assert.match(keys[p.id], /^[A-Za-z0-9_:.-]+$/, `key of ${p.id} is plain ASCII`);
    const link = citationStub(p, keys[p.id], 'link').text;
    // The only link destination is the arXiv URL we build; the title cannot close the label or open HTML.
    assert.equal(link.match(/(?<!\\)\]\(/g)?.length, 1, `one link in ${link.slice(0, 80)}`);
    assert.doesNotMatch(link, /(?<!\\)</, 'no raw < in a link stub');
    const foot = citationStub(p, keys[p.id], 'footnote').definition!;
    assert.doesNotMatch(foot.slice(foot.indexOf(']: ') + 3), /\n|(?<!\\)[<[]/, 'footnote definition: one line, no raw < or [');
  }
  const bib = bibtexFile(papers.map((p) => ({ paper: p, key: keys[p.id] })));
  assert.deepEqual(parseBibKeys(bib).sort(), Object.values(keys).sort(), 'no payload opens or closes a BibTeX entry');
});

test('the manifest restricts every setting that names a URL, a path or inserted text in untrusted workspaces', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  const risky = Object.keys(pkg.contributes.configuration.properties).filter((k) => /Url|Directory|Template|Folder|File/.test(k));
  assert.ok(risky.length >= 6);
  assert.deepEqual(risky.filter((k) => !restricted.includes(k)), [], 'every path/URL/template setting is restricted');
  assert.ok(['limited', false].includes(pkg.capabilities.virtualWorkspaces.supported));
});
