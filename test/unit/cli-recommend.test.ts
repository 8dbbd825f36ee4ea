// The CLI contract for recommend / related / feedback, in-process through main(), on the seed day imported
// into a scratch cache and a notes folder written here. The expected topics come from the papers' titles
// (read by hand), not from the recommender.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

// Titles with "continual" or "lifelong" learning in them.
const CONTINUAL = ['9999.00018', '9999.00019', '9999.00031', '9999.00043', '9999.00048', '9999.00055', '9999.00058'];
const CITED = ['9999.00018', '9999.00019'];

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer({ daysDir: join(process.cwd(), 'test/fixtures/days') });
});
after(() => server.close());

// Only `fetch` (in setup) may reach the fixture server: recommend, related and feedback run offline.
async function run(argv: string[], cache: string, cwd: string, online = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, '--cache', cache, '--api-base', server.url], {
    out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd, fs: nodeFileSystem,
    fetch: online ? (u, i) => fetch(u, i) : () => Promise.reject(new Error('no network in this test')),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function setup(notes: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'pn-rec-'));
  const cache = join(cwd, 'cache');
  const fetched = await run(['fetch', '--date', '2026-07-30'], cache, cwd, true);
  assert.equal(fetched.code, 0, fetched.err);
  for (const [path, text] of Object.entries(notes)) {
    mkdirSync(join(cwd, 'notes', path, '..'), { recursive: true });
    writeFileSync(join(cwd, 'notes', path), text);
  }
  mkdirSync(join(cwd, 'notes'), { recursive: true });
  return { cwd, cache };
}

const CONTINUAL_NOTES = {
  'continual.md': '# Forgetting\n\nCatastrophic forgetting when tasks arrive one after another: see arXiv:9999.00018 and [prototypes](https://arxiv.org/abs/9999.00019).\n',
  'replay.md': '# Replay\n\nRehearsal buffers versus regularisation for continual learning on a stream of tasks.\n',
};

test('recommend --json: the contract, best first, and a continual-learning workspace gets continual-learning papers', async () => {
  const { cwd, cache } = await setup(CONTINUAL_NOTES);
  const r = await run(['recommend', '--notes', 'notes', '--date', '2026-07-30', '--json', '--limit', '69'], cache, cwd);
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out) as Array<{ id: string; title: string; score: number; reason: { notes: string[]; papers: string[]; terms: string[] } }>;
  assert.equal(rows.length, 69);
  assert.deepEqual(Object.keys(rows[0]).sort(), ['id', 'reason', 'score', 'title']);
  assert.deepEqual(Object.keys(rows[0].reason).sort(), ['notes', 'papers', 'terms']);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].score >= rows[i].score);
  const uncited = rows.map((x) => x.id).filter((id) => !CITED.includes(id));
  const top = uncited.slice(0, 4);
  assert.ok(top.every((id) => CONTINUAL.includes(id)), `top uncited: ${top}`);
  const first = rows.find((x) => x.id === top[0])!;
  assert.ok(first.reason.notes.includes('continual.md') || first.reason.notes.includes('replay.md'), JSON.stringify(first.reason));
  const limited = JSON.parse((await run(['recommend', '--notes', 'notes', '--date', '2026-07-30', '--json', '--limit', '3'], cache, cwd)).out);
  assert.equal(limited.length, 3);
  const text = await run(['recommend', '--notes', 'notes', '--limit', '2'], cache, cwd);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^\s+-?\d+\.\d\d {2}9999\.\d{5} /);
});

test('feedback --not-interested moves a paper down in recommend and is kept in notes/.paper-notes/feedback.json', async () => {
  const { cwd, cache } = await setup(CONTINUAL_NOTES);
  const order = async () => (JSON.parse((await run(['recommend', '--notes', 'notes', '--json', '--limit', '69'], cache, cwd)).out) as Array<{ id: string }>).map((x) => x.id);
  const before = await order();
  const target = before.find((id) => !CITED.includes(id))!;
  const marked = await run(['feedback', target, '--notes', 'notes', '--not-interested'], cache, cwd);
  assert.equal(marked.code, 0, marked.err);
  const stored = JSON.parse(readFileSync(join(cwd, 'notes', '.paper-notes', 'feedback.json'), 'utf8'));
  assert.deepEqual(stored, { version: 1, interested: [], notInterested: [target] });
  const after = await order();
  assert.ok(after.indexOf(target) > before.indexOf(target), `${target}: ${before.indexOf(target)} → ${after.indexOf(target)}`);
  assert.equal((await run(['feedback', target, '--notes', 'notes', '--clear'], cache, cwd)).code, 0);
  assert.deepEqual(JSON.parse((await run(['feedback', '--notes', 'notes', '--json'], cache, cwd)).out), { interested: [], notInterested: [] });
});

test('recommend without notes says so on stderr and lists the day by upvotes', async () => {
  const { cwd, cache } = await setup({});
  const r = await run(['recommend', '--notes', 'notes', '--json'], cache, cwd);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /no notes to learn from/);
  const rows = JSON.parse(r.out) as Array<{ id: string; score: unknown; reason: unknown }>;
  assert.equal(rows.length, 20);
  assert.equal(rows[0].reason, null);
  const day = JSON.parse(readFileSync('test/fixtures/days/2026-07-30.json', 'utf8')) as Array<{ paper: { id: string; upvotes: number } }>;
  const most = day.reduce((a, b) => (b.paper.upvotes > a.paper.upvotes ? b : a)).paper.id.replace(/v\d+$/, '');
  assert.equal(rows[0].id, most);
});

test('related --json: similar papers and notes, not the note itself nor what it cites', async () => {
  const { cwd, cache } = await setup({ ...CONTINUAL_NOTES, 'rlhf.md': '# Reward models\n\nPreference data trains a reward model for RLHF of language models.\n' });
  const r = await run(['related', 'notes/continual.md', '--notes', 'notes', '--json', '--limit', '5'], cache, cwd);
  assert.equal(r.code, 0, r.err);
  const body = JSON.parse(r.out) as { papers: Array<{ id: string; title: string; score: number }>; notes: Array<{ path: string; score: number }> };
  assert.deepEqual(Object.keys(body).sort(), ['notes', 'papers']);
  assert.ok(body.papers.length > 0 && body.papers.length <= 5);
  assert.ok(body.papers.every((p) => !CITED.includes(p.id)));
  assert.ok(CONTINUAL.includes(body.papers[0].id), body.papers[0].title);
  assert.equal(body.notes[0].path, 'replay.md');
  assert.ok(!body.notes.some((n) => n.path === 'continual.md'));
});

test('usage and input errors: exit 2 for usage, 1 with one line for a missing note or a broken feedback file', async () => {
  const { cwd, cache } = await setup(CONTINUAL_NOTES);
  assert.equal((await run(['recommend'], cache, cwd)).code, 2);
  assert.equal((await run(['recommend', '--notes', 'notes', '--limit', '0'], cache, cwd)).code, 2);
  assert.equal((await run(['recommend', '--notes', 'notes', '--date', '2026-02-30'], cache, cwd)).code, 2);
  assert.equal((await run(['related', '--notes', 'notes'], cache, cwd)).code, 2);
  assert.equal((await run(['feedback', 'not-an-id', '--notes', 'notes', '--interested'], cache, cwd)).code, 2);
  const missing = await run(['related', 'notes/nope.md', '--notes', 'notes'], cache, cwd);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^error: note not found/);
  const noDay = await run(['recommend', '--notes', 'notes', '--date', '2026-01-01'], cache, cwd);
  assert.equal(noDay.code, 1);
  assert.match(noDay.err, /^error: no cached papers for 2026-01-01/);
  mkdirSync(join(cwd, 'notes', '.paper-notes'), { recursive: true });
  writeFileSync(join(cwd, 'notes', '.paper-notes', 'feedback.json'), '{broken');
  const broken = await run(['recommend', '--notes', 'notes'], cache, cwd);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /feedback\.json: feedback file is not valid JSON — fix or delete it/);
  assert.equal(readFileSync(join(cwd, 'notes', '.paper-notes', 'feedback.json'), 'utf8'), '{broken');
});
