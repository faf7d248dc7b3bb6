/**
 * Protocol tier: the `eci check` CLI (bin/eci.js over out/cli/eci.js) as CI would run it —
 * its JSON and SARIF output contracts, exit codes and usage errors.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_BIN, ROOT, ensureBuilt } from './lspClient';

const CLI_FIXTURES = path.relative(ROOT, path.join(__dirname, 'fixtures', 'cli'));
const FLAWED = path.join(CLI_FIXTURES, 'flawed.py');
const CLEAN = path.join(CLI_FIXTURES, 'clean.py');
const HTTP = path.join(CLI_FIXTURES, 'requests.http');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function eci(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sorted(o: object): string[] {
  return Object.keys(o).sort();
}

/** 1-based line and column of the first `needle` in a file. */
function locate(file: string, needle: string): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

describe('protocol: eci check CLI', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  describe('--format json', () => {
    let run: Run;
    let report: {
      version: number;
      files: { path: string; language: string; occurrences: Record<string, unknown>[]; diagnostics: Record<string, unknown>[] }[];
    };
    before(() => {
      run = eci('check', '--format', 'json', CLI_FIXTURES);
      report = JSON.parse(run.stdout);
    });

    it('exits 0 without --fail-on and prints only JSON on stdout', () => {
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotThrow(() => JSON.parse(run.stdout));
    });

    it('has the version 1 shape', () => {
      assert.equal(report.version, 1);
      assert.ok(Array.isArray(report.files));
      assert.deepEqual(report.files.map((f) => path.normalize(f.path)).sort(), [CLEAN, FLAWED, HTTP].map((p) => path.normalize(p)).sort());
      for (const file of report.files) {
        assert.deepEqual(sorted(file), ['diagnostics', 'language', 'occurrences', 'path']);
        assert.ok(Array.isArray(file.occurrences) && Array.isArray(file.diagnostics));
        for (const o of file.occurrences) {
          assert.deepEqual(sorted(o), ['code', 'column', 'endColumn', 'endLine', 'kind', 'line', 'role', 'text'].sort());
          for (const k of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(o[k]) && (o[k] as number) >= 1, `${k} is 1-based: ${JSON.stringify(o)}`);
          for (const k of ['code', 'kind', 'role', 'text']) assert.equal(typeof o[k], 'string');
        }
        for (const d of file.diagnostics) {
          for (const k of ['line', 'column', 'endLine', 'endColumn']) assert.ok(Number.isInteger(d[k]) && (d[k] as number) >= 1, `${k} is 1-based: ${JSON.stringify(d)}`);
          assert.equal(typeof d.rule, 'string');
          assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity as string), `severity ${String(d.severity)}`);
          assert.equal(typeof d.message, 'string');
        }
      }
    });

    it('reports languages and 1-based positions that match the source', () => {
      const byName = new Map(report.files.map((f) => [path.basename(f.path), f]));
      assert.equal(byName.get('flawed.py')?.language, 'python');
      assert.equal(byName.get('requests.http')?.language, 'http');
      const at = locate(FLAWED, '429');
      const o429 = byName.get('flawed.py')!.occurrences.find((o) => o.code === '429');
      assert.deepEqual(o429, { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 3, code: '429', kind: 'http-status', role: o429?.role, text: '429' });
      const http = locate(HTTP, '503');
      const o503 = byName.get('requests.http')!.occurrences.find((o) => o.code === '503');
      assert.ok(o503, '503 in the .http status line');
      assert.equal(o503.line, http.line);
      assert.equal(o503.column, http.column);
      assert.equal(byName.get('clean.py')!.diagnostics.length, 0);
    });

    it('reports retryable-treated-as-final in the flawed file (needs the rules engine)', () => {
      const flawed = report.files.find((f) => path.basename(f.path) === 'flawed.py')!;
      const d = flawed.diagnostics.find((x) => x.rule === 'retryable-treated-as-final');
      assert.ok(d, `got ${JSON.stringify(flawed.diagnostics)}`);
      assert.equal(d.severity, 'warning');
      assert.equal(d.line, locate(FLAWED, '429').line);
    });

    it('is stable from run to run', () => {
      assert.equal(eci('check', '--format', 'json', CLI_FIXTURES).stdout, run.stdout);
    });
  });

  describe('usage errors', () => {
    it('exits 2 with a clear message for a missing path', () => {
      const missing = path.join(CLI_FIXTURES, 'does-not-exist.py');
      const r = eci('check', '--format', 'json', missing);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /path does not exist/);
      assert.ok(r.stderr.includes(missing), 'names the path');
      assert.match(r.stderr, /Usage: eci check/);
    });

    for (const args of [
      ['--format', 'xml'],
      ['--fail-on', 'sometimes'],
      ['--bogus'],
      ['--format'],
    ]) {
      it(`exits 2 with a clear message for bad flags: ${args.join(' ')}`, () => {
        const r = eci('check', ...args, CLEAN);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^eci: /);
        assert.ok(r.stderr.includes(args[0]), `names ${args[0]}: ${r.stderr}`);
        assert.match(r.stderr, /Usage: eci check/);
      });
    }

    it('exits 2 when no PATH is given', () => {
      const r = eci('check', '--format', 'json');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no PATH given/);
    });
  });

  describe('--format sarif', () => {
    it('produces SARIF 2.1.0 with tool, rules and located results', () => {
      const r = eci('check', '--format', 'sarif', CLI_FIXTURES);
      assert.equal(r.code, 0, r.stderr);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.match(sarif.$schema, /sarif/i);
      assert.ok(Array.isArray(sarif.runs) && sarif.runs.length === 1);
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.name, 'Error Code Insight');
      const rules: { id: string; shortDescription?: { text: string } }[] = run.tool.driver.rules;
      assert.ok(Array.isArray(rules) && rules.length > 0);
      const ids = rules.map((x) => x.id);
      assert.equal(new Set(ids).size, ids.length, 'rule ids unique');
      assert.ok(ids.includes('retryable-treated-as-final'));
      for (const rule of rules) assert.equal(typeof rule.shortDescription?.text, 'string');
      assert.ok(Array.isArray(run.results));
      for (const result of run.results) {
        assert.ok(ids.includes(result.ruleId), `ruleId ${result.ruleId} is a listed rule`);
        assert.ok(['error', 'warning', 'note', 'none'].includes(result.level));
        assert.equal(typeof result.message.text, 'string');
        assert.ok(Array.isArray(result.locations) && result.locations.length > 0);
        const loc = result.locations[0].physicalLocation;
        assert.equal(typeof loc.artifactLocation.uri, 'string');
        assert.ok(!path.isAbsolute(loc.artifactLocation.uri), 'relative artifact uri');
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      }
      const flawed = run.results.find((x: { ruleId: string }) => x.ruleId === 'retryable-treated-as-final');
      assert.ok(flawed, 'the flawed file has a result (needs the rules engine)');
      assert.equal(flawed.level, 'warning');
      assert.equal(flawed.locations[0].physicalLocation.artifactLocation.uri, FLAWED.split(path.sep).join('/'));
      assert.equal(flawed.locations[0].physicalLocation.region.startLine, locate(FLAWED, '429').line);
    });
  });

  describe('--fail-on', () => {
    it('exits 1 with --fail-on warning when a warning exists', () => {
      const r = eci('check', '--format', 'json', '--fail-on', 'warning', FLAWED);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(JSON.parse(r.stdout).files[0].diagnostics.some((d: { severity: string }) => d.severity === 'warning'));
    });

    it('exits 0 with --fail-on warning when there is none', () => {
      const r = eci('check', '--format', 'json', '--fail-on', 'warning', CLEAN, HTTP);
      assert.equal(r.code, 0, r.stderr);
    });

    it('exits 0 when findings are below the threshold (--fail-on error)', () => {
      assert.equal(eci('check', '--fail-on=error', FLAWED).code, 0);
    });
  });
});
