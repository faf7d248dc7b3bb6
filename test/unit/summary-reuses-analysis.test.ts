import * as assert from 'node:assert/strict';
import { generateSource } from '../../bench/generate';
import { takeAnalysedContext, takeAnalysedFlow } from '../../server/src/service/diagnostics/runDiagnostics';
import type { Settings } from '../../server/src/service/settings';
import { openDoc, testService } from '../support/serviceHarness';

/**
 * A document's workspace summary reuses the context of its last full analysis when that analysis read no
 * workspace view (the CLI's first pass); the summary must be the one a context of its own gives.
 */
describe('workspace summary after a full analysis', () => {
  for (const language of ['python', 'typescript', 'go', 'java'] as const) {
    it(`${language}: equals the summary built from a fresh context`, async () => {
      const text = generateSource(language, 400);
      const reused = testService();
      const fresh = testService();
      const a = await openDoc(language, text, reused);
      const b = await openDoc(language, text, fresh);
      try {
        const withReuse = reused.summarise(a);
        // Drop what the analysis kept, so the summary builds its flow and context again.
        fresh.diagnostics(b);
        takeAnalysedFlow(fresh.documents.get(b)!);
        const withOwn = fresh.summarise(b);
        assert.ok(withReuse && withOwn, 'both summarised');
        assert.ok(withOwn.functions.length > 0, 'the summary has functions');
        assert.deepEqual({ ...withReuse, uri: '' }, { ...withOwn, uri: '' });
      } finally {
        reused.close(a);
        fresh.close(b);
      }
    });
  }

  it('is taken once, and only for the occurrences it was built from', async () => {
    const service = testService();
    const settings = (service as unknown as { settings: Settings }).settings;
    const uri = await openDoc('python', generateSource('python', 120), service);
    try {
      service.diagnostics(uri);
      const doc = service.documents.get(uri)!;
      assert.equal(takeAnalysedContext(doc, [], service.registry, settings), undefined, 'other occurrences');
      service.close(uri);
      const again = await openDoc('python', generateSource('python', 120), service);
      const occurrences = service.occurrences(again);
      service.diagnostics(again);
      const next = service.documents.get(again)!;
      assert.ok(takeAnalysedContext(next, occurrences, service.registry, settings), 'the analysis context');
      assert.equal(takeAnalysedContext(next, occurrences, service.registry, settings), undefined, 'taken already');
      service.close(again);
    } finally {
      service.close(uri);
    }
  });
});
