// The same extension-host suite in desktop VS Code through @vscode/test-electron, for machines that can download
// VS Code (it cannot here; the offline path is test/harness/run-vscode-tests.mjs). Starts the fixture server,
// points the extension at it through user settings in a throw-away user-data dir, runs the suite.
//   npm run test:electron
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServer } from '../support/fixture-server';

async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..', '..'); // out/test/vscode → repo
  const state = mkdtempSync(join(tmpdir(), 'paper-notes-electron-'));
  const fixture = await startFixtureServer();
  try {
    mkdirSync(join(state, 'ud', 'User'), { recursive: true });
    writeFileSync(join(state, 'ud', 'User', 'settings.json'), JSON.stringify({
      'paperNotes.apiBaseUrl': fixture.url,
      'paperNotes.today': '2026-07-30',
      'paperNotes.daysToShow': 3,
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
    }));
    const workspace = join(state, 'workspace');
    cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    return await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'vscode', 'index.js'),
      extensionTestsEnv: { PAPER_NOTES_FIXTURE_URL: fixture.url },
      launchArgs: [workspace, '--user-data-dir', join(state, 'ud'), '--extensions-dir', join(state, 'ext'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    await fixture.close();
    rmSync(state, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('test:electron failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
