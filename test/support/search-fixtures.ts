// Shared by the index tests: the seed papers as Paper objects, a hand-written key map, and a scratch
// copy of the notes corpus that tests may edit.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Paper } from '../../src/core/papers/model';
import type { KeyMap } from '../../src/core/cite/keys';

interface RawItem {
  paper: { id: string; title: string; summary?: string; authors?: Array<{ name: string }>; ai_keywords?: string[] };
}

/** The 69 clean seed papers (ids 9999.000NN), mapped by hand so these tests do not hinge on the parser. */
export function seedPapers(): Paper[] {
  const items = JSON.parse(readFileSync('test/fixtures/days/2026-07-30.json', 'utf8')) as RawItem[];
  return items.map(({ paper: p }) => ({
    id: p.id.replace(/v\d+$/, ''),
    title: p.title,
    abstract: p.summary ?? '',
    authors: (p.authors ?? []).map((a) => a.name),
    upvotes: 0,
    numComments: 0,
    aiKeywords: p.ai_keywords ?? [],
  }));
}

/** Keys the fixture notes use; every other paper gets a key no note mentions. */
export function seedKeys(papers: Paper[]): KeyMap {
  const named: KeyMap = {
    '9999.00015': 'novak2026rlhf',
    '9999.00028': 'lefevre2026secrets',
    '9999.00017': 'smith2026fine',
    '9999.00005': 'berg2026chain',
    '9999.00012': 'obrien2026dual',
    '9999.00011': 'dvorak2026reloop2',
  };
  return Object.fromEntries(papers.map((p) => [p.id, named[p.id] ?? `k${p.id.replace('.', '_')}`]));
}

/** A fresh copy of test/fixtures/notes and an empty storage folder. */
export function scratchCorpus(): { root: string; storage: string } {
  const base = mkdtempSync(join(tmpdir(), 'pn-index-'));
  const root = join(base, 'notes');
  cpSync('test/fixtures/notes', root, { recursive: true });
  return { root, storage: join(base, 'storage') };
}
