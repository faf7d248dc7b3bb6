import * as assert from 'node:assert/strict';
import { generateSource } from '../../bench/generate';
import { createBuiltinRegistry } from '../../server/src/service/catalog/builtinCatalogs';
import { hasCandidateName, scanCandidates } from '../../server/src/service/spotting/candidates';

/** The word scan that replaced the big alternation must find exactly what the alternation finds, from any offset. */
describe('candidate names: word scan equals the pattern', () => {
  const registry = createBuiltinRegistry();
  const viaPattern = (text: string, from: number, to: number): Array<[number, string]> => {
    const pattern = new RegExp(registry.candidatePattern().source, 'g');
    pattern.lastIndex = from;
    const out: Array<[number, string]> = [];
    for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) out.push([m.index, m[0]]);
    return out;
  };
  const viaScan = (text: string, from: number, to: number): Array<[number, string]> => {
    const out: Array<[number, string]> = [];
    scanCandidates(text, registry, from, to, (i, n) => out.push([i, n]) > 0);
    return out;
  };
  const texts = [
    ...(['python', 'typescript', 'go', 'java'] as const).map((l) => generateSource(l, 300)),
    'x=HTTPStatus.TOO_MANY_REQUESTS;$ECONNRESET ECONNRESET$ _ECONNRESET ECONNRESET_ a.ECONNRESET,ECONNRESET\nUNAVAILABLE9 9UNAVAILABLE "UNAVAILABLE"',
  ];

  it('over whole texts and from offsets inside words', () => {
    for (const text of texts) {
      assert.deepEqual(viaScan(text, 0, text.length), viaPattern(text, 0, text.length));
      for (let from = 0; from < text.length; from += 97) {
        const to = Math.min(text.length, from + 500);
        assert.deepEqual(viaScan(text, from, to), viaPattern(text, from, to), `from ${from}`);
      }
    }
  });

  it('pre-filter', () => {
    assert.equal(hasCandidateName('const x = 1;\nfoo(bar)', registry), false);
    assert.equal(hasCandidateName('if err == syscall.ECONNRESET {', registry), true);
  });
});
