// Walking the notes folder on a real disk: symlinked files count, symlinked folders are not followed, so a
// link back up the tree cannot index the same notes many times over (or forever).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkNotes } from '../../src/core/search/walk';
import { nodeFileSystem } from '../../src/node/node-fs';

test('a symlink loop (notes/sub/loop -> ..) indexes each note once; a symlinked note is still found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-walk-'));
  try {
    const root = join(dir, 'notes');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'a.md'), '# A\n');
    writeFileSync(join(root, 'sub', 'b.md'), '# B\n');
    writeFileSync(join(dir, 'outside.md'), '# Outside\n');
    symlinkSync('..', join(root, 'sub', 'loop'), 'dir');
    symlinkSync(join(dir, 'outside.md'), join(root, 'linked.md'), 'file');
    symlinkSync(join(dir, 'missing.md'), join(root, 'dangling.md'), 'file');
    const { files } = await walkNotes(nodeFileSystem, root);
    assert.deepEqual(files.map((f) => f.path).sort(), ['a.md', 'linked.md', 'sub/b.md']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
