// Build-time constants for every esbuild build of src/ (extension, CLI, worker, the test build, benchmarks):
// the version is package.json's, so there is one place to change it.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
export const define = { PAPER_NOTES_BUILD_VERSION: JSON.stringify(pkg.version) };
