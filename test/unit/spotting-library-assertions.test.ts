/**
 * Assertions of test libraries whose names are ordinary words (AVA's and node-tap's `t.is`/`t.same`, Go helpers
 * taking the test first, go-check's and quicktest's `Assert` with a checker): statuses compared there are asserted,
 * and the same words on another receiver, or with no test handle first, are not assertions.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: assertions of test libraries with ordinary names', () => {
  spotCases('javascript', [
    [
      "AVA's t.is and t.not, node-tap's t.same and t.strictSame on a failure's status",
      "test('busy upstream', async (t) => {\n  const failure = await t.throwsAsync(load())\n  t.is(failure.statusCode, 503)\n  t.not(failure.status, 200)\n  t.same(failure.status, 429)\n  t.strictSame(failure.statusCode, 410)\n})\n",
      ['503 test-assert', '200 test-assert', '429 test-assert', '410 test-assert'],
    ],
    ['decoy: the same words on another receiver', 'function pick(list) {\n  list.is(count.status, 503)\n  shape.same(row.status, 404)\n}\n', []],
  ]);

  spotCases('go', [
    [
      'a helper taking the test first, go-check and quicktest checkers',
      'package api\n\nfunc TestBusy(t *testing.T) {\n\ttestutil.Equals(t, 429, reply.StatusCode)\n\tc.Assert(reply.StatusCode, Equals, 502)\n\tqt.Assert(t, reply.StatusCode, qt.Equals, 404)\n}\n',
      ['429 test-assert', '502 test-assert', '404 test-assert'],
    ],
    ['decoy: an Equals that takes no test handle', 'package api\n\nfunc same() bool {\n\treturn geometry.Equals(shape, 404, reply.StatusCode)\n}\n', []],
  ]);
});
