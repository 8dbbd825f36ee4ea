// Bundles bench/recommend.ts into dist-bench/recommend.js (see bench/build.mjs).
import { build } from 'esbuild';

await build({
  entryPoints: ['bench/recommend.ts'],
  outfile: 'dist-bench/recommend.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
});
