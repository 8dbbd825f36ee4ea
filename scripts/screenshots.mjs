#!/usr/bin/env node
// `npm run screenshots`: runs the walkthrough e2e walk (real workbench, fixture feed) and copies its chosen
// screenshots into media/screenshots/, which the README and the walkthrough steps show — so the pictures are
// regenerated from the running extension, never drawn by hand. The same headless chromium crops them to the part
// that shows the step and writes JPEG (no image tool needed): whole windows as PNG would be ≈ 1 MB together, far
// over the VSIX's 400 KB budget.
//   node scripts/screenshots.mjs [--from-results]   (--from-results: skip the walk, use test-results/ as it is)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
/** Picture name → the region of the walk's 1400×900 screenshot `walkthrough-<name>.png` it keeps (CSS px). */
const chosen = {
  'daily-papers': { x: 0, y: 30, width: 500, height: 600 },
  abstract: { x: 500, y: 30, width: 900, height: 560 },
  'insert-citation': { x: 380, y: 0, width: 740, height: 300 },
  'sync-bibliography': { x: 500, y: 30, width: 900, height: 420 },
  'search-notes': { x: 380, y: 0, width: 740, height: 360 },
};
const QUALITY = Number(process.env.SHOT_QUALITY || 50);
/** Pictures are scaled down by this much: still readable, a third of the bytes. */
const SCALE = Number(process.env.SHOT_SCALE || 0.75);

if (!process.argv.includes('--from-results')) execFileSync('npm', ['run', 'test:e2e', '--', 'walkthrough'], { cwd: root, stdio: 'inherit' });

const out = join(root, 'media', 'screenshots');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  for (const [name, clip] of Object.entries(chosen)) {
    const png = readFileSync(join(root, 'test-results', `walkthrough-${name}.png`));
    await page.setContent(`<body style="margin:0"><img id="i" style="display:block;width:${1400 * SCALE}px" src="data:image/png;base64,${png.toString('base64')}"></body>`);
    await page.locator('#i').evaluate((el) => el.decode());
    const file = join(out, `${name}.jpg`);
    const scaled = Object.fromEntries(Object.entries(clip).map(([k, v]) => [k, Math.round(v * SCALE)]));
    writeFileSync(file, await page.screenshot({ type: 'jpeg', quality: QUALITY, clip: scaled }));
    console.log(`[screenshots] ${file.slice(root.length + 1)} (${Math.round(statSync(file).size / 1024)} KB)`);
  }
} finally {
  await browser.close();
}
