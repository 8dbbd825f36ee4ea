// The editor layer's pure helpers: escaping untrusted text and the Daily Papers day arithmetic.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, excerpt } from '../../src/vscode/text';
import { addDays, lastDays, parseDayInput, todayString } from '../../src/vscode/dates';
import { isValidDay } from '../../src/core/papers/daily';

test('escapeMarkdown leaves no live Markdown or HTML', () => {
  const hostile = '<img src=x onerror=alert(1)> [click](command:evil) **bold** `code` # h & $(icon)';
  const out = escapeMarkdown(hostile);
  assert.doesNotMatch(out, /<img/);
  assert.match(out, /&lt;img/);
  assert.doesNotMatch(out, /(?<!\\)\[click(?<!\\)\]/);
  assert.ok(out.includes('\\*\\*bold\\*\\*'));
  assert.ok(out.includes('\\`code\\`'));
  assert.ok(out.includes('&amp;'));
  assert.ok(out.includes('\\$\\(icon\\)'));
});

test('escapeHtml encodes the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('excerpt cuts at a word boundary and flattens whitespace', () => {
  assert.equal(excerpt('short\n text'), 'short text');
  const long = 'word '.repeat(200);
  const e = excerpt(long, 50);
  assert.ok(e.length <= 51 && e.endsWith('…') && !e.includes('  '), e);
});

test('days: validity, arithmetic across months and leap years, the last N days', () => {
  assert.ok(isValidDay('2024-02-29'));
  assert.ok(!isValidDay('2026-02-29'));
  assert.ok(!isValidDay('2026-7-30'));
  assert.ok(isValidDay('1985-06-01'), 'one rule for editor and CLI: a calendar date, no arXiv-era floor');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.deepEqual(lastDays('2026-07-30', 3), ['2026-07-30', '2026-07-29', '2026-07-28']);
  assert.deepEqual(lastDays('2026-07-30', 0), []);
  assert.equal(todayString('2026-07-30'), '2026-07-30');
  assert.equal(todayString('junk', new Date(2026, 0, 5)), '2026-01-05');
});

test('Go to Date input: dates, today/yesterday, and helpful errors', () => {
  assert.deepEqual(parseDayInput(' Yesterday ', '2026-07-01'), { day: '2026-06-30' });
  assert.deepEqual(parseDayInput('today', '2026-07-01'), { day: '2026-07-01' });
  assert.deepEqual(parseDayInput('2026-06-15', '2026-07-01'), { day: '2026-06-15' });
  assert.match((parseDayInput('15/06/2026', '2026-07-01') as { error: string }).error, /YYYY-MM-DD/);
  assert.match((parseDayInput('2026-02-30', '2026-07-01') as { error: string }).error, /not a calendar date/);
  assert.match((parseDayInput('2026-08-01', '2026-07-01') as { error: string }).error, /future/);
});
