import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignKeys, keyCandidate, surnameOf } from '../../src/core/cite/keys';
import { asciiFold } from '../../src/core/cite/fold';
import type { Paper } from '../../src/core/papers/model';

function paper(id: string, title: string, authors: string[], publishedAt?: string): Paper {
  return { id, title, authors, abstract: '', upvotes: 0, numComments: 0, aiKeywords: [], publishedAt };
}

test('asciiFold strips accents and transliterates letters that do not decompose', () => {
  assert.equal(asciiFold('Müller'), 'muller');
  assert.equal(asciiFold('Straße'), 'strasse');
  assert.equal(asciiFold('Øster-Łukasz'), 'osterlukasz');
  assert.equal(asciiFold('Æsir Œuvre Đorđe Þór'), 'aesiroeuvredordethor');
  assert.equal(asciiFold('Ångström Çelik Nguyễn'), 'angstromceliknguyen');
  assert.equal(asciiFold('张伟 🚀 <b>'), 'b');
});

test('surnameOf takes the last word, drops particles and suffixes, reads "Surname, Given"', () => {
  assert.equal(surnameOf('Hans Müller'), 'muller');
  assert.equal(surnameOf('Ludwig van Beethoven'), 'beethoven');
  assert.equal(surnameOf('Jan van der Berg'), 'berg');
  assert.equal(surnameOf('van der Berg, Jan'), 'berg');
  assert.equal(surnameOf('Maria de la Cruz'), 'cruz');
  assert.equal(surnameOf('García Márquez, Gabriel'), 'garciamarquez');
  assert.equal(surnameOf('Martin Luther King Jr.'), 'king');
  assert.equal(surnameOf('John Smith, Jr.'), 'smith');
  assert.equal(surnameOf('Yann LeCun (NYU)'), 'lecun');
  assert.equal(surnameOf('Plato'), 'plato');
  assert.equal(surnameOf('Wei Zhang 张伟'), 'zhang');
  assert.equal(surnameOf('张伟'), '');
});

test('keyCandidate is surname + year + first significant title word', () => {
  assert.equal(keyCandidate(paper('2601.00001', 'Deep Learning for Cats', ['Hans Müller'], '2026-01-02T00:00:00Z')), 'muller2026deep');
  assert.equal(keyCandidate(paper('2601.00001', 'On the Theory of Towards', ['A B'])), 'b2026theory');
  assert.equal(keyCandidate(paper('2601.00001', 'Towards Self-Supervised Über-Models', ['A Ørsted'])), 'orsted2026self');
  // no author → anon; no year (old-style id, no date) → omitted; no word → omitted
  assert.equal(keyCandidate(paper('hep-th/9901001', 'The', [])), 'anon');
  assert.equal(keyCandidate(paper('hep-th/9901001', '🚀 <script>', ['', '  '])), 'anon');
  assert.equal(keyCandidate(paper('2601.00001', '<b>Deep</b> 1 < 2', ['Li'])), 'li2026deep');
  assert.equal(keyCandidate({ id: 'x', title: 'Ξ', authors: ['张伟'], day: '2025-03-04' }), 'anon2025');
});

test('assignKeys suffixes collisions a, b, … and keeps every key unique', () => {
  const ps = Array.from({ length: 30 }, (_, i) => paper(`2601.${String(i).padStart(5, '0')}`, 'Deep nets', ['Li Wang']));
  const keys = assignKeys({}, ps);
  assert.equal(keys['2601.00000'], 'wang2026deep');
  assert.equal(keys['2601.00001'], 'wang2026deepa');
  assert.equal(keys['2601.00002'], 'wang2026deepb');
  assert.equal(keys['2601.00026'], 'wang2026deepz');
  assert.equal(keys['2601.00027'], 'wang2026deepaa');
  assert.equal(keys['2601.00028'], 'wang2026deepab');
  assert.equal(new Set(Object.values(keys)).size, 30);
});

test('assignKeys never changes an existing key, even when a new paper would sort first', () => {
  const late = paper('2601.00009', 'Deep nets', ['Li Wang']);
  const first = assignKeys({}, [late]);
  assert.deepEqual(first, { '2601.00009': 'wang2026deep' });
  const early = paper('2601.00001', 'Deep nets', ['Li Wang']);
  const second = assignKeys(first, [early, late]);
  assert.deepEqual(second, { '2601.00009': 'wang2026deep', '2601.00001': 'wang2026deepa' });
  // the input map is not mutated and foreign keys survive
  assert.deepEqual(first, { '2601.00009': 'wang2026deep' });
  assert.equal(assignKeys({ gone: 'wang2026deepb' }, [paper('2601.00002', 'Deep', ['L Wang'])])['2601.00002'], 'wang2026deep');
});

test('assignKeys is deterministic whatever the input order, and ignores duplicates', () => {
  const ps = [
    paper('2601.00003', 'Deep A', ['Li Wang']),
    paper('2601.00001', 'Deep B', ['Li Wang']),
    paper('2601.00002', 'Deep C', ['Li Wang']),
  ];
  const a = assignKeys({}, ps);
  const b = assignKeys({}, [...ps].reverse().concat(ps));
  assert.deepEqual(a, b);
  assert.deepEqual(a, { '2601.00001': 'wang2026deep', '2601.00002': 'wang2026deepa', '2601.00003': 'wang2026deepb' });
});

test('a thousand papers with one base key get distinct suffixes quickly', () => {
  const ps = Array.from({ length: 1000 }, (_, i) => paper(`2601.${String(i).padStart(5, '0')}`, 'Deep', ['Li Wang']));
  const keys = assignKeys({}, ps);
  assert.equal(new Set(Object.values(keys)).size, 1000);
  assert.equal(keys['2601.00999'], 'wang2026deepalk');
  const more = assignKeys(keys, [paper('2601.01000', 'Deep', ['Li Wang'])]);
  assert.equal(more['2601.01000'], 'wang2026deepall');
});

test('a base key that looks like a suffixed one still stays unique', () => {
  const keys = assignKeys({}, [
    paper('2601.00001', 'Deep', ['Li Wang']),
    paper('2601.00002', 'Deep', ['Li Wang']),
    paper('2601.00003', 'Deepa', ['Li Wang']),
  ]);
  assert.equal(new Set(Object.values(keys)).size, 3);
  assert.equal(keys['2601.00003'], 'wang2026deepaa');
});

test('assignKeys never hands out a taken key (a bibliography entry has it), suffixing past it', () => {
  const p = paper('2601.00002', 'Deep', ['L Wang'], '2026-01-01T00:00:00Z');
  assert.deepEqual(assignKeys({}, [p], ['wang2026deep', 'wang2026deepa']), { '2601.00002': 'wang2026deepb' });
  assert.deepEqual(assignKeys({ other: 'wang2026deepb' }, [p], ['wang2026deep']), { other: 'wang2026deepb', '2601.00002': 'wang2026deepa' });
});
