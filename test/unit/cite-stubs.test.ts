import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationStub, fillTemplate, markdownText } from '../../src/core/cite/stubs';
import { literatureNote, noteFileName, yamlString } from '../../src/core/cite/literature-note';
import { scanNote } from '../../src/core/notes/index';
import type { Paper } from '../../src/core/papers/model';

function paper(over: Partial<Paper> = {}): Paper {
  return {
    id: '2410.02604', version: 'v2', title: 'Deep [Nets]\n\\ <b>fast</b>', abstract: 'Line one.\n# not a heading\n- nor a list <script>',
    authors: ['Hans Müller', 'Ana Lee', 'Bo Li', 'Zoe Ng'], upvotes: 0, numComments: 0,
    aiKeywords: ['vision', 'a "quoted", tag'], publishedAt: '2024-10-03T00:00:00Z', ...over,
  };
}

test('pandoc style is [@key]', () => {
  assert.deepEqual(citationStub(paper(), 'muller2024deep'), { text: '[@muller2024deep]' });
  assert.deepEqual(citationStub(paper(), 'k', 'pandoc'), { text: '[@k]' });
});

test('link style escapes the title and links the abs page', () => {
  const stub = citationStub(paper(), 'k', 'link');
  assert.equal(stub.text, '[Deep \\[Nets\\] \\\\ \\<b\\>fast\\</b\\>](https://arxiv.org/abs/2410.02604)');
  // the scanner reads it back as one link to the paper, and nothing else
  const refs = scanNote(stub.text).refs;
  assert.deepEqual(refs.map((r) => [r.kind, r.id]), [['link', '2410.02604']]);
});

test('footnote style returns the stub and a one-line definition', () => {
  const stub = citationStub(paper({ authors: ['Hans Müller', 'Ana Lee'] }), 'muller2024deep', 'footnote');
  assert.equal(stub.text, '[^muller2024deep]');
  assert.equal(
    stub.definition,
    '[^muller2024deep]: Hans Müller, Ana Lee, "Deep \\[Nets\\] \\\\ \\<b\\>fast\\</b\\>", arXiv:2410.02604, https://arxiv.org/abs/2410.02604',
  );
  assert.match(citationStub(paper(), 'k', 'footnote').definition!, /^\[\^k\]: Hans Müller et al\., "/);
  assert.match(citationStub(paper({ authors: [] }), 'k', 'footnote').definition!, /^\[\^k\]: "Deep/);
});

test('template style fills known placeholders and leaves unknown ones', () => {
  const stub = citationStub(paper(), 'k', 'template', '\\cite{{key}} {title} ({year}) {id} {url} {authors} {nope}');
  assert.equal(stub.text, '\\cite{k} Deep [Nets] \\ <b>fast</b> (2024) 2410.02604 https://arxiv.org/abs/2410.02604 Hans Müller, Ana Lee, Bo Li, Zoe Ng {nope}');
  assert.equal(fillTemplate('{constructor}{toString}', {}), '{constructor}{toString}');
});

test('markdownText keeps TeX readable but defuses Markdown', () => {
  assert.equal(markdownText('$\\alpha$ [x] `y` *z* a_b <i>'), '$\\\\alpha$ \\[x\\] \\`y\\` \\*z\\* a\\_b \\<i\\>');
  assert.equal(markdownText('end\\'), 'end\\\\');
});

test('literature note: front matter the scanner reads back, quoted abstract, notes section', () => {
  const p = paper();
  const note = literatureNote(p, 'muller2024deep', { date: '2026-11-26' });
  const scanned = scanNote(note);
  assert.equal(scanned.title, 'Deep [Nets] \\ <b>fast</b>');
  assert.deepEqual(scanned.tags, ['vision', 'a "quoted", tag']);
  assert.deepEqual(scanned.refs.map((r) => [r.kind, r.key ?? r.id]), [['pandoc', 'muller2024deep'], ['autolink', '2410.02604']]);
  assert.ok(note.startsWith('---\ntitle: "Deep [Nets] \\\\ <b>fast</b>"\nauthors: ["Hans Müller", "Ana Lee", "Bo Li", "Zoe Ng"]\n'));
  assert.match(note, /\nkey: "muller2024deep"\nurl: "https:\/\/arxiv.org\/abs\/2410.02604"\n/);
  assert.match(note, /\n> Line one\.\n> \\# not a heading\n> \\- nor a list \\<script\\>\n/);
  assert.match(note, /\n## Notes\n/);
  assert.deepEqual(scanned.headings, ['Deep [Nets] \\ <b>fast</b>', 'Notes']);
});

test('literature note from a user template, with {abstract} {tags} {date}', () => {
  const note = literatureNote(paper(), 'k', { template: 'title: "{title}"\ntags: [{tags}]\n{date}\n{abstract}\n{unknown}', date: '2026-01-02' });
  assert.equal(note, 'title: "Deep [Nets] \\\\ <b>fast</b>"\ntags: [vision, a \\"quoted\\", tag]\n2026-01-02\nLine one.\n# not a heading\n- nor a list <script>\n{unknown}');
});

test('yamlString escapes what YAML forbids raw; note file names are safe', () => {
  assert.equal(yamlString('a"b\\c\n\u0085\u2028'), '"a\\"b\\\\c\\n\\u0085\\u2028"');
  assert.equal(noteFileName('muller2024deep'), 'muller2024deep.md');
  assert.equal(noteFileName('../x y'), '__x_y.md');
});
