import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAPER_NOTES_VERSION } from '../../src/core/papers';
import { main } from '../../src/cli/main';
import { nodeFileSystem } from '../../src/node/node-fs';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('the CLI reports the version the manifest declares', async () => {
  assert.equal(pkg.version, '0.2.0');
  assert.equal(PAPER_NOTES_VERSION, '0.2.0');
  const lines: string[] = [];
  const code = await main(['--version'], {
    out: (l) => lines.push(l), err: (l) => lines.push(l), env: {}, cwd: process.cwd(), fs: nodeFileSystem, fetch: (u, i) => fetch(u, i),
  });
  assert.equal(code, 0);
  assert.deepEqual(lines, ['0.2.0']);
});
