// The inter-process lock and the exclusive create behind items 4 and 5 of issue 14.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock, LockTimeoutError } from '../../src/node/lock';
import { nodeFileSystem } from '../../src/node/node-fs';
import { FileExistsError } from '../../src/core/fs';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'paper-notes-lock-'));
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

test('a lock left by a process that died is taken over at once, and released after', async () => {
  const dir = scratch();
  const lock = join(dir, 'x.lock');
  writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'dead', at: new Date().toISOString() }));
  const ran = await withFileLock(lock, async () => readFileSync(lock, 'utf8'), { timeoutMs: 5_000 });
  assert.equal(JSON.parse(ran).pid, process.pid);
  assert.equal(existsSync(lock), false);
  rmSync(dir, { recursive: true, force: true });
});

test('a live holder makes a waiter time out with a message naming it; an old lock counts as abandoned', async () => {
  const dir = scratch();
  const lock = join(dir, 'x.lock');
  // The parent of this test runner is alive and is not us.
  writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), token: 'live', at: '2026-01-01T00:00:00.000Z' }));
  await assert.rejects(withFileLock(lock, async () => 'ran', { timeoutMs: 300 }), (e: Error) => {
    assert.ok(e instanceof LockTimeoutError);
    assert.match(e.message, new RegExp(`locked by process ${process.ppid} on `));
    return true;
  });
  assert.equal(JSON.parse(readFileSync(lock, 'utf8')).token, 'live', 'the live lock was left as it was');
  const old = new Date(Date.now() - 120_000);
  utimesSync(lock, old, old);
  assert.equal(await withFileLock(lock, async () => 'ran', { timeoutMs: 5_000, staleMs: 60_000 }), 'ran');
  rmSync(dir, { recursive: true, force: true });
});

test('holders of one lock never overlap, within a process and across its queue', async () => {
  const dir = scratch();
  const lock = join(dir, 'x.lock');
  let inside = 0;
  let most = 0;
  await Promise.all(Array.from({ length: 10 }, () => withFileLock(lock, async () => {
    inside++;
    most = Math.max(most, inside);
    await new Promise((r) => setImmediate(r));
    inside--;
  })));
  assert.equal(most, 1);
  assert.deepEqual(readdirSync(dir), []);
  rmSync(dir, { recursive: true, force: true });
});

test('createFile never replaces a file: of ten racing creators exactly one wins, whole', async () => {
  const dir = scratch();
  const path = join(dir, 'note.md');
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => nodeFileSystem.createFile(path, new TextEncoder().encode(`writer ${i}\n`))));
  const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
  assert.equal(won.length, 1);
  for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof FileExistsError);
  assert.equal(readFileSync(path, 'utf8'), `writer ${won[0]}\n`);
  await assert.rejects(nodeFileSystem.createFile(path, new TextEncoder().encode('again')), FileExistsError);
  assert.equal(readFileSync(path, 'utf8'), `writer ${won[0]}\n`);
  assert.deepEqual(readdirSync(dir), ['note.md']);
  rmSync(dir, { recursive: true, force: true });
});

test('removeStaleTemps removes a dead writer\'s temp files and keeps a live one\'s, another machine\'s fresh ones and other files', async () => {
  const dir = scratch();
  // A tag is this machine's 4-character hash followed by the writer's pid in base 36.
  const host = nodeFileSystem.tempTag!.slice(0, 4);
  assert.equal(nodeFileSystem.tempTag, host + process.pid.toString(36));
  const elsewhere = host === 'zzzz' ? 'yyyy' : 'zzzz';
  const dead = `keys.json.tmp-${host}${deadPid().toString(36)}-mabc123-a1b2c3`;
  const live = `keys.json.tmp-${host}${process.ppid.toString(36)}-mabc123-d4e5f6`;
  // The same pid on another machine (a shared folder) says nothing about its writer: kept while fresh, removed when old.
  const otherFresh = `references.bib.tmp-${elsewhere}${deadPid().toString(36)}-mabc123-g7h8i9`;
  const otherOld = `references.bib.tmp-${elsewhere}${deadPid().toString(36)}-mabc123-j0k1l2`;
  for (const n of [dead, live, otherFresh, otherOld, 'keys.json', 'my.tmp-notes.md']) writeFileSync(join(dir, n), 'x');
  const twoMinutesAgo = new Date(Date.now() - 120_000);
  utimesSync(join(dir, otherOld), twoMinutesAgo, twoMinutesAgo);
  await nodeFileSystem.removeStaleTemps(dir);
  assert.deepEqual(readdirSync(dir).sort(), ['keys.json', live, otherFresh, 'my.tmp-notes.md'].sort());
  rmSync(dir, { recursive: true, force: true });
});
