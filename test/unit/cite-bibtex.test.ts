import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bibtexEntry, bibtexFile, bibtexName, escapeBibtex, parseBibKeys } from '../../src/core/cite/bibtex';
import { surnameOf } from '../../src/core/cite/keys';
import type { Paper } from '../../src/core/papers/model';

function paper(over: Partial<Paper> = {}): Paper {
  return { id: '2410.02604', title: 'T', abstract: '', authors: [], upvotes: 0, numComments: 0, aiKeywords: [], ...over };
}

test('escapeBibtex neutralises every TeX special and keeps Unicode', () => {
  assert.equal(
    escapeBibtex('\\ { } $ & % # _ ^ ~ < > \' ` -- é 🚀'),
    "\\textbackslash{} \\{ \\} \\$ \\& \\% \\# \\_ \\textasciicircum{} \\textasciitilde{} \\textless{} \\textgreater{} \\'{} \\`{} -{}- é 🚀",
  );
  assert.equal(escapeBibtex(' a\n\tb\u0000c\u2028  d '), 'a b c d');
  assert.equal(escapeBibtex('x\uD800y'), 'x\uFFFDy');
});

test('bibtexName writes Surname, Given and braces names BibTeX would misread', () => {
  assert.equal(bibtexName('Hans Müller'), 'Müller, Hans');
  assert.equal(bibtexName('Ludwig van Beethoven'), 'van Beethoven, Ludwig');
  assert.equal(bibtexName('Jan van der Berg'), 'van der Berg, Jan');
  assert.equal(bibtexName('Plato'), 'Plato');
  assert.equal(bibtexName('Tom and Jerry'), '{Tom and Jerry}');
  assert.equal(bibtexName('Smith, Jr.'), '{Smith, Jr.}');
  assert.equal(bibtexName('others'), '{others}');
  assert.equal(bibtexName("Conan O'Brien"), "O\\'{}Brien, Conan");
  assert.equal(bibtexName('  '), '');
});

test('bibtexEntry writes a @misc with arXiv fields, protected title case, optional abstract', () => {
  const p = paper({
    title: 'BERT & {Friends}: 100% of_it', authors: ['Hans Müller', 'Ana Lee'], publishedAt: '2024-10-03T00:00:00Z',
    aiKeywords: ['NLP', 'a#b'], abstract: 'An $x$ abstract.', version: 'v2',
  });
  assert.equal(
    bibtexEntry(p, 'muller2024bert'),
    [
      '@misc{muller2024bert,',
      '  author = {Müller, Hans and Lee, Ana},',
      '  title = {{BERT \\& \\{Friends\\}: 100\\% of\\_it}},',
      '  year = {2024},',
      '  eprint = {2410.02604},',
      '  archivePrefix = {arXiv},',
      '  url = {https://arxiv.org/abs/2410.02604},',
      '  keywords = {NLP, a\\#b},',
      '}',
    ].join('\n'),
  );
  assert.match(bibtexEntry(p, 'k', { abstract: true }), /\n {2}abstract = \{An \\\$x\\\$ abstract\.\},\n\}$/);
  const old = bibtexEntry(paper({ id: 'hep-th/9901001' }), 'anon1999');
  assert.match(old, /primaryClass = \{hep-th\}/);
  assert.match(old, /year = \{1999\}|^(?![\s\S]*year)/);
});

test('bibtexFile orders entries by key whatever the input order', () => {
  const a = { paper: paper({ id: '2401.00001' }), key: 'b' };
  const b = { paper: paper({ id: '2401.00002' }), key: 'a' };
  const text = bibtexFile([a, b]);
  assert.equal(text, bibtexFile([b, a]));
  assert.deepEqual(parseBibKeys(text), ['a', 'b']);
});

test('parseBibKeys lists entry keys only, skipping look-alikes inside fields and special entries', () => {
  const bib = [
    '% @misc{commented,',
    '@string{ acm = "ACM" }',
    '@Article{ user1 ,',
    '  title = {Contains @misc{fake, inside} and \\{ unbalanced},',
    '  note = "x"',
    '}',
    '@comment{ @misc{notme, } }',
    '@misc(paren2, title = {a (b) {c}})',
    '@preamble{ "x" }',
    '@misc{muller2024bert, title = {{T}}}',
  ].join('\n');
  assert.deepEqual(parseBibKeys(bib), ['user1', 'paren2', 'muller2024bert']);
  assert.deepEqual(parseBibKeys('garbage @ @@ {'), []);
});

test('keys and BibTeX names read particles from one list', () => {
  // Particles the key list had and the BibTeX list lacked: the surname is the same word in both now.
  for (const [name, bib, surname] of [
    ['Omar al Rashid', 'al Rashid, Omar', 'rashid'],
    ['Ahmad ibn Said', 'ibn Said, Ahmad', 'said'],
    ['John St. Clair', 'St. Clair, John', 'clair'],
  ]) {
    assert.equal(bibtexName(name), bib);
    assert.equal(surnameOf(name), surname);
  }
});
