#!/usr/bin/env node
// Makes a fresh clone ready for `npm test` and `npm run demo`: `npm ci` when node_modules is missing, then the
// offline VS Code harness (test/harness/install.sh: Debian chromium + pandoc, Node 24 and code-server in .harness/,
// reused when present). Quick when everything is already there.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function setup() {
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (!existsSync(join(root, 'node_modules', 'esbuild')) || !existsSync(join(root, 'node_modules', 'playwright-core'))) {
    console.log('[setup] installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  run('bash', ['test/harness/install.sh']);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) setup();
