/// <reference types="mocha" />
// The suite runs the extension the harness installed: by default the packaged VSIX (code-server unpacked it into the
// throw-away extensions folder), so a file the package lacks fails here as it would for a user.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

describe('Installed extension', () => {
  it('is the copy the harness installed, and a VSIX carries no sources, tests or dependencies', () => {
    const ext = vscode.extensions.getExtension('paper-notes.paper-notes');
    assert.ok(ext, 'paper-notes.paper-notes is installed');
    const installedAt = process.env.PAPER_NOTES_INSTALLED_AT;
    assert.ok(installedAt, 'the harness says where it installed the extension');
    assert.equal(ext.extensionPath, installedAt);
    assert.ok(existsSync(join(ext.extensionPath, 'dist', 'extension.js')));
    if (process.env.PAPER_NOTES_PACKAGED) {
      // .suite/ is this suite, copied in by the harness (test/harness/run-vscode-tests.mjs), not part of the package.
      const top = readdirSync(ext.extensionPath).filter((n) => n !== '.suite').sort();
      for (const absent of ['src', 'test', 'bench', 'node_modules', 'scripts', 'tsconfig.json', '.ci', '.harness', 'out']) {
        assert.ok(!top.includes(absent), `${absent} is not in the package (top level: ${top.join(', ')})`);
      }
      assert.deepEqual(readdirSync(join(ext.extensionPath, 'dist')).filter((f) => f.endsWith('.map')), [], 'no source maps');
    }
  });
});
