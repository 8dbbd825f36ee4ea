// The TextMate injection grammar's patterns, run with JS regular expressions (the Oniguruma syntax used is the
// shared subset, apart from `(?i:…)`, mapped to the `i` flag here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const grammar = JSON.parse(readFileSync(join(__dirname, '../../../syntaxes/citations.tmLanguage.json'), 'utf8'));
const rx = (name: string) => {
  const src: string = grammar.repository[name].match;
  const ci = src.includes('(?i:');
  return new RegExp(src.replace('(?i:', '(?:'), ci ? 'giu' : 'gu');
};
const all = (name: string, text: string, group: number) => [...text.matchAll(rx(name))].map((m) => m[group]);

test('grammar injects into Markdown outside code and scopes citation parts', () => {
  assert.equal(grammar.scopeName, 'citations.paper-notes.injection');
  assert.match(grammar.injectionSelector, /^L:text\.html\.markdown /);
  assert.match(grammar.injectionSelector, /-markup\.fenced_code/);
  assert.equal(grammar.repository['pandoc-citation'].name, 'meta.citation.pandoc.markdown');
  assert.equal(grammar.repository['citation-key'].captures['2'].name, 'entity.name.tag.citation-key.markdown');
});

test('pandoc groups match; links, e-mails and plain brackets do not', () => {
  assert.deepEqual(all('pandoc-citation', 'As [@muller2026long] and [see @a, p. 3; -@b] show.', 2), ['@muller2026long', 'see @a, p. 3; -@b']);
  assert.deepEqual(all('pandoc-citation', '[@x](https://e.com) [mail me@x.org] [plain]', 0), []);
  assert.deepEqual(all('citation-key', 'see @a, p. 3; -@b.c', 2), ['a', 'b.c']);
});

test('footnote references and arXiv ids', () => {
  assert.deepEqual(all('footnote-citation', 'Text[^muller2026long] more.\n[^muller2026long]: def', 2), ['muller2026long']);
  assert.deepEqual(all('arxiv-id', 'See arXiv:2410.02604v2, ARXIV:hep-th/9901001 and xarXiv:1234.5678 or arXiv:1234.56789.1', 3), [
    '2410.02604v2', 'hep-th/9901001',
  ]);
});
