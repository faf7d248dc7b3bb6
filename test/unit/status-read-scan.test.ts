import * as assert from 'node:assert/strict';
import { STATUS_READ, statusReadOf, statusReadPattern } from '../../server/src/service/diagnostics/statusReadRequests';

/**
 * The status reads of a response variable are found with one pattern per grammar (any name, each match's name
 * compared) instead of a pattern per variable: both must answer the same for every text and name.
 */
describe('status reads: one pattern per grammar equals a pattern per variable', () => {
  const pieces = [
    'res', 'resp', 'response', 'r', 'resp2', '$r', 'a$b', 'x.resp', 'self', 'this', '_res',
    '.', '?.', '!.', ' . ', '\n', ' ', '\t', '(', ')', '[', ']', ',', ';', '=', ' == ', ' != ', ' >= ', ' in ', ' not in ',
    'status', 'status_code', 'statusCode', 'ok', 'raise_for_status', 'StatusCode', 'IsSuccessStatusCode', 'EnsureSuccessStatusCode',
    'getStatusCode', 'getStatus', 'getResponseCode', 'isSuccessful', 'getStatusLine', 'statusCode()', '()', ' (', '( )',
    "['status']", '["code"]', "['status_code']", '429', '"503"', "'200'", '{', '99', '1234',
  ];
  // A fixed seed: the same texts every run.
  let seed = 20261207;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const names = ['res', 'resp', 'response', 'r', '$r', 'a$b', '_res', 'resp2'];

  it('agree on 500 random texts for every grammar and name', () => {
    let reads = 0;
    for (let t = 0; t < 500; t++) {
      let text = '';
      const length = 3 + next(25);
      // Half the pieces are a name, an access and a status word, so reads (and near misses) are common.
      const access = ['.', '?.', '!.', ' . ', '.\n', '[', ' '];
      const words = pieces.slice(pieces.indexOf('status'), pieces.indexOf('( )') + 1);
      for (let i = 0; i < length; i++) {
        text += next(2) ? pieces[next(pieces.length)] : names[next(names.length)] + access[next(access.length)] + words[next(words.length)];
      }
      for (const [grammar, pattern] of Object.entries(STATUS_READ)) {
        for (const name of names) {
          const own = new RegExp(statusReadPattern(grammar, pattern, name.replace(/\$/g, '\\$')));
          const expected = own.test(text);
          if (expected) reads++;
          assert.equal(statusReadOf(grammar, pattern, name).test(text), expected, `${grammar} ${name} in ${JSON.stringify(text)}`);
        }
      }
    }
    // The texts do hold reads (the comparison is not only of misses).
    assert.ok(reads > 100, `only ${reads} reads`);
  });

  it('finds a read that an earlier read of another name overlaps', () => {
    // In `x. status.status_code` the read of `x` (`x. status`) covers the start of the read of `status`.
    const text = 'x. status.status_code';
    assert.equal(statusReadOf('python', STATUS_READ.python, 'status').test(text), true);
    assert.equal(statusReadOf('python', STATUS_READ.python, 'x').test(text), true);
    assert.equal(statusReadOf('python', STATUS_READ.python, 'y').test(text), false);
  });
});
