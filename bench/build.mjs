// Bundles the benchmarks and the evaluation (each entry with everything it imports, lunr and MiniSearch included)
// into one file apiece — dist-bench/run.js, dist-bench/recommend.js, dist-eval/run.js — so child processes start
// fast and neither depends on the test build in out/.
import { build } from 'esbuild';
import { define } from '../scripts/define.mjs';

const entries = { 'dist-bench/run.js': 'bench/run.ts', 'dist-bench/recommend.js': 'bench/recommend.ts', 'dist-eval/run.js': 'eval/run.ts' };
await Promise.all(Object.entries(entries).map(([outfile, entry]) => build({
  entryPoints: [entry], outfile, define, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
})));
