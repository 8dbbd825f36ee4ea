// What the VSIX carries, listed by vsce itself (`vsce ls` lists what `vsce package` would pack, from the files on
// disk, so this needs the build that `npm run test:unit` does first, not a package step). The list below is written
// by hand: a stray file (sources, tests, .harness/, a source map) or a missing one (a lazily loaded bundle, the
// icon, a walkthrough picture) fails here instead of in a user's editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const allowed = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'package.json',
  'package.nls.json',
  'dist/extension.js',
  'dist/index-worker.js',
  'dist/library-worker.js',
  'dist/markdown-it.js',
  'dist/search-engine.js',
  'media/abstract.css',
  'media/abstract.js',
  'media/codicons/codicon.css',
  'media/codicons/codicon.ttf',
  'media/icon.png',
  'media/icon.svg',
  'media/paper-notes.svg',
  'media/screenshots/abstract.jpg',
  'media/screenshots/daily-papers.jpg',
  'media/screenshots/insert-citation.jpg',
  'media/screenshots/search-notes.jpg',
  'media/screenshots/sync-bibliography.jpg',
  'syntaxes/citations.tmLanguage.json',
];

test('the VSIX holds exactly the allowed files', () => {
  const out = execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  const files = out.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(files, [...allowed].sort());
});

test('every file the manifest points at is in the allow-list', () => {
  type Walkthrough = { steps: Array<{ media: { image?: string; svg?: string; markdown?: string } }> };
  const walkthroughMedia = (pkg.contributes.walkthroughs ?? []).flatMap((w: Walkthrough) =>
    w.steps.flatMap((s) => [s.media.image, s.media.svg, s.media.markdown].filter((v): v is string => typeof v === 'string')),
  );
  for (const f of [pkg.main.replace(/^\.\//, ''), pkg.icon, ...pkg.contributes.grammars.map((g: { path: string }) => g.path.replace(/^\.\//, '')), ...walkthroughMedia]) {
    assert.ok(allowed.includes(f), `${f} is referenced by package.json but not packaged`);
  }
});

test('README links and images point at files inside the package (no repository to resolve them against)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^(https?:|#|command:)/.test(t));
  assert.ok(targets.length >= 5, `README has ${targets.length} relative links`);
  for (const t of targets) assert.ok(allowed.includes(t), `${t} is linked from README.md but not packaged`);
  assert.match(readme.split('\n').slice(0, 4).join('\n'), /!\[[^\]]*\]\(media\/screenshots\/[a-z-]+\.jpg\)/, 'README opens with a screenshot');
});

test('the icon is a 128×128 PNG', () => {
  const png = readFileSync(join(root, 'media/icon.png'));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128); // IHDR width
  assert.equal(png.readUInt32BE(20), 128); // IHDR height
});

test('the package script builds from scratch, without dependencies or invented repository links', () => {
  assert.equal(pkg.scripts['vscode:prepublish'], 'node scripts/build.mjs --production');
  assert.match(pkg.scripts.package, /^vsce package --no-dependencies /);
  assert.equal(pkg.repository, undefined);
  assert.ok(!pkg.categories.includes('Notebooks'));
});

test('every %key% in the manifest has its English text in package.nls.json, and no text is unused', () => {
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  const used = [...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  for (const k of used) assert.equal(typeof nls[k], 'string', `package.nls.json has ${k}`);
  assert.deepEqual(Object.keys(nls).filter((k) => !used.includes(k)), []);
  assert.equal(nls['command.showLog'], 'Show Log');
  assert.equal(nls['command.rebuildIndex'], 'Rebuild Notes Index');
  assert.equal(pkg.contributes.commands.find((c: { command: string }) => c.command === 'paperNotes.insertCitation').title, '%command.insertCitation%');
});
