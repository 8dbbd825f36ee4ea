// Bundles the benchmark (bench/run.ts and everything it imports, lunr and MiniSearch included) into one file,
// dist-bench/run.js, so child processes start fast and the benchmark never depends on the test build in out/.
import { build } from 'esbuild';

await build({
  entryPoints: ['bench/run.ts'],
  outfile: 'dist-bench/run.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
});
