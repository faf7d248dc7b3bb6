import * as assert from 'assert';
import { diagnosticsOf as diagnose, withReadsReported } from '../support/serviceHarness';

/** `count` request helpers that each raise on any error status, with no retry anywhere. */
function helpers(count: number): string {
  const fns = Array.from({ length: count }, (_, i) => `def get_${i}(session, key):\n    r = session.get(f"https://x.example.com/${i}/{key}", timeout=5)\n    if r.status_code != 200:\n        raise RuntimeError("failed")\n    return r.json()\n`);
  return `import requests\n\n${fns.join('\n')}`;
}

describe('diagnostics: one finding per decision (no-retry-on-request)', () => {
  withReadsReported();
  it('up to three requests handled the same way keep a finding each', async () => {
    const findings = (await diagnose('python', helpers(3))).filter((f) => f.rule === 'no-retry-on-request');
    assert.strictEqual(findings.length, 3);
    for (const f of findings) assert.ok(!/more requests/.test(f.message), f.message);
  });

  it('past three, the first finding stands for the rest and lists them as related locations', async () => {
    const findings = (await diagnose('python', helpers(6))).filter((f) => f.rule === 'no-retry-on-request');
    assert.strictEqual(findings.length, 1);
    const [only] = findings;
    assert.strictEqual(only.range.start.line, 4, 'anchored on the first helper');
    assert.match(only.message, /5 more requests in this file/);
    const same = (only.related ?? []).filter((r) => r.message === 'handled the same way, with no retry');
    assert.deepStrictEqual(same.map((r) => r.range.start.line), [10, 16, 22, 28, 34]);
  });
});
