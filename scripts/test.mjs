// `npm test`: unit, extension-host and e2e suites in turn (each runs even if an earlier one failed, so one run
// shows everything), then one closing line `tests: N passed, N failed` summed over the three runners' own counts.
import { spawn } from 'node:child_process';

const suites = [
  { script: 'test:unit', counts: (out) => [/^ℹ pass (\d+)/m, /^ℹ fail (\d+)/m].map((re) => Number(re.exec(out)?.[1] ?? NaN)) },
  { script: 'test:vscode', counts: (out) => [/^\s*(\d+) passing/m, /^\s*(\d+) failing/m].map((re, i) => Number(re.exec(out)?.[1] ?? (i ? 0 : NaN))) },
  {
    script: 'test:e2e',
    counts: (out) => {
      const m = /^\[e2e\] (\d+)\/(\d+) passed/m.exec(out);
      return m ? [Number(m[1]), Number(m[2]) - Number(m[1])] : [NaN, NaN];
    },
  },
];

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      from.on('data', (d) => {
        out += d;
        to.write(d);
      });
    }
    child.on('close', (code) => resolve({ code, out }));
  });
}

let passed = 0;
let failed = 0;
let broken = false;
// The editor suites run the extension as users install it: packaged once here, installed by each harness run.
const { vsixFile } = await import('../test/harness/extension.mjs');
if (process.env.PAPER_NOTES_EXTENSION !== 'link' && !process.env.PAPER_NOTES_VSIX) {
  const pack = await run('package');
  if (pack.code !== 0) {
    console.log(`[test] npm run package: exit ${pack.code}; the editor suites install the VSIX it makes`);
    broken = true;
  } else process.env.PAPER_NOTES_VSIX = vsixFile();
}
for (const s of suites) {
  const { code, out } = await run(s.script);
  const [p, f] = s.counts(out);
  if (Number.isNaN(p) || Number.isNaN(f)) {
    console.log(`[test] ${s.script}: exit ${code}, no test summary found`);
    broken = true;
    failed += 1;
    continue;
  }
  passed += p;
  failed += f;
  if (code !== 0 && f === 0) {
    console.log(`[test] ${s.script}: exit ${code} although no test failed`);
    broken = true;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken || passed === 0 ? 1 : 0);
