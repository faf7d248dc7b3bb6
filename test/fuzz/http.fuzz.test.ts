import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseHttpFile } from '../../server/src/service/http/httpFileParser';
import { httpHeaderAt, spotHttpFile } from '../../server/src/service/http/httpOccurrences';
import { arbDocumentText, arbPositions, linesOf } from './arbitraries';
import { assertRangeInside, fuzz, report, withinBound } from './harness';

/** The .http/.rest parser and spotHttpFile on mutated fixtures, token soup and random bytes. */
describe('fuzz: .http parser', function () {
  this.timeout(0);
  after(() => report('http-parser'));

  it('parses, spots and looks up headers without throwing, in bounded time, with ranges inside the text', async () => {
    const arb = fc.record({ text: arbDocumentText('http', 2500), positions: arbPositions(6) });
    await fuzz('http-parser', 1, arb, async ({ text, positions }) => {
      const lines = linesOf(text);
      const file = await withinBound(text.length, 'parseHttpFile', () => parseHttpFile(text));
      assert.ok(Array.isArray(file.blocks));
      for (const block of file.blocks) assertRangeInside(text, block.range, 'block range', lines);
      const occurrences = await withinBound(text.length, 'spotHttpFile', () => spotHttpFile(text));
      for (const o of occurrences) {
        assertRangeInside(text, o.range, `occurrence ${o.code}`, lines);
        assert.ok(o.code.length > 0 && o.text.length > 0, 'empty occurrence');
      }
      for (const p of positions) {
        const line = Math.floor(p.line * lines.length);
        const hit = httpHeaderAt(text, { line, character: p.character });
        if (!hit) continue;
        assertRangeInside(text, hit.range, 'header range', lines);
        assertRangeInside(text, hit.valueRange, 'header value range', lines);
        assert.equal(hit.range.start.line, line, 'header hit on another line');
      }
    });
  });
});
