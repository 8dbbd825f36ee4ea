// Pure helpers behind the editor's citation features: preview rendering, .bib sync, completion context, ranking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { citationPreviewPlugin, parseCitationGroup, shortTitle } from '../../src/core/cite/preview';
import { BIB_BEGIN, BIB_END, bibEntryKeys, syncBibliography } from '../../src/core/cite/bib-sync';
import { keyCompletionContext } from '../../src/core/cite/citation-context';
import { paperMatches, rankPapers } from '../../src/core/cite/paper-ranking';
import type { Paper } from '../../src/core/papers/model';
import { scanNote } from '../../src/core/notes/index';

const paper = (id: string, title: string, extra: Partial<Paper> = {}): Paper => ({
  id, title, abstract: '', authors: ['Nils Müller'], upvotes: 0, numComments: 0, aiKeywords: [], ...extra,
});

function md(papers: Record<string, Paper>) {
  return new MarkdownIt().use(citationPreviewPlugin, { lookup: (k: string) => papers[k] });
}

test('preview renders a known stub as the short title linking to arXiv, full title as tooltip', () => {
  const html = md({ muller2026long: paper('9999.00001', 'LongSeq: Decoupled Embeddings for Recommendation') })
    .render('See [@muller2026long, p. 3].');
  assert.match(html, /<a href="https:\/\/arxiv.org\/abs\/9999.00001" title="LongSeq: Decoupled Embeddings for Recommendation" data-citation-key="muller2026long">LongSeq<\/a>, p. 3/);
});

test('preview escapes hostile titles and leaves unknown keys, code and links alone', () => {
  const evil = paper('9999.00201', '<img src=x onerror=alert(1)>"quoted" & more words here to make it long enough');
  const r = md({ evil });
  const html = r.render('[@evil] [@nobody] `[@evil]` [@evil](https://example.com) a@evil.com');
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;&quot;quoted&quot; &amp;/);
  assert.match(html, /paper-notes-citation-unknown[^>]*>@nobody</);
  assert.match(html, /<code>\[@evil\]<\/code>/);
  assert.match(html, /<a href="https:\/\/example.com">@evil<\/a>/);
  assert.equal((html.match(/data-citation-key/g) ?? []).length, 1);
});

test('preview renders a bibliography entry by its own http(s) URL, or as plain text without one', () => {
  const lookup = (k: string) => ({
    lovelace: { title: 'Notes on the Analytical Engine', url: 'https://example.org/notes' },
    nourl: { title: 'Über die Größe' },
    evil: { title: 'Evil', url: 'javascript:alert(1)' },
  } as Record<string, { title: string; url?: string }>)[k];
  const html = new MarkdownIt().use(citationPreviewPlugin, { lookup }).render('[@lovelace; @nourl; @evil]');
  assert.match(html, /<a href="https:\/\/example.org\/notes" title="Notes on the Analytical Engine" data-citation-key="lovelace">Notes on the Analytical Engine<\/a>/);
  assert.match(html, /<span title="Über die Größe">Über die Größe<\/span>/);
  assert.match(html, /<span title="Evil">Evil<\/span>/);
  assert.doesNotMatch(html, /javascript/);
});

test('parseCitationGroup reads pandoc groups and rejects plain brackets', () => {
  assert.deepEqual(parseCitationGroup('see @a, p. 3; -@b')?.map((i) => [i.prefix, i.key, i.suffix, i.suppressAuthor]), [
    ['see ', 'a', ', p. 3', false], [' ', 'b', '', true],
  ]);
  assert.equal(parseCitationGroup('no citation'), undefined);
  assert.equal(parseCitationGroup('mail me@x.org'), undefined);
  assert.equal(parseCitationGroup('@a; plain'), undefined);
  assert.equal(parseCitationGroup('@key.')?.[0].key, 'key');
});

test('shortTitle cuts at a colon or near 40 characters', () => {
  assert.equal(shortTitle('BERT: Pre-training'), 'BERT');
  assert.equal(shortTitle('Short title'), 'Short title');
  const t = shortTitle('Long-Sequence Recommendation Models Need Decoupled Embeddings');
  assert.ok(t.endsWith('…') && t.length <= 41, t);
});

const entry = (key: string) => ({ key, bibtex: `@article{${key},\n  title = {T ${key}}\n}` });

test('syncBibliography writes a sorted generated block and is stable', () => {
  const first = syncBibliography(undefined, [entry('b'), entry('a'), entry('a')]);
  assert.deepEqual(first.written, ['a', 'b']);
  assert.ok(first.text.startsWith(BIB_BEGIN));
  assert.ok(first.text.trimEnd().endsWith(BIB_END));
  const again = syncBibliography(first.text, [entry('a'), entry('b')]);
  assert.equal(again.changed, false);
  assert.equal(again.text, first.text);
});

test('syncBibliography never touches entries it did not write', () => {
  const user = '% my refs\n@book{mine,\n  title = {Mine}\n}\n\n@article{b, title={User b}}\n';
  const r1 = syncBibliography(user, [entry('a'), entry('b')]);
  assert.ok(r1.text.startsWith(user), 'user text kept byte for byte');
  assert.deepEqual(r1.written, ['a']);
  assert.deepEqual(r1.userDefined, ['b']);
  const withTail = `${r1.text}\n@misc{tail, note={after}}\n`;
  const r2 = syncBibliography(withTail, [entry('c')]);
  assert.deepEqual(r2.dropped, ['a']);
  assert.ok(r2.text.startsWith(user));
  assert.ok(r2.text.endsWith('\n@misc{tail, note={after}}\n'));
  assert.deepEqual(bibEntryKeys(r2.text), ['mine', 'b', 'c', 'tail']);
});

test('keyCompletionContext finds the key being typed inside brackets only', () => {
  assert.deepEqual(keyCompletionContext('x [@', 4), { prefix: '', start: 4, end: 4 });
  assert.deepEqual(keyCompletionContext('x [@mul] y', 6), { prefix: 'mu', start: 4, end: 7 });
  assert.deepEqual(keyCompletionContext('[see @a; @b', 11), { prefix: 'b', start: 10, end: 11 });
  assert.equal(keyCompletionContext('mail a@b', 8), undefined);
  assert.equal(keyCompletionContext('no bracket @a', 13), undefined);
  assert.equal(keyCompletionContext('[done] @a', 9), undefined);
  assert.equal(keyCompletionContext('[^foot @a', 9), undefined);
});

test('rankPapers: recent first, then most cited, newest day, upvotes; paperMatches folds accents', () => {
  const ps = [
    paper('1', 'A', { day: '2026-07-29', upvotes: 99 }),
    paper('2', 'B', { day: '2026-07-30', upvotes: 1 }),
    paper('3', 'C', { day: '2026-07-30', upvotes: 5 }),
    paper('4', 'D', { day: '2026-07-01' }),
  ];
  const order = rankPapers({ papers: ps, citeCounts: new Map([['1', 2]]), recent: ['4'] }).map((p) => p.id);
  assert.deepEqual(order, ['4', '1', '3', '2']);
  assert.ok(paperMatches(ps[0], 'muller2026a', 'muller'));
  assert.ok(paperMatches(ps[0], 'k', 'müller a'));
  assert.ok(!paperMatches(ps[0], 'k', 'zzz'));
});

test('preview renders exactly the citation keys the scanner reports, edge cases included', () => {
  const r = new MarkdownIt({ html: true, linkify: true }).use(citationPreviewPlugin, { lookup: () => undefined });
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const rendered = (src: string) =>
    [...r.render(src).matchAll(/paper-notes-citation-unknown[^>]*>@([^<]*)</g)].map((m) => unescape(m[1]));
  const scanned = (src: string) => scanNote(src).refs.filter((x) => x.kind === 'pandoc').map((x) => x.key);
  const table = [
    '[@k]', '[see-@k]', '[@{k}]', '[see @{a.b/c}, p. 2]', '[`@k`]', '[see `x` @k]', '`[@k]`',
    '[see @a, p. 3; -@b]', '[-@k]', '[@a; plain]', '[mail me@x.org]', '[@key.]', '[@a&b<c]', '[@Müller2026]',
    '[@a:b//c]', '[@k](https://example.com)', '[@k][r]\n\n[r]: https://example.com', '[@k]\n\n[@k]: https://example.com',
    '[@k][]', '[@k] (aside)', '[^k]', '[^see @k]', '[@a\n@b]', '[x [@a] y]', '[@a [@b]]', '[@a\\]]', '\\[@k]',
    '<span>[@k]</span>', '[see @a;]', '[;@a]', '[@a;@b;@c]', '*[@a]* **[@b; @c]**', '# Title [@h]',
  ];
  for (const src of table) assert.deepEqual(rendered(src), scanned(src), JSON.stringify(src));
});
