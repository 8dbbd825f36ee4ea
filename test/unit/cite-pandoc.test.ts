// The .bib we write must go through Debian's `pandoc --citeproc` with zero warnings and render every title
// verbatim, whatever the titles, names and abstracts hold. pandoc is installed by test/harness/install.sh;
// without it this test fails (it must not pass by skipping).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignKeys } from '../../src/core/cite/keys';
import { bibtexFile } from '../../src/core/cite/bibtex';
import type { Paper } from '../../src/core/papers/model';

const HOSTILE_TITLES = [
  '<script>alert("x")</script> & <b>bold</b>',
  'javascript:alert(1) [click](javascript:alert(2))',
  'TeX: $\\frac{a}{b}$ \\emph{x} \\\\ \\end{document} \\input{/etc/passwd}',
  'Unbalanced { brace',
  'Unbalanced } brace }}',
  '100% of # & _ ~ ^ \\ specials',
  'Emoji 🚀👩‍🔬 and ünïcödé Łódź ß 中文',
  '"Double" \'single\' ``tex\'\' `back` quotes',
  '@misc{evil, title={pwned}} and @ signs',
  'Dashes a-b a--b a---b -- ---',
  'Deep Learning', // collides with the next two on key
  'Deep Learning again',
  'Deep Learning, the third',
  'Tabs\tand\nnewlines\r\nand\u0000controls\u0007here',
  'Ligatures ?` !` << >> ,, and ~~ ^^ __',
  'Lone surrogate \uD800 here',
  'L'.repeat(200_000),
];

function hostilePapers(): Paper[] {
  return HOSTILE_TITLES.map((title, i) => ({
    id: `2601.${String(10000 + i)}`,
    title,
    abstract: i === 0 ? 'A'.repeat(200_000) + ' <script>x</script> $\\alpha$ 50% {' : `Abstract ${i} with \\ { } $ & % # _ ^ ~`,
    authors:
      i < 10
        ? [['<img src=x onerror=alert(1)>', 'Tom and Jerry', "Conan O'Brien", 'Smith, Jr.', 'others', '{Brace', 'Łukasz Kaiser', '}', '', 'Ludwig van Beethoven'][i], 'Ana Lee']
        : ['Li Wang'],
    publishedAt: '2026-01-05T00:00:00Z',
    upvotes: 0,
    numComments: 0,
    aiKeywords: ['a#b', 'c%d', '{e}', '<f>'],
  }));
}

/** What the title should read as once rendered: one line, single spaces, no control characters. */
function rendered(title: string): string {
  return title
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/g, '\uFFFD')
    .replace(/[\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

test('pandoc --citeproc reads the generated .bib without a warning and renders every title verbatim', () => {
  const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  assert.ok(
    !version.error && version.status === 0,
    `pandoc is required for this test (install Debian's pandoc, e.g. via test/harness/install.sh): ${version.error?.message ?? version.stderr}`,
  );
  const papers = hostilePapers();
  const keys = assignKeys({}, papers);
  assert.equal(new Set(Object.values(keys)).size, papers.length, 'keys are unique');
  assert.ok(Object.values(keys).some((k) => k.endsWith('deepa')), 'the colliding titles really collide');

  const dir = mkdtempSync(join(tmpdir(), 'paper-notes-pandoc-'));
  try {
    writeFileSync(join(dir, 'refs.bib'), bibtexFile(papers.map((paper) => ({ paper, key: keys[paper.id] })), { abstract: true }));
    const cites = papers.map((p) => `Paper [@${keys[p.id]}].`).join('\n\n');
    writeFileSync(join(dir, 'note.md'), `# Note\n\n${cites}\n`);
    const run = spawnSync('pandoc', ['--citeproc', '--bibliography=refs.bib', '-t', 'plain', '--wrap=none', 'note.md'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(run.error, undefined);
    assert.equal(run.stderr, '', 'pandoc printed warnings');
    assert.equal(run.status, 0);
    for (const title of HOSTILE_TITLES) {
      assert.ok(run.stdout.includes(rendered(title)), `title not rendered verbatim: ${rendered(title).slice(0, 80)}`);
    }
    assert.ok(!run.stdout.includes('???'), 'no citation left unresolved');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
