// Bundles the evaluation (eval/run.ts and what it imports) into dist-eval/run.js, like the benchmark.
import { build } from 'esbuild';

await build({
  entryPoints: ['eval/run.ts'],
  outfile: 'dist-eval/run.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
});
