/// <reference types="mocha" />
// Activation time in the real extension host, for the benchmark: bench/run.ts reads the number from
// test-results/activation.json (written here) and reports it as `activationMs`. Test files run in name order, so
// this one runs first, before any other test activates the extension; ext.activate() on an inactive extension
// covers what VS Code counts as activation: loading dist/extension.js and running activate().
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

describe('Activation', () => {
  it('activates, and records how long it took for the benchmark', async function () {
    const ext = vscode.extensions.getExtension('paper-notes.paper-notes');
    assert.ok(ext, 'extension paper-notes.paper-notes is loaded');
    if (ext.isActive) {
      // Something (an activation event at startup) was first: the time can no longer be taken.
      this.skip();
    }
    const t0 = performance.now();
    await ext.activate();
    const activationMs = Math.round((performance.now() - t0) * 10) / 10;
    assert.ok(ext.isActive);
    const dir = join(ext.extensionPath, 'test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'activation.json'), JSON.stringify({ activationMs, measuredAt: new Date().toISOString(), host: vscode.env.appName }));
  });
});
