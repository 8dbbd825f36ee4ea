// One writer for test/unit/concurrency.test.ts: the core used the way the extension uses it (a catalog and a
// notes index over Node's file system, in one long-lived process), for ROUNDS rounds of: add two papers, write
// one note, bring the index up to date and save it. Exits non-zero with the error on stderr if anything fails.
//   node out/test/support/core-writer.js CACHE NOTES STORAGE NAME ROUNDS
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog } from '../../src/core/catalog';
import { NoteIndex } from '../../src/core/search';
import { nodeFileSystem } from '../../src/node/node-fs';
import type { Paper } from '../../src/core/papers/model';
import { writerPapers } from './concurrency-papers';

async function run(): Promise<void> {
  const [cache, notes, storage, name, rounds] = process.argv.slice(2);
  const warnings: string[] = [];
  const catalog = createCatalog({
    fs: nodeFileSystem, fetch: () => Promise.reject(new Error('no network here')), cacheDir: cache, apiBase: 'http://127.0.0.1:9', warn: (m) => warnings.push(m),
  });
  const index = await NoteIndex.open({
    fs: nodeFileSystem, storageDir: storage, notesRoot: notes, papers: () => catalog.allPapers(), keys: () => catalog.keys(), warn: (m) => warnings.push(m),
  });
  for (let r = 0; r < Number(rounds); r++) {
    const papers: Paper[] = writerPapers(name, r).map((p) => ({ ...p, upvotes: 0, numComments: 0, aiKeywords: [] }));
    await catalog.addPapers(papers);
    writeFileSync(join(notes, `${name}-${r}.md`), `# ${name} round ${r}\n\nZebrafish ${name} notes cite [@nothing].\n`);
    await index.reconcile();
    await index.save();
  }
  if (warnings.length) throw new Error(`warned: ${warnings.join(' | ')}`);
}

run().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
