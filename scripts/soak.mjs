#!/usr/bin/env node
// `npm run test:soak -- N`: runs the extension-host suite and the e2e walks N times (default 5) and prints, per test,
// how many runs it failed — so a flaky test is found the day it appears, not in a CI run weeks later.
// Each round is a full harness run (fresh code-server, profile and workspace), exactly as `npm test` runs them.
// Exit 1 when any test failed in any round. `SOAK_SUITES=e2e` (or `vscode`) runs one suite only.
import { spawn } from 'node:child_process';
import { setup } from './setup.mjs';

const rounds = Number(process.argv[2] ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npm run test:soak -- N   (N ≥ 1 rounds)');
  process.exit(2);
}
const wanted = (process.env.SOAK_SUITES ?? 'vscode,e2e').split(',');

// A suite's own per-test lines: mocha's spec reporter (`✔ title`, `N) title`) and the e2e runner (`✔ name`, `✘ name`).
const suites = [
  {
    name: 'vscode',
    cmd: ['node', 'test/harness/run-vscode-tests.mjs'],
    parse(out) {
      const body = out.split(/^\s+\d+ passing/m)[0];
      return {
        passed: [...body.matchAll(/^\s+✔ (.+?)(?: \(\d+ms\))?$/gm)].map((m) => m[1]),
        failed: [...body.matchAll(/^\s+\d+\) (.+)$/gm)].map((m) => m[1]),
      };
    },
  },
  {
    name: 'e2e',
    cmd: ['node', 'test/e2e/run.mjs'],
    parse(out) {
      return {
        passed: [...out.matchAll(/^ {2}✔ (\S+) \(\d+ ms\)$/gm)].map((m) => m[1]),
        failed: [...out.matchAll(/^ {2}✘ (\S+) \(\d+ ms\)$/gm)].map((m) => m[1]),
      };
    },
  },
].filter((s) => wanted.includes(s.name));

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

setup();
const build = await run(['node', 'scripts/build.mjs', '--tests']);
if (build.code !== 0) {
  console.error(build.out);
  process.exit(1);
}
// Every round installs the same VSIX, as npm test does (PAPER_NOTES_EXTENSION=link: the checkout instead).
if (process.env.PAPER_NOTES_EXTENSION !== 'link' && !process.env.PAPER_NOTES_VSIX) {
  const pack = await run(['npm', 'run', '--silent', 'package']);
  if (pack.code !== 0) {
    console.error(pack.out);
    process.exit(1);
  }
  process.env.PAPER_NOTES_VSIX = (await import('../test/harness/extension.mjs')).vsixFile();
}
const tally = new Map(); // `suite: test` → { runs, failures }
const count = (key, failed) => {
  const t = tally.get(key) ?? { runs: 0, failures: 0 };
  t.runs++;
  if (failed) t.failures++;
  tally.set(key, t);
};
let broken = 0;
for (let round = 1; round <= rounds; round++) {
  for (const s of suites) {
    const t0 = Date.now();
    const { code, out } = await run(s.cmd);
    const { passed, failed } = s.parse(out);
    for (const p of passed) count(`${s.name}: ${p}`, false);
    for (const f of failed) count(`${s.name}: ${f}`, true);
    const seconds = ((Date.now() - t0) / 1000).toFixed(0);
    console.log(`[soak] round ${round}/${rounds} ${s.name}: ${passed.length} passed, ${failed.length} failed, exit ${code}, ${seconds} s`);
    for (const f of failed) console.log(`[soak]   ✘ ${f}`);
    // A suite that exits non-zero without naming a failed test (a harness crash, a time-out) counts on its own.
    if ((code !== 0 && failed.length === 0) || passed.length + failed.length === 0) {
      broken++;
      console.log(`[soak]   the ${s.name} suite broke without a test result; its last output:\n${out.slice(-3000)}`);
    }
  }
}
const flaky = [...tally].filter(([, t]) => t.failures > 0).sort((a, b) => b[1].failures - a[1].failures);
console.log(`\n[soak] ${rounds} round(s), ${tally.size} tests, ${flaky.length} failed at least once, ${broken} broken suite run(s)`);
for (const [name, t] of flaky) console.log(`  ${t.failures}/${t.runs} failed  ${name}`);
const failures = flaky.reduce((n, [, t]) => n + t.failures, 0);
const passes = [...tally.values()].reduce((n, t) => n + t.runs - t.failures, 0);
console.log(`soak: ${passes} passed, ${failures + broken} failed`);
process.exit(flaky.length || broken ? 1 : 0);
