// Which copy of the extension a harness run loads. By default the packaged VSIX, installed into the throw-away
// extensions folder with `code-server --install-extension` exactly as a user installs it, so a file missing from
// the package fails the tests. PAPER_NOTES_EXTENSION=link symlinks the checkout instead (quick local runs; no
// packaging). PAPER_NOTES_VSIX=FILE uses a VSIX built before (npm test packages once for every suite).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';

/** The VSIX `npm run package` writes for the checkout's version. */
export function vsixFile() {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return join(repoRoot, `${name}-${version}.vsix`);
}

/** `{ vsix }` or `{ linkExtension }` for startCodeServer; packages the checkout when no VSIX was given. */
export function extensionUnderTest() {
  if (process.env.PAPER_NOTES_EXTENSION === 'link') return { linkExtension: repoRoot };
  const given = process.env.PAPER_NOTES_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`PAPER_NOTES_VSIX=${given} does not exist`);
    return { vsix: given };
  }
  console.log('[harness] packaging the extension (npm run package; PAPER_NOTES_EXTENSION=link skips it)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  process.env.PAPER_NOTES_VSIX = vsixFile(); // packaged once per process (a walk may start a code-server of its own)
  return { vsix: vsixFile() };
}
