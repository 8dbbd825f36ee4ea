// The library's readers on the hand-made Zotero-style .bib and CSL-JSON fixtures (expectations written from the
// files, not from the parser), LaTeX → Unicode, and hostile input: nothing throws, a broken entry is one diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource, mergeSources, latexToUnicode } from '../../src/core/library';
import { parseBibtex } from '../../src/core/library/bibtex-parse';

const fixture = (name: string) => join(__dirname, '..', '..', '..', 'test', 'fixtures', 'library', name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

test('the Zotero-style .bib: macros, crossref, accents, braces; the broken entry is one diagnostic at its line', () => {
  const parsed = parseSource('/lib/zotero.bib', read('zotero.bib'));
  const byKey = new Map(parsed.entries.map((e) => [e.key, e]));
  assert.deepEqual(parsed.entries.map((e) => e.key), ['vaswani2017attention', 'muller2020uber', 'icml2024', 'ostrom2024nested', 'angstrom2026rlhf']);
  assert.deepEqual(parsed.diagnostics.map((d) => d.line), [38]);
  assert.match(parsed.diagnostics[0].message, /broken @article entry/i);

  const v = byKey.get('vaswani2017attention')!;
  assert.equal(v.title, 'Attention Is All You Need');
  assert.deepEqual(v.authors, ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
  assert.equal(v.year, 2017);
  assert.equal(v.arxivId, '1706.03762');
  assert.equal(v.venue, 'Advances in Neural Information Processing Systems 30');
  assert.deepEqual(v.keywords, ['transformers', 'attention']);
  assert.equal(v.line, 6);
  assert.equal(v.file, '/lib/zotero.bib');

  const m = byKey.get('muller2020uber')!;
  assert.equal(m.title, 'Über die Größe von Netzen – eine Studie');
  assert.deepEqual(m.authors, ['Jörg Müller', 'José García']);
  assert.equal(m.year, 2020);
  assert.equal(m.venue, 'Zeitschrift für Netze');
  assert.deepEqual(m.keywords, ['networks', 'size']);
  assert.equal(m.arxivId, undefined);

  const o = byKey.get('ostrom2024nested')!;
  assert.equal(o.title, 'Nested Braces Inside and “Quotes”');
  assert.deepEqual(o.authors, ['Elin Østrom']);
  assert.equal(o.year, 2024, 'year inherited through crossref');
  assert.equal(o.venue, 'Proceedings of the 41st International Conference on Machine Learning');
  assert.equal(o.line, 31);

  const a = byKey.get('angstrom2026rlhf')!;
  assert.equal(a.title, 'Safe RLHF with High-Confidence Constraints');
  assert.deepEqual(a.authors, ['Fatima Ångström']);
  assert.equal(a.arxivId, '9999.00004');
  assert.equal(a.line, 43);
});

test('the CSL-JSON file: names, dates, keywords, the arXiv DOI, lines', () => {
  const parsed = parseSource('/lib/extra.json', read('extra.json'));
  assert.deepEqual(parsed.diagnostics, []);
  const [l, h] = parsed.entries;
  assert.equal(l.key, 'lovelace1843notes');
  assert.equal(l.title, 'Notes on the Analytical Engine');
  assert.deepEqual(l.authors, ['Ada Lovelace']);
  assert.equal(l.year, 1843);
  assert.deepEqual(l.keywords, ['computing', 'engines']);
  assert.equal(l.venue, 'Scientific Memoirs');
  assert.equal(l.line, 2);
  assert.equal(h.key, 'hopper2019bert');
  assert.deepEqual(h.authors, ['Grace Hopper Institute']);
  assert.equal(h.year, 2019);
  assert.equal(h.arxivId, '1810.04805');
  assert.equal(h.line, 12);
});

test('broken CSL-JSON is one diagnostic at the line where it breaks', () => {
  const parsed = parseSource('x.json', '[\n  {"id": "a",\n   "title": "A",,\n  }\n]');
  assert.equal(parsed.entries.length, 0);
  assert.equal(parsed.diagnostics.length, 1);
  assert.equal(parsed.diagnostics[0].line, 2);
});

test('LaTeX to Unicode', () => {
  const cases: Array<[string, string]> = [
    ['{\\"u}ber', 'über'],
    ["\\'e\\`a\\^o\\~n", 'éàôñ'],
    ['Stra{\\ss}e', 'Straße'],
    ['\\c{c}a \\v{s} \\v s \\H{o} \\k{a} \\u{g} \\r{a} \\={o} \\.{z}', 'ça š š ő ą ğ å ō ż'],
    ['Pages 1--10 and---so', 'Pages 1–10 and—so'],
    ['a~b', 'a\u00a0b'],
    ['\\emph{Deep} \\textbf{nets}', 'Deep nets'],
    ["{\\AA}ngstr{\\\"o}m {\\o}l {\\L}{\\'o}d{\\'z}", 'Ångström øl Łódź'],
    ['$O(n \\log n)$ sorting', '$O(n \\log n)$ sorting'],
    ['50\\% \\& more', '50% & more'],
    ['{{Nested {deeply}}} text', 'Nested deeply text'],
    ['\\unknowncommand{kept} \\alone', 'kept'],
  ];
  for (const [input, want] of cases) assert.equal(latexToUnicode(input), want, input);
});

test('BibTeX syntax: parentheses, quotes with braces, # joins, undefined macros, % comments, @ in comments', () => {
  const text = [
    'An e-mail: someone@example.org is not an entry.',
    '@STRING(pub = {Pub})',
    '% @misc{commented, title={No}}',
    '@Article(paren, title = "A {"}quoted{"} title", publisher = pub # { House}, note = undefinedmacro, year = 1999)',
    '@misc{trailing, title={T},}',
    '@misc{nofields}',
  ].join('\n');
  const r = parseBibtex(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.entries.map((e) => e.key), ['paren', 'trailing', 'nofields']);
  assert.equal(r.entries[0].type, 'article');
  assert.equal(r.entries[0].fields.title, 'A {"}quoted{"} title');
  assert.equal(r.entries[0].fields.publisher, 'Pub House');
  assert.equal(r.entries[0].fields.note, '');
  assert.equal(r.entries[0].line, 3);
});

test('hostile input: nothing throws, broken entries are skipped one by one, good ones still count', () => {
  const good = '@misc{good, title = {Good}}';
  const hostile = [
    '@misc{', '@misc{nokey', '@misc{k, title = }', '@misc{k2, title = {unclosed', '@misc{k3 title = {x}}', '@', '@@@@',
    '{{{{', '}}}}', '@misc{k4, = {x}}', '@string{= "x"}', `@misc{deep, title = {${'{'.repeat(5000)}x${'}'.repeat(5000)}}}`,
    '\u0000\uFFFF\uD800', '@misc{k5, title = "open quote}',
  ];
  for (const h of hostile) {
    const r = parseSource('h.bib', `${h}\n${good}\n`);
    assert.ok(r.entries.some((e) => e.key === 'good'), `good entry survives ${JSON.stringify(h.slice(0, 30))}`);
  }
  const many = parseSource('m.bib', [good, '@misc{bad1, title = {x}', good.replace('good', 'good2'), '@misc{bad2 title={y}}', good.replace('good', 'good3')].join('\n'));
  assert.deepEqual(many.entries.map((e) => e.key), ['good', 'good2', 'good3']);
  assert.deepEqual(many.diagnostics.map((d) => d.line), [1, 3]);
});

test('several sources: the first definition of a key wins', () => {
  const a = parseSource('a.bib', '@misc{same, title = {From A}}\n@misc{onlya, title = {A}}');
  const b = parseSource('b.json', '[{"id": "same", "title": "From B"}, {"id": "onlyb", "title": "B"}]');
  const merged = mergeSources([a, b]);
  assert.deepEqual(merged.map((e) => `${e.key}:${e.title}`), ['same:From A', 'onlya:A', 'onlyb:B']);
});
