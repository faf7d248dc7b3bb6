import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { LanguageId } from '../../server/src/service/types';
import { arbDocumentText, arbEditBatches, concreteEdit } from './arbitraries';
import { freshUri, fuzz, fuzzService, report, withinBound } from './harness';

const LANGUAGES: LanguageId[] = ['python', 'javascript', 'typescript', 'typescriptreact', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'kotlin', 'http'];

/**
 * Incremental re-parse is right: random edit sequences applied through service.update give the text we
 * computed independently, and the same occurrences as a fresh open of that final text.
 */
describe('fuzz: incremental edits (service.update vs fresh open)', function () {
  this.timeout(0);
  after(() => report('incremental-edits'));

  it('occurrences after random edits equal those of a fresh open of the final text', async () => {
    const service = fuzzService();
    const arb = fc
      .constantFrom(...LANGUAGES)
      .chain((lang) => fc.record({ lang: fc.constant(lang), text: arbDocumentText(lang, 1200), batches: arbEditBatches }));
    await fuzz('incremental-edits', 1, arb, async ({ lang, text, batches }) => {
      const uri = freshUri(lang);
      const fresh = freshUri(lang);
      try {
        await service.open({ uri, languageId: lang, version: 1, text });
        service.occurrences(uri); // warm the cache so a stale cached result would show
        let expected = text;
        let version = 1;
        for (const batch of batches) {
          const changes = batch.map((e) => {
            const c = concreteEdit(expected, e);
            expected = c.after;
            return { range: c.range, text: c.text };
          });
          const doc = await withinBound(expected.length, `${lang} update`, () => service.update(uri, ++version, changes));
          assert.ok(doc, 'update returned undefined for an open document');
          assert.equal(doc.version, version);
          service.occurrences(uri);
        }
        const doc = service.documents.get(uri)!;
        assert.equal(doc.text, expected, 'text after incremental edits differs from the independently computed text');
        await service.open({ uri: fresh, languageId: lang, version: 1, text: expected });
        assert.deepEqual(service.occurrences(uri), service.occurrences(fresh), 'incremental and fresh occurrences differ');
        const freshTree = service.documents.get(fresh)!.tree;
        // Error recovery may legitimately differ between an incremental and a fresh parse; valid code may not.
        if (doc.tree && freshTree && !freshTree.rootNode.hasError) {
          assert.equal(doc.tree.rootNode.toString(), freshTree.rootNode.toString(), 'incremental and fresh syntax trees differ');
        }
      } finally {
        service.close(uri);
        service.close(fresh);
      }
    });
  });
});
