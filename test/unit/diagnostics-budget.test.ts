import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { computeDiagnostics } from '../../server/src/service/diagnostics/runDiagnostics';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';
import { FIXTURE_ROOT } from './diagnostics-fixtureSupport';

/** A ~300-line Python file built from the fixtures (realistic code, many requests, loops and checks). */
function bigPython(): string {
  const dir = path.join(FIXTURE_ROOT, 'python');
  const parts = ['app_billing.py', 'retry_without_backoff.py', 'no_retry_on_request.py', 'retry_ignores_retry_after.py', 'unsafe_retry.py'];
  return parts.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n').split('\n').slice(0, 300).join('\n');
}

describe('diagnostics budget and caching', () => {
  withReadsReported();
  it('analyses a 300-line file (time printed; the bench owns the budget)', async function () {
    this.timeout(30000);
    const service = testService();
    const text = bigPython();
    assert.ok(text.split('\n').length >= 290);
    const uri = await openDoc('python', text, service);
    try {
      const doc = service.documents.get(uri)!;
      const occurrences = service.occurrences(uri);
      const fresh = () => computeDiagnostics({ ...doc }, occurrences, service.registry, service.getSettings());
      for (let i = 0; i < 40; i++) fresh(); // warm up the JIT
      // CPU time, not wall time: test machines are shared and wall clocks include other processes.
      const times: number[] = [];
      let count = 0;
      const cpuStart = process.cpuUsage();
      const runs = 60;
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        count = fresh().length;
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const cpu = process.cpuUsage(cpuStart);
      const perRun = (cpu.user + cpu.system) / 1000 / runs;
      times.sort((a, b) => a - b);
      console.log(`      diagnostics for ${text.split('\n').length} lines: ${perRun.toFixed(2)} ms CPU per run (fastest wall ${times[0].toFixed(2)} ms), ${count} findings`);
      assert.ok(count >= 10, 'the file has findings to compute');
      // Speed is measured by `npm run bench` as same-run ratios (docs/performance.md); a wall or CPU bound
      // here failed on a loaded or slow machine with unchanged code, so the figure is printed, not asserted.
      assert.ok(Number.isFinite(perRun) && perRun > 0);
    } finally {
      service.close(uri);
    }
  });

  it('caches per document version and recomputes after an edit', async () => {
    const service = testService();
    const uri = await openDoc('python', 'import requests\ndef f(u):\n    r = requests.get(u, timeout=10)\n    if r.status_code != 200:\n        raise RuntimeError("failed")\n', service);
    try {
      const first = service.diagnostics(uri);
      assert.strictEqual(service.diagnostics(uri), first);
      assert.strictEqual(first.length, 1);
      service.update(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 24 } }, text: '    return r' }]);
      const second = service.diagnostics(uri);
      assert.notStrictEqual(second, first);
      assert.strictEqual(second.length, 0);
    } finally {
      service.close(uri);
    }
  });
});
