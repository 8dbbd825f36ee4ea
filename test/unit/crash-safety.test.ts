// Crash safety (issue 14, item 5): the real CLI (dist/cli.js) is killed with SIGKILL at seeded random moments of
// `fetch`, `import`, `index`, `bibtex --out` and `note`, 60 times. After each kill every file is whole (the old or
// the new version), the same command then runs to the end without manual repair, and no `*.tmp-*` file is left once
// the commands that own a folder have run again. Half the kill moments are drawn across each command's own measured
// running time; the other half are the moment the command's k-th temp file appears (a file-system watch), so many
// kills land inside a write, between the temp file and its rename, not only in Node's start-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, watch, type FSWatcher, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

const KILLS = 60;
let server: FixtureServer;
let root: string;
let cache: string;
let notes: string;
let litDir: string;
let bib: string;

/** mulberry32: the same kill moments on every run, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(14_05);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

/** `kill`: after so many ms, or when the k-th temp file appears under the scratch folder. */
function cli(argv: string[], kill?: { afterMs: number } | { onTemp: number }): Promise<Run> {
  return new Promise((ok) => {
    let watcher: FSWatcher | undefined;
    let temps = 0;
    const started = Date.now();
    const child = spawn(process.execPath, ['dist/cli.js', ...argv, '--cache', cache, '--api-base', server.url], {
      env: { ...process.env, PAPER_NOTES_CACHE: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = kill && 'afterMs' in kill ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : undefined;
    if (kill && 'onTemp' in kill) {
      watcher = watch(root, { recursive: true }, (_event, name) => {
        if (name && /\.tmp-/.test(String(name)) && ++temps === kill.onTemp) child.kill('SIGKILL');
      });
    }
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      ok({ code, signal, out, err, ms: Date.now() - started });
    });
  });
}

/** Every file under `dir`, relative paths. */
function files(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(join(dir, rel)).flatMap((n) => {
    const r = rel ? `${rel}/${n}` : n;
    return statSync(join(dir, r)).isDirectory() ? files(dir, r) : [r];
  });
}

// The papers `import` adds and `note` writes notes for.
const IMPORT_IDS = ['2601.10001', '2601.10002', '2601.10003', '2601.10004', '2601.10005', '2601.10006'];
let imports = 0;

interface Op {
  name: string;
  argv(): string[];
  /** Before the run: what the file it writes holds now (undefined: absent). */
  before?(): string | undefined;
  /** The whole new version, known only after a run to the end. */
  target?: string;
}

// The user's own entry in references.bib: `bibtex --out` writes its block beside it and never loses it.
const MINE = '% mine\n@book{mine2020,\n  title = {Mine},\n}\n';
let noteId = 0;
const OPS: Op[] = [
  { name: 'fetch', argv: () => ['fetch', '--date', rand() < 0.5 ? '2026-07-29' : '2026-07-30'] },
  {
    name: 'import',
    argv: () => {
      // New abstracts every run, so papers.json changes each time (and keys.json the first time).
      imports++;
      const items = IMPORT_IDS.map((id, i) => ({ id, title: `Imported paper ${i} on crash safety`, abstract: `Abstract, version ${imports}.`, authors: [`Author ${i} Surname${i}`] }));
      writeFileSync(join(root, 'import.json'), JSON.stringify(items));
      return ['import', join(root, 'import.json')];
    },
  },
  {
    name: 'index',
    argv: () => {
      // One note changes before every index run, so every run has something to write.
      writeFileSync(join(notes, `n${Math.floor(rand() * 5)}.md`), `# Note\n\nChanged ${Date.now()} ${rand()} [@anything]\n`);
      return ['index', '--notes', notes];
    },
  },
  { name: 'bibtex', argv: () => ['bibtex', '--out', bib], before: () => (existsSync(bib) ? readFileSync(bib, 'utf8') : undefined) },
  {
    name: 'note',
    argv: () => {
      // A fresh folder per run: the note's only versions are "absent" and "whole".
      litDir = join(root, `lit-${noteId++}`);
      return ['note', IMPORT_IDS[Math.floor(rand() * IMPORT_IDS.length)], '--dir', litDir];
    },
  },
];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'paper-notes-crash-'));
  cache = join(root, 'cache');
  notes = join(root, 'notes');
  bib = join(root, 'references.bib');
  writeFileSync(bib, MINE);
  mkdirSync(notes);
  for (let i = 0; i < 5; i++) writeFileSync(join(notes, `n${i}.md`), `# Note ${i}\n\nAbout decoupled embeddings [@x${i}].\n`);
  for (let i = 0; i < 300; i++) writeFileSync(join(notes, `bulk-${i}.md`), `# Bulk ${i}\n\nRecommendation models and sequences ${i}.\n`);
  const days = join(root, 'days');
  mkdirSync(days);
  for (const d of ['2026-07-29', '2026-07-30']) copyFileSync(`test/fixtures/days/${d}.json`, join(days, `${d}.json`));
  server = await startFixtureServer({ daysDir: days });
  if (!existsSync('dist/cli.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every JSON file of the cache and the index parses; the index loads with no "could not be used" warning. */
function assertCacheWhole(context: string): void {
  for (const f of files(cache)) {
    if (/\.tmp-/.test(f) || f.endsWith('.bin') || f.endsWith('.lock')) continue;
    const text = readFileSync(join(cache, f), 'utf8');
    assert.doesNotThrow(() => JSON.parse(text), `${context}: ${f} is not whole`);
  }
  assert.ok(!files(cache).some((f) => f.includes('.corrupt-')), `${context}: a cache file was moved aside as corrupt`);
}

test('kill -9 at random points of fetch, import, index, bibtex --out and note never leaves a broken file', { timeout: 240_000 }, async () => {
  // Each command twice to the end: the cache's first versions, and how long each command takes here once warm.
  const duration = new Map<string, number>();
  for (let round = 0; round < 2; round++) {
    for (const op of OPS) {
      const r = await cli(op.argv());
      assert.equal(r.code, 0, `${op.name}: ${r.err}`);
      duration.set(op.name, r.ms);
    }
  }
  const killed = new Map<string, number>();
  let bibAfterKill: string | undefined;
  let leftBehind = 0;
  for (let i = 0; i < KILLS; i++) {
    const op = OPS[i % OPS.length];
    const old = op.before?.();
    const tempsBefore = new Set(files(root).filter((f) => /\.tmp-/.test(f)));
    const argv = op.argv();
    const ms = duration.get(op.name)!;
    // From a third of the way in (Node's start-up) to just past the end; or inside the first few writes.
    const kill = i % 2 ? { afterMs: Math.floor(ms * (0.3 + rand() * 0.8)) } : { onTemp: 1 + Math.floor(rand() * 3) };
    const r = await cli(argv, kill);
    const context = `kill ${i} (${op.name} at ${r.ms} ms)`;
    if (r.signal === 'SIGKILL') killed.set(op.name, (killed.get(op.name) ?? 0) + 1);
    else assert.equal(r.code, 0, `${context}: ${r.err}`);
    assertCacheWhole(context);
    if (files(root).some((f) => /\.tmp-/.test(f) && !tempsBefore.has(f))) leftBehind++;
    if (op.name === 'bibtex') {
      bibAfterKill = existsSync(bib) ? readFileSync(bib, 'utf8') : undefined;
      assert.ok(bibAfterKill?.startsWith(MINE), `${context}: the user's own entry is gone`);
    }
    if (op.name === 'note') {
      const written = files(litDir).filter((f) => f.endsWith('.md'));
      assert.ok(written.length <= 1, `${context}: ${written.join(', ')}`);
      for (const f of written) {
        const text = readFileSync(join(litDir, f), 'utf8');
        assert.match(text, /^---\n[\s\S]*\n## Notes\n/, `${context}: ${f} is not a whole note`);
      }
    }
    // The next run of the same command works, without repair (a note that was made stays and is refused).
    const next = await cli(argv);
    if (op.name === 'note' && files(litDir).length && next.code === 1) assert.match(next.err, /already exists; not overwriting it/);
    else assert.equal(next.code, 0, `${context}, the run after it: ${next.err}`);
    assert.doesNotMatch(next.err, /warning/, `${context}, the run after it warned: ${next.err}`);
    assertCacheWhole(`${context}, after the next run`);
    if (op.name === 'bibtex') {
      // The new version is what a run to the end writes, and it writes the same again over itself (nothing
      // changed the cache in between): so a whole new version is what the next run left.
      const next = readFileSync(bib, 'utf8');
      assert.ok(bibAfterKill === old || bibAfterKill === next, `${context}: references.bib is neither the old nor the new version`);
    }
  }
  // Enough kills landed inside each command, not after it ended, and some inside a write.
  for (const op of OPS) assert.ok((killed.get(op.name) ?? 0) >= 4, `${op.name} was killed ${killed.get(op.name) ?? 0} times`);
  assert.ok(leftBehind >= 3, `only ${leftBehind} kills left a temp file behind: the kills missed the writes`);
  // Every folder's owner runs once more: the dead writers' temp files are gone.
  for (const op of OPS) assert.equal((await cli(op.argv())).code, 0);
  const leftovers = files(root).filter((f) => /\.tmp-/.test(f) && !/^lit-/.test(f));
  assert.deepEqual(leftovers, []);
  // The note folders are each run again by `note` (it cleans its folder before refusing or writing).
  const litLeft = readdirSync(root).filter((d) => d.startsWith('lit-')).flatMap((d) => files(join(root, d)).filter((f) => /\.tmp-/.test(f)).map((f) => `${d}/${f}`));
  for (const f of litLeft) {
    const dir = join(root, f.split('/')[0]);
    await cli(['note', IMPORT_IDS[0], '--dir', dir]);
  }
  const still = readdirSync(root).filter((d) => d.startsWith('lit-')).flatMap((d) => files(join(root, d)).filter((f) => /\.tmp-/.test(f)));
  assert.deepEqual(still, []);
});
