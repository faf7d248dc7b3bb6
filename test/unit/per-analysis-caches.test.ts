import * as assert from 'node:assert/strict';
import { decoratorPolicies } from '../../server/src/service/diagnostics/decoratorPolicies';
import { nodes } from '../../server/src/service/diagnostics/policyOptions';
import { takeAnalysedContext } from '../../server/src/service/diagnostics/runDiagnostics';
import type { Settings } from '../../server/src/service/settings';
import { openDoc, testService } from '../support/serviceHarness';

/** Tree walks the rules share within one analysis: read once per analysis context, the same as a walk of their own. */
describe('per-analysis caches of tree walks', () => {
  const source = [
    'import requests',
    'from tenacity import retry, stop_after_attempt, wait_random_exponential',
    '',
    '@retry(stop=stop_after_attempt(4), wait=wait_random_exponential(max=20))',
    'def load_quota(session, account):',
    '    reply = session.get(f"https://quota.example.org/{account}", timeout=5)',
    '    reply.raise_for_status()',
    '    return reply.json()',
    '',
  ].join('\n');

  it('nodes of a type: one walk per analysis, equal to the tree walk, none for a type the grammar lacks', async () => {
    const service = testService();
    const settings = (service as unknown as { settings: Settings }).settings;
    const uri = await openDoc('python', source, service);
    try {
      const occurrences = service.occurrences(uri);
      service.diagnostics(uri);
      const doc = service.documents.get(uri)!;
      const ctx = takeAnalysedContext(doc, occurrences, service.registry, settings);
      assert.ok(ctx, 'the analysis context');
      const calls = nodes(ctx, 'call');
      const walked = doc.tree!.rootNode.descendantsOfType('call').filter((n) => n !== null);
      assert.ok(calls.length >= 5, `${calls.length} calls`);
      assert.deepEqual(calls.map((n) => [n.startIndex, n.endIndex]), walked.map((n) => [n.startIndex, n.endIndex]));
      assert.equal(nodes(ctx, 'call'), calls, 'the same list the second time');
      assert.deepEqual(nodes(ctx, 'call_expression'), [], "JavaScript's call type is not Python's");

      const policies = decoratorPolicies(ctx);
      assert.deepEqual(policies.map((p) => [p.library, p.delay, p.capped]), [['tenacity', 'growing', true]]);
      assert.equal(decoratorPolicies(ctx), policies, 'read once per analysis');
    } finally {
      service.close(uri);
    }
  });
});
