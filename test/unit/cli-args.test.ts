import { test } from 'node:test';
import assert from 'node:assert/strict';
import { list, parseArgs, str, UsageError } from '../../src/cli/args';

test('parseArgs reads values, booleans and positionals', () => {
  const p = parseArgs(['show', '--json', '--date=2026-01-02', '--cache', '/tmp/x'], { json: { boolean: true }, date: {}, cache: {} });
  assert.deepEqual(p.positionals, ['show']);
  assert.deepEqual(p.options, { json: true, date: '2026-01-02', cache: '/tmp/x' });
});

test('parseArgs rejects unknown flags and missing values', () => {
  assert.throws(() => parseArgs(['--nope'], {}), UsageError);
  assert.throws(() => parseArgs(['--date'], { date: {} }), UsageError);
  assert.throws(() => parseArgs(['--json=1'], { json: { boolean: true } }), UsageError);
});

test('a repeatable option keeps every value in order; a plain one keeps the last', () => {
  const p = parseArgs(['--bib', 'a.bib', '--notes', 'n1', '--bib=b.bib', '--notes', 'n2'], { bib: { repeatable: true }, notes: {} });
  assert.deepEqual(list(p, 'bib'), ['a.bib', 'b.bib']);
  assert.equal(str(p, 'notes'), 'n2');
  assert.deepEqual(list(parseArgs([], { bib: { repeatable: true } }), 'bib'), []);
  assert.throws(() => parseArgs(['--bib'], { bib: { repeatable: true } }), UsageError);
});
