// The one reader for pasted ids and paper URLs, on hand-written cases (what people paste, and what must not pass).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperIdFromArg, parsePaperId, parsePaperIds } from '../../src/core/papers/paper-ids';

test('ids in every form people write them', () => {
  const cases: Array<[string, string, string?]> = [
    ['2401.01234', '2401.01234'],
    ['2401.01234v2', '2401.01234', 'v2'],
    ['1501.0001', '1501.0001'],
    ['  2401.01234  ', '2401.01234'],
    ['arXiv:2401.01234', '2401.01234'],
    ['arxiv: 2401.01234v3', '2401.01234', 'v3'],
    ['ARXIV:hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001', 'v2'],
    ['math.GT/0309136', 'math.GT/0309136'],
  ];
  for (const [text, id, version] of cases) assert.deepEqual(parsePaperId(text), version ? { id, version } : { id }, text);
});

test('arXiv, Hugging Face and alphaXiv URLs', () => {
  const cases: Array<[string, string, string?]> = [
    ['https://arxiv.org/abs/2401.01234', '2401.01234'],
    ['https://arxiv.org/abs/2401.01234v2', '2401.01234', 'v2'],
    ['http://arxiv.org/abs/2401.01234/', '2401.01234'],
    ['https://www.arxiv.org/abs/2401.01234?context=cs', '2401.01234'],
    ['https://export.arxiv.org/abs/2401.01234#section', '2401.01234'],
    ['arxiv.org/abs/2401.01234', '2401.01234'],
    ['https://arxiv.org/pdf/2401.01234', '2401.01234'],
    ['https://arxiv.org/pdf/2401.01234v3', '2401.01234', 'v3'],
    ['https://arxiv.org/pdf/2401.01234v3.pdf', '2401.01234', 'v3'],
    ['https://arxiv.org/pdf/2401.01234.pdf', '2401.01234'],
    ['https://arxiv.org/html/2401.01234v1', '2401.01234', 'v1'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'hep-th/9901001', 'v1'],
    ['https://huggingface.co/papers/2401.01234', '2401.01234'],
    ['huggingface.co/papers/2401.01234', '2401.01234'],
    ['https://huggingface.co/papers/2401.01234#community', '2401.01234'],
    ['https://www.alphaxiv.org/abs/2401.01234', '2401.01234'],
    ['<https://arxiv.org/abs/2401.01234>', '2401.01234'],
    ['(https://arxiv.org/abs/2401.01234).', '2401.01234'],
    ['2401.01234.', '2401.01234'],
  ];
  for (const [text, id, version] of cases) assert.deepEqual(parsePaperId(text), version ? { id, version } : { id }, text);
});

test('what is not a paper id stays unparsed', () => {
  for (const text of [
    '', 'hello', '2401.123', '2401.123456', '240101234', 'v2', 'arXiv:', 'https://example.com/abs/2401.01234',
    'https://arxiv.org/list/cs.CL/recent', 'https://huggingface.co/2401.01234', 'https://arxiv.org/abs/../../etc/passwd',
    'javascript:alert(1)//arxiv.org/abs/2401.01234', 'ftp://arxiv.org/abs/2401.01234', 'https://evilarxiv.org/abs/2401.01234',
    'https://arxiv.org.evil.com/abs/2401.01234', '2401.01234v', 'HEP-TH/9901001', 'hep-th/990100',
  ]) assert.equal(parsePaperId(text), undefined, text);
});

test('several pasted together: whitespace, commas, semicolons; each id once, the rest reported', () => {
  const text = 'https://arxiv.org/abs/2401.01234v2, 2402.00001\n  arXiv:hep-th/9901001;huggingface.co/papers/2401.01234 nonsense 2403.00002';
  assert.deepEqual(parsePaperIds(text), {
    ids: [{ id: '2401.01234', version: 'v2' }, { id: '2402.00001' }, { id: 'hep-th/9901001' }, { id: '2403.00002' }],
    invalid: ['nonsense'],
  });
  assert.deepEqual(parsePaperIds('   '), { ids: [], invalid: [] });
});

test('command arguments: id or URL strings, tree nodes, {paperId}, {id}', () => {
  assert.equal(paperIdFromArg('2401.01234v2'), '2401.01234');
  assert.equal(paperIdFromArg('https://arxiv.org/abs/2401.01234'), '2401.01234');
  assert.equal(paperIdFromArg({ kind: 'paper', day: '2026-07-30', paper: { id: '2401.01234' } }), '2401.01234');
  assert.equal(paperIdFromArg({ paperId: 'hep-th/9901001' }), 'hep-th/9901001');
  assert.equal(paperIdFromArg({ id: '2401.01234' }), '2401.01234');
  assert.equal(paperIdFromArg({ kind: 'day', day: '2026-07-30' }), undefined);
  assert.equal(paperIdFromArg('not an id'), undefined);
  assert.equal(paperIdFromArg(42), undefined);
  assert.equal(paperIdFromArg(undefined), undefined);
});
