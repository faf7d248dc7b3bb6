/**
 * Test tables walked row by row: the literal's place in its row picks the loop variable (or the callback parameter of
 * Jest's `it.each`) it is bound to, and a name that says status makes it a status the test drives.
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf } from '../support/serviceHarness';

const codes = async (lang: Parameters<typeof occurrencesOf>[0], text: string) => (await occurrencesOf(lang, text)).map((o) => `${o.range.start.line + 1} ${o.code} ${o.role}`);

describe('spotting: statuses in test tables walked by a loop', () => {
  it('Python: a local list of rows, then `for status, retry in cases:`', async () => {
    const text = ['def test_retry_decisions():', '    cases = [(502, True), (404, False)]', '    for status, retry in cases:', '        assert decide(status) is retry', ''].join('\n');
    assert.deepEqual(await codes('python', text), ['2 502 test-assert', '2 404 test-assert']);
  });

  it('Rust: `let cases = [(500, true), (400, false)]; for (status, retry) in cases`', async () => {
    const text = ['#[test]', 'fn retry_decisions() {', '    let cases = [(500, true), (400, false)];', '    for (status, retry) in cases {', '        assert_eq!(decide(status), retry);', '    }', '}', ''].join('\n');
    assert.deepEqual(await codes('rust', text), ['3 500 test-assert', '3 400 test-assert']);
  });

  it("Jest: `it.each([[429, true], [400, false]])('…', (code, retry) => …)`", async () => {
    const text = ["it.each([[429, true], [400, false]])('code %i', (code, retry) => {", '  expect(decide(code)).toBe(retry);', '});', ''].join('\n');
    assert.deepEqual(await codes('typescript', text), ['1 429 test-assert', '1 400 test-assert']);
  });

  it('leaves rows whose loop variable is named for something else (sizes, counts)', async () => {
    const text = ['def test_pages():', '    cases = [(500, 5), (404, 4)]', '    for size, pages in cases:', '        assert paginate(size) == pages', ''].join('\n');
    assert.deepEqual(await codes('python', text), []);
  });
});
