import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('the build takes the version from package.json: a copy that says 9.8.7 builds a CLI that says 9.8.7', () => {
  const root = join(__dirname, '..', '..', '..');
  const copy = mkdtempSync(join(tmpdir(), 'paper-notes-version-'));
  try {
    for (const dir of ['src', 'scripts']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...pkg, version: '9.8.7' }));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: copy, stdio: 'pipe' });
    assert.equal(execFileSync(process.execPath, ['dist/cli.js', '--version'], { cwd: copy, encoding: 'utf8' }), '9.8.7\n');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
