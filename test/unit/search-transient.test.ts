// Issue 14, item 2: a read that fails for a passing reason (EBUSY here) must not be remembered as "skipped":
// the next reconcile reads the note again, also after a save and a restart. Binary files stay remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoteIndex } from '../../src/core/search';
import { nodeFileSystem } from '../../src/node/node-fs';
import type { FileSystem } from '../../src/core/fs';

/** Node's file system, except that the next `failures` reads of a file named `name` fail with EBUSY. */
function flaky(name: string, failures: number): FileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    ...nodeFileSystem,
    reads,
    async readFile(path) {
      reads.push(path);
      if (path.endsWith(`/${name}`) && failures > 0) {
        failures--;
        throw Object.assign(new Error(`EBUSY: resource busy or locked, open '${path}'`), { code: 'EBUSY' });
      }
      return nodeFileSystem.readFile(path);
    },
  };
}

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'paper-notes-transient-'));
  const notes = join(dir, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'busy.md'), '# Busy\n\nAxolotl regeneration.\n');
  writeFileSync(join(notes, 'other.md'), '# Other\n\nSomething else.\n');
  writeFileSync(join(notes, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
  return { dir, notes, storage: join(dir, 'index') };
}

test('a note whose read failed once is indexed by the next reconcile, also after save and reopen', async () => {
  const { dir, notes, storage } = folder();
  const fs = flaky('busy.md', 1);
  const first = await NoteIndex.open({ fs, storageDir: storage, notesRoot: notes });
  const r1 = await first.reconcile();
  assert.deepEqual(first.search('axolotl').map((h) => h.path), []);
  assert.deepEqual(r1.skipped.map((s) => s.path).sort(), ['binary.md', 'busy.md']);
  assert.match(r1.skipped.find((s) => s.path === 'busy.md')!.reason, /EBUSY/);
  await first.save();

  // A new process: the manifest must not have remembered busy.md as skipped.
  const second = await NoteIndex.open({ fs, storageDir: storage, notesRoot: notes });
  const r2 = await second.reconcile();
  assert.deepEqual(second.search('axolotl').map((h) => h.path), ['busy.md']);
  assert.deepEqual(r2.skipped.map((s) => s.path), ['binary.md']);
  assert.equal(r2.added, 1);
  // The binary file is remembered (not read again); busy.md now is unchanged.
  fs.reads.length = 0;
  const r3 = await second.reconcile();
  assert.deepEqual(fs.reads, []);
  assert.equal(r3.unchanged, 2);
  rmSync(dir, { recursive: true, force: true });
});

test('an indexed note whose re-read fails keeps its last version instead of vanishing', async () => {
  const { dir, notes, storage } = folder();
  const fs = flaky('busy.md', 0);
  const index = await NoteIndex.open({ fs, storageDir: storage, notesRoot: notes });
  await index.reconcile();
  assert.deepEqual(index.search('axolotl').map((h) => h.path), ['busy.md']);
  writeFileSync(join(notes, 'busy.md'), '# Busy\n\nAxolotl regeneration, and quokkas.\n');
  await index.save();
  const failing = flaky('busy.md', 1);
  const reopened = await NoteIndex.open({ fs: failing, storageDir: storage, notesRoot: notes });
  await reopened.reconcile();
  assert.deepEqual(reopened.search('axolotl').map((h) => h.path), ['busy.md'], 'the note vanished while unreadable');
  await reopened.reconcile();
  assert.deepEqual(reopened.search('quokkas').map((h) => h.path), ['busy.md']);
  rmSync(dir, { recursive: true, force: true });
});
