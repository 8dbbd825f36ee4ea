#!/usr/bin/env node
// Regenerates media/icon.png (the marketplace icon, 128×128) from media/icon.svg. The PNG is committed so packaging
// needs no converter; run this (`npm run icon`) after editing the SVG. Needs rsvg-convert (Debian: librsvg2-bin).
import { execFileSync } from 'node:child_process';

try {
  execFileSync('rsvg-convert', ['--width', '128', '--height', '128', '--output', 'media/icon.png', 'media/icon.svg'], { stdio: 'inherit' });
} catch (e) {
  console.error(`error: rsvg-convert failed (${e.code === 'ENOENT' ? 'not installed: apt-get install librsvg2-bin' : e.message})`);
  process.exit(1);
}
console.log('media/icon.png written');
