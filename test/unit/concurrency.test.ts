// Two kinds of process on one cache and one notes folder at once (issue 14, item 4): four real CLIs
// (`import` then `index`, three rounds) and four long-lived processes using the core the way the extension does
// (test/support/core-writer.ts: addPapers, a new note, reconcile, save, three rounds). Afterwards no paper and no
// key is lost, keys are unique, the index loads without a warning and finds every note, and no process failed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoteIndex } from '../../src/core/search';
import { nodeFileSystem } from '../../src/node/node-fs';
import { indexStorage } from '../../src/cli/notes-index';
import { writerPapers } from '../support/concurrency-papers';

const ROUNDS = 3;
const CLI_WRITERS = ['w1', 'w2', 'w3', 'w4'];
const CORE_WRITERS = ['w5', 'w6', 'w7', 'w8'];
let root: string;
let cache: string;
let notes: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'paper-notes-concurrency-'));
  cache = join(root, 'cache');
  notes = join(root, 'notes').replace(/\\/g, '/');
  mkdirSync(notes);
  for (let i = 0; i < 40; i++) writeFileSync(join(notes, `shared-${i}.md`), `# Shared ${i}\n\nA note everyone indexes, number ${i}.\n`);
  if (!existsSync('dist/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
});
after(() => rmSync(root, { recursive: true, force: true }));

function proc(args: string[]): Promise<{ code: number | null; err: string; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, PAPER_NOTES_CACHE: cache } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => ok({ code, err, out }));
  });
}

/** A CLI writer: per round, `import` of its two papers, a note of its own, then `index`. */
async function cliWriter(name: string): Promise<string[]> {
  const errors: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const file = join(root, `${name}-${r}.json`);
    writeFileSync(file, JSON.stringify(writerPapers(name, r)));
    const imported = await proc(['dist/cli.js', 'import', file]);
    if (imported.code !== 0 || imported.err) errors.push(`${name} import ${r}: ${imported.code} ${imported.err}`);
    writeFileSync(join(notes, `${name}-${r}.md`), `# ${name} round ${r}\n\nZebrafish ${name} notes cite [@nothing].\n`);
    const indexed = await proc(['dist/cli.js', 'index', '--notes', notes]);
    if (indexed.code !== 0 || indexed.err) errors.push(`${name} index ${r}: ${indexed.code} ${indexed.err}`);
  }
  return errors;
}

async function coreWriter(name: string): Promise<string[]> {
  const r = await proc(['out/test/support/core-writer.js', cache, notes, indexStorage(cache, notes), name, String(ROUNDS)]);
  return r.code === 0 && !r.err ? [] : [`${name}: ${r.code} ${r.err}`];
}

test('8 processes adding papers and indexing one folder at once lose nothing and break nothing', { timeout: 180_000 }, async () => {
  const errors = (await Promise.all([...CLI_WRITERS.map(cliWriter), ...CORE_WRITERS.map(coreWriter)])).flat();
  assert.deepEqual(errors, []);

  // Every paper every writer added (ids written out by hand in concurrency-papers.ts: 8 writers × 3 rounds × 2).
  const expectedIds = [...CLI_WRITERS, ...CORE_WRITERS].flatMap((w) => [0, 1, 2].flatMap((r) => writerPapers(w, r).map((p) => p.id))).sort();
  assert.equal(expectedIds.length, 48);
  assert.equal(new Set(expectedIds).size, 48);
  const stored = JSON.parse(readFileSync(join(cache, 'papers.json'), 'utf8')) as { papers: Array<{ id: string }> };
  assert.deepEqual(stored.papers.map((p) => p.id).sort(), expectedIds);
  const keys = JSON.parse(readFileSync(join(cache, 'keys.json'), 'utf8')) as Record<string, string | number>;
  assert.equal(keys.format, 1, 'the file format, beside the ids');
  delete keys.format;
  assert.deepEqual(Object.keys(keys).sort(), expectedIds);
  assert.equal(new Set(Object.values(keys)).size, 48, 'two papers share a key');

  // The index loads as it is (no "could not be used") and every note is in it, the writers' and the shared ones.
  const warnings: string[] = [];
  const index = await NoteIndex.open({ fs: nodeFileSystem, storageDir: indexStorage(cache, notes), notesRoot: notes, warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, []);
  assert.equal(index.stats.notes, 40 + 8 * ROUNDS);
  const hits = index.search('zebrafish', { kind: 'notes', limit: 100 }).map((h) => h.path).sort();
  const expectedNotes = [...CLI_WRITERS, ...CORE_WRITERS].flatMap((w) => [0, 1, 2].map((r) => `${w}-${r}.md`)).sort();
  assert.deepEqual(hits, expectedNotes);
  // Nothing left behind: no lock, no temp file.
  const leftovers = readdirSync(indexStorage(cache, notes)).concat(readdirSync(cache)).filter((n) => /\.lock|\.tmp-|\.break/.test(n));
  assert.deepEqual(leftovers, []);
});
