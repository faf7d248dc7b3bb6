import { strict as assert } from 'node:assert';
import { compare, Comparison, loadFixtures, LabelledFixture } from '../fixtures/spotting/labels';
import { occurrencesOf } from '../support/serviceHarness';

const MIN_PRECISION = 0.97;
const MIN_RECALL = 0.95;
const MIN_ROLE_ACCURACY = 0.95;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  labelledRoles: number;
  roleMismatches: number;
  decoys: number;
  files: number;
}

const empty = (): Tally => ({ tp: 0, fp: 0, fn: 0, labelledRoles: 0, roleMismatches: 0, decoys: 0, files: 0 });
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);

function add(tally: Tally, fixture: LabelledFixture, c: Comparison): void {
  tally.tp += c.truePositives.length;
  tally.fp += c.falsePositives.length;
  tally.fn += c.falseNegatives.length;
  tally.labelledRoles += c.truePositives.filter((t) => t.expected.role).length;
  tally.roleMismatches += c.roleMismatches.length;
  tally.decoys += fixture.decoyLines.length;
  tally.files += 1;
}

describe('spotting precision and recall over labelled fixtures', function () {
  this.timeout(60_000);
  const fixtures = loadFixtures();
  const results = new Map<string, { fixture: LabelledFixture; comparison: Comparison }>();

  before(async () => {
    for (const fixture of fixtures) {
      const found = await occurrencesOf(fixture.languageId, fixture.text);
      results.set(fixture.name, { fixture, comparison: compare(fixture.expected, found) });
    }
  });

  it('has enough labelled sites in every language', () => {
    const perGroup = new Map<string, number>();
    for (const f of fixtures) perGroup.set(f.group, (perGroup.get(f.group) ?? 0) + f.expected.length + f.decoyLines.length);
    const jsTs = (perGroup.get('javascript') ?? 0) + (perGroup.get('typescript') ?? 0);
    for (const group of ['python', 'go', 'java', 'csharp']) assert.ok((perGroup.get(group) ?? 0) >= 25, `${group}: ${perGroup.get(group)}`);
    assert.ok(jsTs >= 25, `javascript/typescript: ${jsTs}`);
    const total = [...perGroup.values()].reduce((a, b) => a + b, 0);
    assert.ok(total >= 150, `only ${total} labelled sites`);
    assert.ok(fixtures.some((f) => f.languageId === 'typescriptreact') && fixtures.some((f) => f.languageId === 'javascriptreact'));
  });

  it(`reaches precision ≥ ${MIN_PRECISION}, recall ≥ ${MIN_RECALL} and role accuracy ≥ ${MIN_ROLE_ACCURACY}`, () => {
    const groups = new Map<string, Tally>();
    const overall = empty();
    const problems: string[] = [];
    for (const { fixture, comparison } of results.values()) {
      const tally = groups.get(fixture.group) ?? empty();
      groups.set(fixture.group, tally);
      add(tally, fixture, comparison);
      add(overall, fixture, comparison);
      const lineText = (line: number) => fixture.text.split(/\r?\n/)[line]?.trim().slice(0, 90);
      for (const o of comparison.falsePositives) problems.push(`FP ${fixture.name}:${o.range.start.line + 1} ${o.code} (${o.role}) «${o.text}» in: ${lineText(o.range.start.line)}`);
      for (const e of comparison.falseNegatives) problems.push(`FN ${fixture.name}:${e.line + 1} ${e.code} in: ${lineText(e.line)}`);
      for (const m of comparison.roleMismatches) problems.push(`ROLE ${fixture.name}:${m.expected.line + 1} ${m.expected.code} expected ${m.expected.role}, got ${m.found.role}`);
    }

    const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
    rows.push(['OVERALL', overall]);
    const table = [
      'group        files  sites  decoys   TP   FP   FN  precision  recall  role-acc',
      ...rows.map(([name, t]) =>
        [
          name.padEnd(11),
          String(t.files).padStart(6),
          String(t.tp + t.fn).padStart(6),
          String(t.decoys).padStart(7),
          String(t.tp).padStart(4),
          String(t.fp).padStart(4),
          String(t.fn).padStart(4),
          pct(ratio(t.tp, t.tp + t.fp)).padStart(10),
          pct(ratio(t.tp, t.tp + t.fn)),
          pct(1 - ratio(t.roleMismatches, t.labelledRoles)).padStart(9),
        ].join(' '),
      ),
    ];
    console.log(`\n${table.map((l) => `      ${l}`).join('\n')}\n`);
    if (problems.length) console.log(problems.map((p) => `      ${p}`).join('\n'));

    const precision = ratio(overall.tp, overall.tp + overall.fp);
    const recall = ratio(overall.tp, overall.tp + overall.fn);
    const roleAccuracy = 1 - ratio(overall.roleMismatches, overall.labelledRoles);
    assert.ok(precision >= MIN_PRECISION, `precision ${pct(precision)} < ${MIN_PRECISION}`);
    assert.ok(recall >= MIN_RECALL, `recall ${pct(recall)} < ${MIN_RECALL}`);
    assert.ok(roleAccuracy >= MIN_ROLE_ACCURACY, `role accuracy ${pct(roleAccuracy)} < ${MIN_ROLE_ACCURACY}`);
  });

  it('spots nothing on lines labelled eci-expect-none', () => {
    const hits: string[] = [];
    for (const { fixture, comparison } of results.values()) {
      for (const o of comparison.falsePositives) {
        if (fixture.decoyLines.includes(o.range.start.line)) hits.push(`${fixture.name}:${o.range.start.line + 1} ${o.text}`);
      }
    }
    // Decoys are the hardest negatives; a few misses are tolerated by the precision bound, but not many.
    assert.ok(hits.length <= Math.floor(fixtures.reduce((n, f) => n + f.decoyLines.length, 0) * 0.03), hits.join('\n'));
  });
});
