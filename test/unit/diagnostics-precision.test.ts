import * as assert from 'assert';
import { ruleInfo } from '../../server/src/service/diagnostics/rules';
import { FIXTURE_LANGUAGES, fixtureFiles, FixtureResult, runFixture } from './diagnostics-fixtureSupport';

/**
 * Precision and recall of warning-severity findings over every labelled fixture, per rule and per
 * language. Labels are `eci-expect-diag` markers; a finding counts as a true positive when a marker
 * names its rule on its start line.
 */
describe('diagnostics precision and recall (warnings)', () => {
  it('stays at or above 0.9 precision and 0.85 recall', async function () {
    this.timeout(30000);
    const results: FixtureResult[] = [];
    for (const language of FIXTURE_LANGUAGES) for (const file of fixtureFiles(language)) results.push(await runFixture(file));
    const isWarning = (key: string) => ruleInfo(key.slice(key.indexOf(':') + 1))?.defaultSeverity === 'warning';
    type Count = { tp: number; fp: number; fn: number };
    const rows = new Map<string, Count>();
    const bump = (key: string, field: keyof Count) => {
      const row = rows.get(key) ?? { tp: 0, fp: 0, fn: 0 };
      row[field]++;
      rows.set(key, row);
    };
    for (const r of results) {
      const language = r.file.split(/[\\/]/)[0];
      for (const key of r.actual) {
        if (!isWarning(key)) continue;
        const rule = key.slice(key.indexOf(':') + 1);
        const field = r.expected.has(key) ? 'tp' : 'fp';
        for (const k of [`rule ${rule}`, `lang ${language}`, 'TOTAL']) bump(k, field);
      }
      for (const key of r.expected) {
        if (!isWarning(key) || r.actual.has(key)) continue;
        const rule = key.slice(key.indexOf(':') + 1);
        for (const k of [`rule ${rule}`, `lang ${language}`, 'TOTAL']) bump(k, 'fn');
      }
    }
    const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
    const table = [...rows.entries()].sort(([a], [b]) => (a === 'TOTAL' ? 1 : b === 'TOTAL' ? -1 : a.localeCompare(b))).map(([key, c]) => ({
      scope: key,
      tp: c.tp,
      fp: c.fp,
      fn: c.fn,
      precision: ratio(c.tp, c.tp + c.fp).toFixed(3),
      recall: ratio(c.tp, c.tp + c.fn).toFixed(3),
    }));
    console.table(table);
    const total = rows.get('TOTAL') ?? { tp: 0, fp: 0, fn: 0 };
    assert.ok(total.tp >= 50, `expected a meaningful number of labelled warnings, got ${total.tp}`);
    assert.ok(ratio(total.tp, total.tp + total.fp) >= 0.9, `precision ${ratio(total.tp, total.tp + total.fp)}`);
    assert.ok(ratio(total.tp, total.tp + total.fn) >= 0.85, `recall ${ratio(total.tp, total.tp + total.fn)}`);
  });
});
