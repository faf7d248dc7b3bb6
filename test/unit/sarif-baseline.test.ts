/** SARIF for code scanning, finding fingerprints, baselines and git diff parsing (#18). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeBaseline, readBaseline, subtractBaseline, BaselineError } from '../../server/src/cli/baseline';
import type { FileReport } from '../../server/src/cli/checkFiles';
import { fingerprintFindings } from '../../server/src/cli/fingerprint';
import { type ChangedLines, onChangedLines, parseUnifiedDiff } from '../../server/src/cli/gitChanges';
import { ruleHelpFromDoc, toSarif } from '../../server/src/cli/sarif';
import { RULES } from '../../server/src/service/diagnostics/rules';
import type { Finding } from '../../server/src/service/types';
import { sarifSchemaErrors } from '../support/sarifSchema';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
const SOURCE = 'import requests\n\ndef f(url):\n    r = requests.get(url)\n    if r.status_code == 429:\n        raise RuntimeError("x")\n    if r.status_code == 429:\n        raise RuntimeError("x")\n';

function finding(line: number, code = '429'): Finding {
  return { rule: 'retryable-treated-as-final', severity: 'warning', message: `${code} is retryable`, range: { start: { line, character: 7 }, end: { line, character: 30 } }, data: { codes: [code] } };
}

function tempFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-sarif-'));
  const file = path.join(dir, 'client.py');
  fs.writeFileSync(file, text);
  return file;
}

describe('SARIF for code scanning', () => {
  it('is valid against the SARIF 2.1.0 schema and carries rule help, helpUri anchors that exist, fingerprints and automationDetails', () => {
    const file = tempFile(SOURCE);
    const report: FileReport = { path: file, language: 'python', occurrences: [], findings: [finding(4)] };
    const help = ruleHelpFromDoc(DOC);
    const rules = RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, help: help.get(r.id) }));
    const log = JSON.parse(toSarif([report], rules, { version: '9.8.7', category: 'ci/eci', root: path.dirname(file) }));
    assert.equal(sarifSchemaErrors(log), '');
    const run = log.runs[0];
    assert.equal(run.tool.driver.version, '9.8.7');
    assert.equal(run.automationDetails.id, 'ci/eci/');
    const headings = new Set([...DOC.matchAll(/^## (\S+)\s*$/gm)].map((m) => m[1]));
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\.md#/);
      assert.ok(headings.has(rule.helpUri.split('#')[1]), `docs/rules.md has a section for ${rule.id}`);
      assert.ok(rule.help.text.length > rule.shortDescription.text.length / 2, `${rule.id} has help text`);
      assert.ok(!rule.help.text.includes('**'), 'plain help text has no markdown emphasis');
    }
    assert.ok(help.size >= RULES.length - 1, 'the docs give help for (nearly) every rule');
    const result = run.results[0];
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'client.py');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.match(result.partialFingerprints['eciFindingHash/v1'], /^[0-9a-f]{32}:1$/);
  });

  it('rejects a log the schema forbids (the validator is not a pass-through)', () => {
    assert.notEqual(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), '');
    assert.notEqual(sarifSchemaErrors({ version: '2.0.0', runs: [] }), '');
  });
});

describe('finding fingerprints', () => {
  it('survive lines added above and re-indenting, and change with the code or the line text', () => {
    const [before] = fingerprintFindings(SOURCE, [finding(4)]);
    const moved = `# a comment\n\n${SOURCE.replace('    if r.status_code == 429:', '        if  r.status_code == 429:')}`;
    assert.equal(fingerprintFindings(moved, [finding(6)])[0], before);
    assert.notEqual(fingerprintFindings(SOURCE, [finding(4, '503')])[0], before);
    assert.notEqual(fingerprintFindings(SOURCE.replace('== 429', '== 503'), [finding(4)])[0], before);
  });

  it('number identical findings in source order', () => {
    const prints = fingerprintFindings(SOURCE, [finding(6), finding(4)]);
    assert.equal(prints[0].split(':')[0], prints[1].split(':')[0]);
    assert.deepEqual([prints[1].split(':')[1], prints[0].split(':')[1]], ['1', '2']);
  });
});

describe('baselines', () => {
  it('absorb recorded findings after lines move, and report new ones', () => {
    const file = tempFile(SOURCE);
    const baselineFile = path.join(path.dirname(file), 'eci-baseline.json');
    const baseline = makeBaseline([{ path: file, language: 'python', occurrences: [], findings: [finding(4)] }], baselineFile);
    assert.deepEqual(baseline.findings.map((f) => [f.path, f.line]), [['client.py', 5]]);
    fs.writeFileSync(file, `# moved\n${SOURCE}`);
    const now: FileReport = { path: file, language: 'python', occurrences: [], findings: [finding(5), finding(7)] };
    const { reports, absorbed } = subtractBaseline([now], baseline, baselineFile);
    assert.equal(absorbed, 1);
    assert.deepEqual(reports[0].findings.map((f) => f.range.start.line), [7]);
  });

  it('explain a missing or malformed baseline file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-baseline-'));
    assert.throws(() => readBaseline(path.join(dir, 'none.json')), (e: Error) => e instanceof BaselineError && /not found/.test(e.message));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"version": 1, "findings": [{"path": 3}]}');
    assert.throws(() => readBaseline(path.join(dir, 'bad.json')), /findings\[0\] needs string/);
    fs.writeFileSync(path.join(dir, 'junk.json'), 'not json');
    assert.throws(() => readBaseline(path.join(dir, 'junk.json')), /not valid JSON/);
  });
});

describe('git diff parsing', () => {
  it('takes the new-side lines of each hunk, skips deletions and deleted files', () => {
    const diff = [
      'diff --git a/src/a.py b/src/a.py',
      '--- a/src/a.py',
      '+++ b/src/a.py',
      '@@ -3,0 +4,2 @@ def f():',
      '+x',
      '+y',
      '@@ -10 +12 @@',
      '@@ -20,3 +21,0 @@',
      'diff --git a/gone.py b/gone.py',
      '--- a/gone.py',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
    ].join('\n');
    const changes: ChangedLines = new Map();
    parseUnifiedDiff(diff, '/repo', changes);
    assert.deepEqual([...changes.keys()], [path.resolve('/repo/src/a.py')]);
    assert.deepEqual([...(changes.get(path.resolve('/repo/src/a.py')) as Set<number>)], [4, 5, 12]);
    const report: FileReport = { path: '/repo/src/a.py', language: 'python', occurrences: [], findings: [finding(3), finding(4), finding(5), finding(11)] };
    assert.deepEqual(onChangedLines([report], changes)[0].findings.map((f) => f.range.start.line), [3, 4, 11]);
  });
});
