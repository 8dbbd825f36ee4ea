// Process groups we start (code-server) and the teardown that must run however the run ends:
// normal exit, a thrown error, Ctrl-C or SIGTERM. Killing only a pid leaves helpers behind, so
// every child is started with `detached: true` (setsid: its own process group) and killed by group.
import { spawn } from 'node:child_process';

const groups = new Set();
const cleanups = [];

/** Starts `cmd` as the leader of a new process group; it is killed by group at exit whatever happens. */
export function spawnGroup(cmd, args, options) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  return child;
}

const alive = (pgid) => {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
};

/** SIGTERM to the whole group, SIGKILL after `graceMs` if anything is left. */
export async function killGroup(pgid, graceMs = 5000) {
  if (!pgid) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { groups.delete(pgid); return; }
  const until = Date.now() + graceMs;
  while (alive(pgid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (alive(pgid)) { try { process.kill(-pgid, 'SIGKILL'); } catch {} }
  groups.delete(pgid);
}

/** Registers an async cleanup (close a browser, stop a server); run in reverse order by `teardown()`. */
export function onTeardown(fn) { cleanups.push(fn); }

let tearingDown;
export function teardown() {
  tearingDown ??= (async () => {
    for (const fn of cleanups.reverse()) { try { await fn(); } catch (e) { console.error('[harness] cleanup failed:', e?.message ?? e); } }
    for (const pgid of [...groups]) await killGroup(pgid);
  })();
  return tearingDown;
}

// Last line of defence: synchronous SIGKILL of any group still registered when Node exits.
process.on('exit', () => { for (const pgid of groups) { try { process.kill(-pgid, 'SIGKILL'); } catch {} } });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n[harness] ${sig}: tearing down`);
    teardown().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}
