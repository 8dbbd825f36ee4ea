// Prints the heaviest frames of a V8 .cpuprofile (from `npm run bench -- --profile`, or `node --cpu-prof`):
// self time and total (inclusive) time per function, so a missed target can be traced to code without DevTools.
//   node bench/profile-top.mjs bench-profiles/warm-….cpuprofile [--top 25] [--blocks 30]
// --blocks MS also lists every stretch of MS or more without an idle sample — a task that held the event loop —
// with the functions that stretch spent its time in, to find what blocks an editor thread.
import { readFileSync } from 'node:fs';

// Piped into `head`: stop quietly when the reader goes away.
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/profile-top.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const topArg = process.argv.indexOf('--top');
const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Sample counts per node, then time per sample from the recorded deltas.
const hits = new Map();
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  totalUs += dt;
  hits.set(id, (hits.get(id) ?? 0) + dt);
});

const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(dist-bench|node_modules|src)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map();
const total = new Map();
for (const [id, us] of hits) {
  const n = byId.get(id);
  self.set(label(n), (self.get(label(n)) ?? 0) + us);
  // Inclusive: credit every distinct frame label on the stack once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur));
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + us);
  }
}

const ms = (us) => (us / 1000).toFixed(1).padStart(9);
const pct = (us) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
process.stdout.write(`${file}: ${(totalUs / 1000).toFixed(0)} ms sampled\n\nself time:\n`);
for (const [l, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us)} ms ${pct(us)}  ${l}\n`);
process.stdout.write('\ntotal time (inclusive):\n');
for (const [l, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms(us)} ms ${pct(us)}  ${l}\n`);

const blocksArg = process.argv.indexOf('--blocks');
if (blocksArg > 0) {
  const minMs = Number(process.argv[blocksArg + 1] ?? 30);
  const isIdle = (id) => byId.get(id).callFrame.functionName === '(idle)';
  const runs = [];
  let start = -1;
  let dur = 0;
  profile.samples.forEach((id, i) => {
    if (isIdle(id)) {
      if (start >= 0 && dur / 1000 >= minMs) runs.push({ start, end: i, us: dur });
      start = -1;
      dur = 0;
    } else {
      if (start < 0) start = i;
      dur += profile.timeDeltas[i + 1] ?? 0; // a sample's time lasts until the next sample
    }
  });
  if (start >= 0 && dur / 1000 >= minMs) runs.push({ start, end: profile.samples.length, us: dur });
  process.stdout.write(`\nblocks of ${minMs} ms or more without an idle sample: ${runs.length}\n`);
  for (const r of runs.sort((a, b) => b.us - a.us).slice(0, top)) {
    const incl = new Map();
    for (let i = r.start; i < r.end; i++) {
      const us = profile.timeDeltas[i + 1] ?? 0;
      const seen = new Set();
      for (let cur = profile.samples[i]; cur !== undefined; cur = parent.get(cur)) {
        const l = label(byId.get(cur));
        if (seen.has(l) || l.startsWith('(root)')) continue;
        seen.add(l);
        incl.set(l, (incl.get(l) ?? 0) + us);
      }
    }
    const frames = [...incl].filter(([l]) => /dist-bench|src\/|\(garbage/.test(l)).sort((a, b) => b[1] - a[1]).slice(0, 8);
    process.stdout.write(`${ms(r.us)} ms block:\n${frames.map(([l, us]) => `    ${ms(us)} ms  ${l}`).join('\n')}\n`);
  }
}
