// Entry of the extension-host suite: VS Code calls run() inside the real extension host (see
// test/harness/run-vscode-tests.mjs for code-server, run-electron.ts for desktop VS Code).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // EXT_TEST_FILTER=hostile (in the harness's environment) runs only the files whose name contains it.
  const only = process.env.EXT_TEST_FILTER ?? '';
  for (const file of readdirSync(__dirname).filter((n) => n.endsWith('.test.js') && n.includes(only)).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
