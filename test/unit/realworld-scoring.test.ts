import { strict as assert } from 'node:assert';
// @ts-expect-error plain ES module without types: the benchmark scorer runs with node alone
import { Tally, locateProblems, scoreHandling, scoreSpotting } from '../../bench/realworld/score.mjs';
// @ts-expect-error plain ES module without types
import { splitOf } from '../../bench/realworld/corpus.mjs';

const file = {
  sites: [
    { line: 3, code: '429', kind: 'http-status', role: 'client-check', text: '429' },
    { line: 3, code: '503', kind: 'http-status', role: 'client-check', text: '503' },
    { line: 9, code: 'ECONNRESET', kind: 'network-error', role: 'client-check', text: "'ECONNRESET'" },
  ],
  decoys: [{ line: 5, text: '8080', why: 'port' }],
  handling: [
    { lines: [2, 6], expect: ['retryable-treated-as-final'], confidence: 'high', shape: 'inline', why: 'raises on 429' },
    { lines: [8, 12], expect: [], confidence: 'high', shape: 'loop', why: 'capped backoff with jitter' },
    { lines: [14, 16], expect: ['no-retry-on-request'], confidence: 'low', shape: 'inline', why: 'debatable' },
    { lines: [18, 20], expect: ['request-without-timeout'], confidence: 'medium', shape: 'inline', why: 'no timeout' },
  ],
};
const occ = (line: number, code: string, role = 'client-check', text = code) => ({ line, code, role, text, kind: 'http-status' });
const diag = (line: number, rule: string) => ({ line, rule });

describe('real-world benchmark scoring', () => {
  it('matches sites by line and code, once each, and explains extra occurrences', () => {
    const r = scoreSpotting(file, [occ(3, '429'), occ(3, '429'), occ(5, '8080', 'constant', '8080'), occ(9, 'econnreset', 'constant')]);
    assert.equal(r.matched.length, 2);
    assert.deepEqual(r.missed.map((s: { code: string }) => s.code), ['503']);
    assert.deepEqual(r.extra.map((e: { reason: string }) => e.reason), ['more 429 found on this line than labelled', 'decoy: port']);
    assert.equal(r.matched.find((m: { site: { code: string } }) => m.site.code === 'ECONNRESET').occurrence.role, 'constant');
  });

  it('counts a finding inside a label that expects its rule once, and everything else as false', () => {
    const implemented = new Set(['retryable-treated-as-final', 'no-retry-on-request', 'retry-without-backoff']);
    const r = scoreHandling(
      file,
      [diag(4, 'retryable-treated-as-final'), diag(5, 'retryable-treated-as-final'), diag(10, 'retry-without-backoff'), diag(15, 'no-retry-on-request'), diag(30, 'no-retry-on-request')],
      implemented,
    );
    assert.equal(r.found.length, 1);
    assert.equal(r.duplicates.length, 1, 'a second finding on the same label and rule is a duplicate, not a true finding');
    assert.deepEqual(r.falseFindings.map((f: { reason: string }) => f.reason), ['label says silent: capped backoff with jitter', 'no handling labelled on this line']);
    assert.equal(r.missed.length, 0, 'the low-confidence label is not scored');
    assert.deepEqual(r.notImplemented.map((m: { rule: string }) => m.rule), ['request-without-timeout']);
  });

  it('scores request-without-timeout only in files whose second labelling pass is done', () => {
    const implemented = new Set(['retryable-treated-as-final', 'request-without-timeout']);
    const unreviewed = scoreHandling(file, [diag(40, 'request-without-timeout')], implemented);
    assert.equal(unreviewed.falseFindings.length, 0, 'a finding in an unreviewed file is neither true nor false');
    assert.ok(!unreviewed.missed.some((m: { rule: string }) => m.rule === 'request-without-timeout'));
    const reviewed = scoreHandling({ ...file, timeoutReviewed: true }, [diag(40, 'request-without-timeout')], implemented);
    assert.equal(reviewed.falseFindings.length, 1, 'in a reviewed file an unlabelled finding is false');
  });

  it('locates a problem by any client rule at its site, and counts client findings on silent or unlabelled lines as false alarms', () => {
    const client = (rule: string) => rule !== 'request-without-timeout';
    const r = locateProblems(file, [diag(4, 'no-retry-on-request'), diag(10, 'retry-without-backoff'), diag(30, 'unsafe-retry')], client);
    assert.deepEqual(r, { located: 1, missed: 0, falseAlarms: 2, unlocated: [] });
    const none = locateProblems(file, [], client);
    assert.deepEqual({ ...none, unlocated: none.unlocated.map((h: { lines: number[] }) => h.lines) }, { located: 0, missed: 1, falseAlarms: 0, unlocated: [[2, 6]] });
  });

  it('reports a miss for a scored label with no finding', () => {
    const r = scoreHandling(file, [], new Set(['retryable-treated-as-final']));
    assert.deepEqual(r.missed.map((m: { label: { why: string } }) => m.label.why), ['raises on 429']);
  });

  it('computes precision and recall, undefined when there is nothing to divide', () => {
    const t = new Tally();
    t.add('x', 'tp', 3);
    t.add('x', 'fp', 1);
    t.add('x', 'fn', 3);
    assert.equal(Tally.precision(t.rows.get('x')), 0.75);
    assert.equal(Tally.recall(t.rows.get('x')), 0.5);
    assert.equal(Tally.precision({ tp: 0, fp: 0, fn: 2 }), undefined);
  });

  it('assigns the held-back split from the repository name alone, about a third of the time', () => {
    assert.equal(splitOf('Owner/Name'), splitOf('owner/name'));
    const names = Array.from({ length: 300 }, (_, i) => `owner${i}/repo${i}`);
    const held = names.filter((n) => splitOf(n) === 'heldout').length;
    assert.ok(held > 70 && held < 130, `held-back share ${held}/300`);
  });
});
