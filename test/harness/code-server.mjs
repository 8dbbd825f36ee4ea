// Starts the offline VS Code (code-server: VS Code server + web workbench) on 127.0.0.1 with throw-away
// user-data, extensions and XDG dirs inside a state dir, and stops it by process group.
// The binaries come from test/harness/install.sh (paths from versions.sh).
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync, existsSync, symlinkSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, killGroup, onTeardown } from './processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');

/** HARNESS_DIR, NODE24_DIR, CODE_SERVER as versions.sh defines them (one source of truth). */
export function harnessPaths() {
  const out = execFileSync('bash', ['-c', `. "${join(here, 'versions.sh')}"; printf '%s\\n' "$HARNESS_DIR" "$NODE24_DIR" "$CODE_SERVER"`], { encoding: 'utf8' });
  const [harnessDir, node24Dir, codeServer] = out.trim().split('\n');
  if (!existsSync(codeServer) || !existsSync(join(node24Dir, 'bin', 'node'))) {
    throw new Error(`offline VS Code not installed under ${harnessDir}; run: bash test/harness/install.sh`);
  }
  return { harnessDir, node24Dir, codeServer };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

// Deterministic, quiet workbench: no welcome page, no chat, no update/recommendation/telemetry noise.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * @param {object} o
 * @param {string} o.stateDir      throw-away folder for user data, extensions, XDG dirs and the log
 * @param {boolean} [o.smokeDriver] pass `enable-smoke-test-driver` (required for the ?payload= test mechanism;
 *                                  hides notification toasts)
 * @param {object} [o.settings]    extra user settings (e.g. paperNotes.apiBaseUrl → the fixture server)
 * @param {string} [o.linkExtension] folder to symlink into the extensions dir as an installed extension
 * @param {string} [o.vsix]        a packaged extension to install with `--install-extension`, as a user installs it
 * @param {number} [o.port]
 * @param {boolean} [o.workspaceTrust] keep Workspace Trust on (no `--disable-workspace-trust`; the settings must also
 *                                  set `security.workspace.trust.enabled: true`), for the Restricted Mode walk
 */
export async function startCodeServer({ stateDir, smokeDriver = false, settings = {}, linkExtension, vsix, port, workspaceTrust = false }) {
  const { node24Dir, codeServer } = harnessPaths();
  port ??= await freePort();
  for (const d of ['ud/User', 'ext', 'xdg-config', 'xdg-data', 'xdg-cache']) mkdirSync(join(stateDir, d), { recursive: true });
  writeFileSync(join(stateDir, 'ud/User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  let extensionPath;
  if (linkExtension) {
    const pkg = JSON.parse(readFileSync(join(linkExtension, 'package.json'), 'utf8'));
    extensionPath = join(stateDir, 'ext', `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    symlinkSync(linkExtension, extensionPath);
  }
  const env = {
    ...process.env,
    PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`,   // code-server requires Node 24
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'), XDG_DATA_HOME: join(stateDir, 'xdg-data'), XDG_CACHE_HOME: join(stateDir, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}',   // offline: no gallery lookups
  };
  delete env.NODE_OPTIONS;
  const logPath = join(stateDir, 'code-server.log');
  const log = openSync(logPath, 'a');
  const dirs = ['--user-data-dir', join(stateDir, 'ud'), '--extensions-dir', join(stateDir, 'ext')];
  if (vsix) {
    const out = execFileSync(codeServer, [...dirs, '--install-extension', vsix], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (!/successfully installed/i.test(out)) throw new Error(`code-server --install-extension ${vsix}: ${out}`);
    extensionPath = readdirSync(join(stateDir, 'ext')).map((n) => join(stateDir, 'ext', n)).find((d) => existsSync(join(d, 'package.json')));
    if (!extensionPath) throw new Error(`code-server --install-extension ${vsix} left no extension folder: ${out}`);
  }
  const args = ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--ignore-last-opened', '--reconnection-grace-time', '10', ...dirs];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const t0 = Date.now();
  const child = spawnGroup(codeServer, args, { env, stdio: ['ignore', log, log] });
  const pgid = child.pid;
  let exited = false;
  child.once('exit', () => { exited = true; });
  const stop = () => killGroup(pgid);
  onTeardown(stop);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`code-server exited at start; log:\n${readFileSync(logPath, 'utf8').slice(-3000)}`);
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch {}
    if (Date.now() - t0 > 60_000) { await stop(); throw new Error('timeout waiting for code-server /healthz'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, pgid, logPath, stop, startMs: Date.now() - t0, extensionPath };
}
