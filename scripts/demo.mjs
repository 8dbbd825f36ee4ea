#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code (code-server, in your browser) on the sample notes, with the
// bundled fixture server standing in for the Daily Papers API. Self-installing on a fresh clone: `npm ci` when
// node_modules is missing, then test/harness/install.sh (Node 24 + code-server, reused when present), then a build.
// Stays up until Ctrl-C, then stops everything it started.  Env: PORT (code-server port; default: a free one).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, setup } from './setup.mjs';

setup();
console.log('[demo] building…');
execFileSync('node', ['scripts/build.mjs', '--tests'], { cwd: root, stdio: 'inherit' }); // --tests: the fixture server is compiled to out/

const { startCodeServer } = await import('../test/harness/code-server.mjs');
const { extensionUnderTest } = await import('../test/harness/extension.mjs');
const { startFixture } = await import('../test/harness/fixture.mjs');
const { onTeardown } = await import('../test/harness/processes.mjs');
const { FIXTURE_DAY } = await import('../test/harness/settings.mjs');

const stateDir = mkdtempSync(join(tmpdir(), 'paper-notes-demo-'));
onTeardown(() => rmSync(stateDir, { recursive: true, force: true }));
const fixture = await startFixture();
const server = await startCodeServer({
  stateDir,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  ...extensionUnderTest(), // the VSIX users install (PAPER_NOTES_EXTENSION=link: the checkout)
  settings: {
    'paperNotes.apiBaseUrl': fixture.url,
    'paperNotes.today': FIXTURE_DAY, // the fixture feed has papers for 2026-07-30 and 2026-07-29
    'paperNotes.daysToShow': 7,
    'workbench.startupEditor': 'readme',
  },
});
const folder = join(root, 'samples', 'notes');
console.log(`
  Paper Notes demo is running.

    Open   ${server.url}/?folder=${encodeURIComponent(folder)}

  The "Paper Notes" icon in the activity bar opens Daily Papers (fixture feed at ${fixture.url}, "today" is
  ${FIXTURE_DAY}). The sample notes in samples/notes cite those papers. Press Ctrl-C to stop.
`);
