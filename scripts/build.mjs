// Builds everything with esbuild: the extension (vscode external) and the CLI. The webview's script and styles are
// plain files in media/; the codicon font is copied there from @vscode/codicons (the webview may load only media/).
// `--tests` also compiles test/ (one file per entry, not bundled) into out/ for node's test runner.
// `--production` (vscode:prepublish, i.e. `npm run package`) starts from an empty dist/ so nothing left from another
// build reaches the VSIX, and writes no source maps (they would double the package and point at sources it lacks).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { define } from './define.mjs';

const withTests = process.argv.includes('--tests');
const production = process.argv.includes('--production');
const common = { define, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, logLevel: 'warning' };
if (production) rmSync('dist', { recursive: true, force: true });

// Activation compiles and evaluates all of dist/extension.js, and markdown-it (with its entity tables) and Lunr
// were most of that. The extension require()s them only on first use — markdown-it in core/notes/parser.ts and
// abstract-panel.ts, Lunr through src/vscode/search-engine.ts in note-index.ts — and here those requires load
// files of their own beside extension.js instead of bundled copies.
const lazyFiles = {
  name: 'lazy-files',
  setup(b) {
    b.onResolve({ filter: /^(markdown-it|\.\/search-engine)$/ }, (a) => ({ path: `./${a.path.replace('./', '')}.js`, external: true }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, plugins: [lazyFiles] }),
  build({ ...common, entryPoints: ['src/vscode/search-engine.ts'], outfile: 'dist/search-engine.js', minify: true, plugins: [lazyFiles] }),
  build({ ...common, stdin: { contents: "module.exports = require('markdown-it');", resolveDir: '.' }, outfile: 'dist/markdown-it.js', minify: true }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The notes index's worker thread (src/node/index-workers.ts finds it beside extension.js and cli.js).
  // It loads markdown-it from dist/markdown-it.js too, so the VSIX carries one copy of it.
  build({ ...common, entryPoints: ['src/node/index-worker.ts'], outfile: 'dist/index-worker.js', minify: true, plugins: [lazyFiles] }),
  // Parses large bibliography files beside the extension host's thread (src/node/library-parser.ts).
  build({ ...common, entryPoints: ['src/node/library-worker.ts'], outfile: 'dist/library-worker.js', minify: true }),
]);

mkdirSync('media/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules/@vscode/codicons/dist', f), join('media/codicons', f));

if (withTests) {
  const files = (dir) => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
  rmSync('out', { recursive: true, force: true });
  await build({
    entryPoints: [...files('src'), ...files('test').filter((f) => !f.startsWith('test/fixtures'))],
    outdir: 'out', outbase: '.', define, bundle: false, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
  });
  // The extension-host suite runs inside VS Code: each file is bundled (vscode and mocha stay external; mocha is
  // required from node_modules at run time), overwriting the unbundled copies above.
  await build({
    ...common,
    entryPoints: readdirSync('test/vscode').filter((n) => n === 'index.ts' || n.endsWith('.test.ts')).map((n) => join('test/vscode', n)),
    outdir: 'out/test/vscode', external: ['vscode', 'mocha'],
  });
}
