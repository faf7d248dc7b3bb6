import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { LanguageId } from '../../server/src/service/types';
import { arbDocumentText, arbPositions, linesOf } from './arbitraries';
import { assertRangeInside, freshUri, fuzz, fuzzService, report, withinBound } from './harness';

const LANGUAGES: LanguageId[] = ['python', 'javascript', 'typescript', 'typescriptreact', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'kotlin', 'http'];

/** Each language's spotting through the facade: open + occurrences + hover at random positions. */
describe('fuzz: spotting per language (service.open / occurrences / hover)', function () {
  this.timeout(0);
  after(() => report(...LANGUAGES.map((l) => `spotting-${l}`)));

  for (const lang of LANGUAGES) {
    it(`${lang}: never throws, bounded time, ranges inside the document, hovers where the cursor is`, async () => {
      const service = fuzzService();
      const arb = fc.record({ text: arbDocumentText(lang), positions: arbPositions(4) });
      await fuzz(`spotting-${lang}`, 1, arb, async ({ text, positions }) => {
        const uri = freshUri(lang);
        const lines = linesOf(text);
        try {
          const occurrences = await withinBound(text.length, `${lang} open+occurrences`, async () => {
            await service.open({ uri, languageId: lang, version: 1, text });
            return service.occurrences(uri);
          });
          for (const o of occurrences) assertRangeInside(text, o.range, `${lang} occurrence ${o.code}`, lines);
          // Hover on each occurrence and at random places (including past the end of lines and of the file).
          const probes = positions.map((p) => ({ line: Math.floor(p.line * lines.length), character: p.character }));
          for (const o of occurrences.slice(0, 3)) probes.push(o.range.start);
          for (const p of probes) {
            const hover = service.hover(uri, p);
            if (!hover) continue;
            assert.ok(hover.contents.trim().length > 0, 'empty hover');
            assertRangeInside(text, hover.range, `${lang} hover`, lines);
            const r = hover.range;
            const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
            const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
            assert.ok(after && before, `hover range ${JSON.stringify(r)} does not contain ${JSON.stringify(p)}`);
          }
        } finally {
          service.close(uri);
        }
      });
    });
  }
});
