import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanNote, type PaperRef, type TextRange } from '../../src/core/notes/index';

/** The source text a range points at, the way an editor would read it. */
function slice(source: string, r: TextRange): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (r.line === r.endLine) return lines[r.line].slice(r.col, r.endCol);
  return [lines[r.line].slice(r.col), ...lines.slice(r.line + 1, r.endLine), lines[r.endLine].slice(0, r.endCol)].join('\n');
}

function summary(source: string): Array<[string, string, string]> {
  return scanNote(source).refs.map((r: PaperRef) => [r.kind, (r.key ?? r.id ?? '') + (r.version ?? ''), slice(source, r.range)]);
}

test('pandoc citations: single, grouped, with prefix/locator, suppress-author, braced, in-bracket grammar', () => {
  const src = 'A [@muller2026deep] b [@a1; @b_2] c [see @doe:99.x, p. 3] d [-@smith2020] e [@{odd/key}] f [@doe99.]\n';
  assert.deepEqual(summary(src), [
    ['pandoc', 'muller2026deep', '@muller2026deep'],
    ['pandoc', 'a1', '@a1'],
    ['pandoc', 'b_2', '@b_2'],
    ['pandoc', 'doe:99.x', '@doe:99.x'],
    ['pandoc', 'smith2020', '@smith2020'],
    ['pandoc', 'odd/key', '@{odd/key}'],
    ['pandoc', 'doe99', '@doe99'],
  ]);
});

test('brackets that pandoc would not read as citations are not citations', () => {
  const src = 'mail [me@example.org] · [text; @a] · [@a](https://example.org) · \\[@esc] · @bare · [`@code`]\n';
  assert.deepEqual(summary(src), []);
});

test('footnote stubs are reported, their definitions are not', () => {
  const src = 'Claim[^muller2026deep] and[^1].\n\n[^muller2026deep]: Müller, "Deep", arXiv:2601.00001\n';
  assert.deepEqual(summary(src), [
    ['footnote', 'muller2026deep', '[^muller2026deep]'],
    ['footnote', '1', '[^1]'],
    ['arxiv', '2601.00001', 'arXiv:2601.00001'],
  ]);
});

test('arXiv and Hugging Face links in every shape, with versions', () => {
  const src = [
    'a [paper](https://arxiv.org/abs/2410.02604v2) b [pdf](http://www.arxiv.org/pdf/2410.02604.pdf)',
    'c <https://huggingface.co/papers/2501.00001> d https://export.arxiv.org/pdf/hep-th/9901001v1.pdf e',
    'f [old](https://arxiv.org/abs/math.GT/0309136) g [not](https://example.org/abs/2410.02604) h <https://arxiv.org/list/cs>',
    'i [hf](https://huggingface.co/papers/2501.00002?x=1#y) j https://ARXIV.org/abs/2501.00003v4.',
  ].join('\n');
  assert.deepEqual(summary(src), [
    ['link', '2410.02604v2', '[paper](https://arxiv.org/abs/2410.02604v2)'],
    ['link', '2410.02604', '[pdf](http://www.arxiv.org/pdf/2410.02604.pdf)'],
    ['autolink', '2501.00001', 'https://huggingface.co/papers/2501.00001'],
    ['autolink', 'hep-th/9901001v1', 'https://export.arxiv.org/pdf/hep-th/9901001v1.pdf'],
    ['link', 'math.GT/0309136', '[old](https://arxiv.org/abs/math.GT/0309136)'],
    ['link', '2501.00002', '[hf](https://huggingface.co/papers/2501.00002?x=1#y)'],
    ['autolink', '2501.00003v4', 'https://ARXIV.org/abs/2501.00003v4'],
  ]);
});

test('bare arXiv ids: new and old style, any case, whole ids only', () => {
  const src = 'See arXiv:2401.12345v3, ARXIV:hep-th/9901001 and arxiv:0704.0001.\nNot: xarXiv:2401.00001 arXiv:2401.123456 arXiv:12.34 arXiv: 2401.00002\n';
  assert.deepEqual(summary(src), [
    ['arxiv', '2401.12345v3', 'arXiv:2401.12345v3'],
    ['arxiv', 'hep-th/9901001', 'ARXIV:hep-th/9901001'],
    ['arxiv', '0704.0001', 'arxiv:0704.0001'],
  ]);
});

test('code spans, fenced and indented code, HTML blocks and front matter are ignored', () => {
  const src = [
    '---',
    'title: "[@fm] arXiv:2401.00001"',
    '---',
    'Text `[@span]` and `` arXiv:2401.00002 `` then [@real].',
    '',
    '    [@indented] arXiv:2401.00003',
    '',
    '```md',
    '[@fenced] https://arxiv.org/abs/2401.00004',
    '```',
    '',
    '~~~',
    '[^fenced]',
    '~~~',
    '',
    '<div>',
    '[@html] arXiv:2401.00005',
    '</div>',
    '',
    'End <span title="[@attr]">x</span> <!-- [@comment] -->',
  ].join('\n');
  assert.deepEqual(summary(src), [['pandoc', 'real', '@real']]);
});

test('ranges stay exact inside quotes, lists, tables, headings, after emoji and with CRLF', () => {
  const src = [
    '# Title with [@head]',
    '> quoted\n>   text [@quoted] more',
    '- item',
    '  1. nested 🚀🚀 [@nested; @n2]',
    '',
    '| a | b [@c1] |',
    '|---|---|',
    '| [@c1] | arXiv:2402.00002 |',
    '',
    'Setext with [@setext]',
    '===',
    'x\ttab [^tab]',
  ].join('\r\n');
  const refs = scanNote(src).refs;
  assert.deepEqual(summary(src).map((r) => r[2]), ['@head', '@quoted', '@nested', '@n2', '@c1', '@c1', 'arXiv:2402.00002', '@setext', '[^tab]']);
  // the two @c1 are distinct cells: different positions
  assert.notDeepEqual(refs[4].range, refs[5].range);
  assert.deepEqual(refs[2].range, { line: 4, col: 18, endLine: 4, endCol: 25 });
});

test('a link spanning lines gets a multi-line range', () => {
  const src = 'Read [the\npaper](https://arxiv.org/abs/2401.00009) now.';
  const [ref] = scanNote(src).refs;
  assert.deepEqual(ref.range, { line: 0, col: 5, endLine: 1, endCol: 40 });
  assert.equal(slice(src, ref.range), '[the\npaper](https://arxiv.org/abs/2401.00009)');
});

test('front matter: title and tags in flow, block and comma forms', () => {
  assert.deepEqual(scanNote('---\ntitle: Plain # comment\ntags: [ml, "a, b", \'c\']\n---\n# H1\n').tags, ['ml', 'a, b', 'c']);
  const block = scanNote('---\ntags:\n  - one\n  - "two"\n\ntitle: \'It\'\'s\'\n---\nbody');
  assert.deepEqual([block.title, block.tags], ["It's", ['one', 'two']]);
  const comma = scanNote('\uFEFF---\r\ntitle: "Esc \\"q\\" \\u00e9"\r\ntags: x, y z\r\n...\r\n# Not the title\r\n');
  assert.deepEqual([comma.title, comma.tags], ['Esc "q" é', ['x', 'y z']]);
  // an unclosed fence is not front matter
  const open = scanNote('---\ntitle: nope\n');
  assert.deepEqual([open.title, open.tags], [undefined, []]);
});

test('title falls back to the first level-1 heading; headings lists every level', () => {
  const note = scanNote('Intro\n\n## Second `code`\n\nFirst H1\n===\n\n# Later H1\n');
  assert.equal(note.title, 'First H1');
  assert.deepEqual(note.headings, ['Second code', 'First H1', 'Later H1']);
  assert.equal(scanNote('no heading').title, undefined);
});

test('text keeps prose and citations but drops code, front matter and URLs', () => {
  const note = scanNote(
    '---\ntitle: Secret front\n---\nHello *world* [@k] see https://arxiv.org/abs/2401.00001 and [link text](https://example.org/hidden).\n\n```\nhidden code\n```\n\n`inline hidden` &amp; done\n',
  );
  assert.match(note.text, /Hello world \[@k\] see +and link text\./);
  assert.match(note.text, /& done/);
  for (const gone of ['Secret', 'hidden', 'arxiv.org', 'example.org']) assert.ok(!note.text.includes(gone), gone);
});

test('never throws, whatever the input', () => {
  let junk = '';
  for (let i = 0; i < 200_000; i++) junk += String.fromCharCode((i * 7919) % 65536);
  const inputs: unknown[] = [
    junk, '', '\0\0\0', '\uD800[@a]\uDFFF', '['.repeat(100_000), '[@a'.repeat(30_000), '[^'.repeat(50_000),
    '> '.repeat(50_000) + '[@deep]', '- '.repeat(10_000) + 'x', '---\n'.repeat(3), null, undefined, 42,
    ('See [@a; @b] arXiv:2401.00001 `c`\n\n').repeat(10_000),
  ];
  for (const input of inputs) {
    const note = scanNote(input as string);
    assert.ok(Array.isArray(note.refs) && typeof note.text === 'string');
    for (const r of note.refs) assert.ok(r.range.line >= 0 && r.range.col >= 0);
  }
  assert.equal(scanNote(inputs[13] as string).refs.length, 30_000);
  assert.deepEqual(summary('\uD800[@a]\uDFFF'), [['pandoc', 'a', '@a']]);
});

test('in generated documents every range points at its reference text, and code never yields refs', () => {
  const pieces = [
    '[@k1]', '[see @k2, p. 3; @k3]', '[^k4]', 'arXiv:2401.00001v2', '<https://arxiv.org/abs/2401.00002>',
    'https://huggingface.co/papers/2401.00003', '[t](https://arxiv.org/pdf/2401.00004.pdf)', '`[@code]`', '**bold**',
    '🚀', 'é', '\t', '  ', '\n', '\n\n', '> ', '- ', '1. ', '# ', '| ', ' |', '\\', '*', '_', '[', ']', '(', ')', '<', 'x', 'word',
  ];
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let checked = 0;
  for (let doc = 0; doc < 400; doc++) {
    let src = '';
    const len = 5 + rand(40);
    for (let i = 0; i < len; i++) src += pieces[rand(pieces.length)] + (rand(3) ? ' ' : '');
    for (const ref of scanNote(src).refs) {
      const text = slice(src, ref.range);
      if (ref.kind === 'pandoc') assert.equal(text, `@${ref.key}`, src);
      else if (ref.kind === 'footnote') assert.equal(text, `[^${ref.key}]`, src);
      else if (ref.kind === 'arxiv') assert.equal(text.toLowerCase(), `arxiv:${ref.id}${ref.version ?? ''}`, src);
      else if (ref.kind === 'autolink') assert.match(text, /^https:\/\/\S+$/, src);
      else assert.match(text, /^\[[\s\S]*\]\(https:\/\/arxiv\.org\/pdf\/2401\.00004\.pdf\)$/, src);
      assert.notEqual(ref.key, 'code', src);
      checked++;
    }
  }
  assert.ok(checked > 500, `only ${checked} refs checked`);
});
