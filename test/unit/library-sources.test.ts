// Which bibliography files a note's front matter names (pandoc's `bibliography:` field): one path or a list, quoted
// or not, resolved against the note's folder. Expected paths written by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frontMatterBibliographies, noteBibliographies, resolveBibliographyPath } from '../../src/core/library';

test('one path, quoted or not, with a comment', () => {
  assert.deepEqual(frontMatterBibliographies('---\ntitle: A\nbibliography: refs.bib\n---\n# A\n'), ['refs.bib']);
  assert.deepEqual(frontMatterBibliographies('---\nbibliography: "my refs, 2024.bib"\n---\n'), ['my refs, 2024.bib']);
  assert.deepEqual(frontMatterBibliographies("---\nbibliography: 'it''s.json'\n---\n"), ["it's.json"]);
  assert.deepEqual(frontMatterBibliographies('---\nbibliography: refs.bib # exported by Zotero\n---\n'), ['refs.bib']);
});

test('a plain path with a comma stays one path (pandoc reads one scalar)', () => {
  assert.deepEqual(frontMatterBibliographies('---\nbibliography: a,b.bib\n---\n'), ['a,b.bib']);
});

test('a flow list and a block list', () => {
  assert.deepEqual(frontMatterBibliographies('---\nbibliography: [refs.bib, "../shared/zotero.json"]\n---\n'), ['refs.bib', '../shared/zotero.json']);
  assert.deepEqual(
    frontMatterBibliographies('---\ntags: [x]\nbibliography:\n  - refs.bib\n\n  - /home/me/Zotero/all.bib\ntitle: T\n---\n'),
    ['refs.bib', '/home/me/Zotero/all.bib'],
  );
});

test('no front matter, an unclosed one, or a bibliography line in the body name nothing', () => {
  assert.deepEqual(frontMatterBibliographies('# Note\n\nbibliography: refs.bib\n'), []);
  assert.deepEqual(frontMatterBibliographies('---\nbibliography: refs.bib\n'), []);
  assert.deepEqual(frontMatterBibliographies('---\ntitle: x\n---\nbibliography: refs.bib\n'), []);
  assert.deepEqual(frontMatterBibliographies('---\nbibliography:\n---\n'), []);
  assert.deepEqual(frontMatterBibliographies('---\nbibliographyx: refs.bib\n---\n'), []);
});

test('CRLF and a BOM', () => {
  assert.deepEqual(frontMatterBibliographies('\uFEFF---\r\nbibliography: refs.bib\r\n---\r\nbody'), ['refs.bib']);
});

test('paths resolve against the note folder', () => {
  assert.equal(resolveBibliographyPath('/ws/notes/a.md', 'refs.bib'), '/ws/notes/refs.bib');
  assert.equal(resolveBibliographyPath('/ws/notes/a.md', './lib/../refs.bib'), '/ws/notes/refs.bib');
  assert.equal(resolveBibliographyPath('/ws/notes/a.md', '../shared/zotero.json'), '/ws/shared/zotero.json');
  assert.equal(resolveBibliographyPath('/ws/notes/a.md', '/abs//lib/refs.bib'), '/abs/lib/refs.bib');
  assert.equal(resolveBibliographyPath('notes/a.md', '../refs.bib'), 'refs.bib');
  assert.equal(resolveBibliographyPath('a.md', 'refs.bib'), 'refs.bib');
  assert.equal(resolveBibliographyPath('a.md', '../up.bib'), '../up.bib');
  assert.equal(resolveBibliographyPath('/ws/a.md', '~/Zotero/all.bib'), '~/Zotero/all.bib');
  assert.equal(resolveBibliographyPath('/ws/a.md', 'C:\\Users\\me\\refs.bib'), 'C:/Users/me/refs.bib');
});

test('noteBibliographies: resolved, in order, without duplicates', () => {
  const text = '---\nbibliography:\n  - refs.bib\n  - ./refs.bib\n  - ../all.json\n---\n[@k]\n';
  assert.deepEqual(noteBibliographies('/ws/notes/n.md', text), ['/ws/notes/refs.bib', '/ws/all.json']);
  assert.deepEqual(noteBibliographies('/ws/notes/n.md', 'no front matter'), []);
});
