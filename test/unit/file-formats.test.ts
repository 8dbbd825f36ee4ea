// Every file Paper Notes writes carries a format number checked on read. A file from a newer Paper Notes gets one
// clear line and is left byte for byte as it was — not misread, not moved aside, not rebuilt over; the files 0.1
// and 0.2 wrote (keys.json without a version) still read.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalog } from '../../src/core/catalog';
import { nodeFileSystem } from '../../src/node/node-fs';
import { NoteIndex } from '../../src/core/search';
import { NewerFormatError } from '../../src/core/file-format';
import type { Paper } from '../../src/core/papers/model';
import { scratchCorpus, seedKeys, seedPapers } from '../support/search-fixtures';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paper-notes-formats-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'days'));
  return dir;
}

const offline = () => Promise.reject(new Error('offline: these tests never fetch'));
function catalogIn(cacheDir: string, warnings: string[]) {
  return createCatalog({ fs: nodeFileSystem, fetch: offline, cacheDir, apiBase: 'http://127.0.0.1:9', sleep: async () => {}, warn: (m) => warnings.push(m) });
}

/** Every file under `dir` with its bytes, to prove nothing was written, renamed or removed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name), 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

const paper = (id: string, title: string): Paper => ({ id, title, abstract: '', authors: ['Ada Lovelace'], upvotes: 0, numComments: 0, aiKeywords: [] });
const ONE_LINE = /^Paper Notes: .* was written by a newer Paper Notes \(format 7, this one reads up to \d+\); it was left as it is/;

test('a day file from a newer version is reported in one line and left untouched; other days still list', async () => {
  const dir = cache();
  // The shape of today's day file, so a reader that ignores the version would happily misread it.
  const newer = JSON.stringify({ format: 7, day: '2026-07-30', fetchedAt: '2027-01-01T00:00:00.000Z', skipped: 0, papers: [paper('2601.00001', 'Newer Layout')] });
  writeFileSync(join(dir, 'days', '2026-07-30.json'), newer);
  writeFileSync(join(dir, 'days', '2026-07-29.json'), JSON.stringify({ format: 1, day: '2026-07-29', fetchedAt: '2026-07-29T08:00:00.000Z', skipped: 0, papers: [paper('2601.00002', 'Older Day')] }));
  const before = snapshot(dir);
  const warnings: string[] = [];
  const catalog = catalogIn(dir, warnings);

  await assert.rejects(catalog.cachedDay('2026-07-30'), (e: Error) => e instanceof NewerFormatError && ONE_LINE.test(e.message) && !e.message.includes('\n'));
  assert.deepEqual((await catalog.allPapers()).map((p) => p.id), ['2601.00002'], 'the newer day is left out, the others read');
  await assert.rejects(catalog.refreshDay('2026-07-30'), /offline/, 'the refresh fails before touching anything');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], ONE_LINE);
  assert.match(warnings[0], /2026-07-30\.json/);
  assert.deepEqual(snapshot(dir), before, 'no file written, renamed or removed');
});

test('keys.json and papers.json from a newer version: reads and writes refuse, both files stay as they were', async () => {
  const dir = cache();
  writeFileSync(join(dir, 'keys.json'), '{"format":7,"2601.00003":"lovelace2026keys"}\n');
  writeFileSync(join(dir, 'papers.json'), '{"format":7,"papers":[]}\n');
  const before = snapshot(dir);
  const warnings: string[] = [];
  const catalog = catalogIn(dir, warnings);
  await assert.rejects(catalog.keys(), NewerFormatError);
  await assert.rejects(catalog.addPapers([paper('2601.00004', 'Added Later')]), NewerFormatError);
  assert.deepEqual(snapshot(dir), before);
  assert.equal(warnings.length, 2, `one line per file: ${warnings.join('\n')}`);
});

test('files written by 0.1/0.2 (keys.json without a version) still read, and keys.json now carries one', async () => {
  const dir = cache();
  writeFileSync(join(dir, 'keys.json'), '{"2601.00005":"lovelace2026old"}\n');
  writeFileSync(join(dir, 'papers.json'), JSON.stringify({ format: 1, papers: [paper('2601.00005', 'Old Added Paper')] }));
  writeFileSync(join(dir, 'days', '2026-07-28.json'), JSON.stringify({ format: 1, day: '2026-07-28', fetchedAt: '2026-07-28T08:00:00.000Z', skipped: 2, papers: [paper('2601.00006', 'Old Day Paper')] }));
  const warnings: string[] = [];
  const catalog = catalogIn(dir, warnings);
  assert.equal((await catalog.cachedDay('2026-07-28'))?.skipped, 2);
  assert.deepEqual((await catalog.allPapers()).map((p) => p.id).sort(), ['2601.00005', '2601.00006']);
  const keys = await catalog.keys();
  assert.equal(keys['2601.00005'], 'lovelace2026old', 'an old key keeps its meaning');
  assert.equal(keys.format, undefined, 'the version is not a paper id');
  const written = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
  assert.equal(written.format, 1);
  assert.equal(written['2601.00005'], 'lovelace2026old');
  assert.deepEqual(warnings, []);
});

function openIndex(root: string, storage: string, warnings: string[]) {
  const papers = seedPapers();
  return NoteIndex.open({ fs: nodeFileSystem, storageDir: storage, notesRoot: root, papers: async () => papers, keys: async () => seedKeys(papers), warn: (m) => warnings.push(m) });
}

test('an index whose manifest is from a newer version is not rebuilt over: this session indexes in memory', async () => {
  const { root, storage } = scratchCorpus();
  dirs.push(join(root, '..'));
  mkdirSync(storage, { recursive: true });
  writeFileSync(join(storage, 'manifest.json'), JSON.stringify({ format: 7, notesRoot: root, segments: [{ file: 'seg-0-newer1.bin', dead: [] }], files: {} }));
  writeFileSync(join(storage, 'seg-0-newer1.bin'), 'a segment of the newer layout');
  const before = snapshot(storage);
  const warnings: string[] = [];
  const index = await openIndex(root, storage, warnings);
  await index.reconcile();
  assert.ok(index.stats.notes > 0, 'the notes are searchable in this session');
  assert.ok(index.search('feedback', { kind: 'notes' }).length > 0);
  await index.save();
  assert.deepEqual(snapshot(storage), before, 'manifest and segments left as they were');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], ONE_LINE);
  assert.match(warnings[0], /in memory only/);
});

test('a segment from a newer version under a current manifest is left as it is too', async () => {
  const { root, storage } = scratchCorpus();
  dirs.push(join(root, '..'));
  const first = await openIndex(root, storage, []);
  await first.reconcile();
  await first.save();
  const seg = readdirSync(storage).find((n) => n.startsWith('seg-'))!;
  const bytes = readFileSync(join(storage, seg));
  assert.equal(bytes.subarray(0, 4).toString('latin1'), '2SNP', 'format 2 segments start with "PNS2" as a little-endian uint32');
  bytes[0] = 0x37; // "PNS7"
  writeFileSync(join(storage, seg), bytes);
  const before = snapshot(storage);
  const warnings: string[] = [];
  const second = await openIndex(root, storage, warnings);
  await second.reconcile();
  await second.save();
  assert.deepEqual(snapshot(storage), before);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], ONE_LINE);
});

test('a newer version saving the index while this one runs: the next save writes and removes nothing', async () => {
  const { root, storage } = scratchCorpus();
  dirs.push(join(root, '..'));
  const warnings: string[] = [];
  const index = await openIndex(root, storage, warnings);
  await index.reconcile();
  await index.save();
  const manifest = JSON.parse(readFileSync(join(storage, 'manifest.json'), 'utf8'));
  writeFileSync(join(storage, 'manifest.json'), JSON.stringify({ ...manifest, format: 7, segments: [] }));
  const before = snapshot(storage);
  writeFileSync(join(root, 'late.md'), '# Late note\n\nWritten after the newer version saved.\n');
  await index.updateNote('late.md');
  await index.save();
  assert.deepEqual(snapshot(storage), before, 'its segments, now unreferenced by its manifest, are not deleted either');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], ONE_LINE);
});
