/**
 * Protocol tier for CI use (#18): `eci baseline write` / `--baseline`, `--diff-base`, `--staged` and
 * the GitHub Action's entry script, each run as a real process over a real git repository made in
 * a temp folder. SARIF is validated against the SARIF 2.1.0 schema shipped as test data.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sarifSchemaErrors } from '../support/sarifSchema';
import { CLI_BIN, ROOT, ensureBuilt } from './lspClient';

/** A retryable status turned into a final error: one `retryable-treated-as-final` warning per function. */
function flawed(name: string, code = 429): string {
  return `def ${name}(url):\n    r = requests.get(url, timeout=5)\n    if r.status_code == ${code}:\n        raise RuntimeError("${name} failed")\n    return r\n`;
}
const HEADER = 'import requests\n\n\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function eci(cwd: string, ...args: string[]): Run {
  return run(cwd, process.execPath, [CLI_BIN, ...args]);
}

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };

function git(cwd: string, ...args: string[]): string {
  const r = run(cwd, 'git', args, GIT_ENV);
  assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function tempRepo(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'eci-ci-')));
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

type Report = { files: { path: string; diagnostics: { rule: string; line: number }[] }[] };

/** `file:line rule` for every diagnostic of a JSON report, lines 1-based. */
function found(r: Run): string[] {
  const report = JSON.parse(r.stdout) as Report;
  return report.files.flatMap((f) => f.diagnostics.map((d) => `${f.path.split(path.sep).join('/')}:${d.line} ${d.rule}`)).sort();
}

function lineOf(file: string, needle: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('protocol: eci in CI (baseline, diff-base, staged, Action)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  describe('baseline', () => {
    it('records findings, then reports and fails only on new ones, also after lines moved', () => {
      const dir = tempRepo();
      fs.writeFileSync(path.join(dir, 'client.py'), HEADER + flawed('old'));
      const write = eci(dir, 'baseline', 'write', '.', '-o', 'eci-baseline.json');
      assert.equal(write.code, 0, write.stderr);
      assert.match(write.stderr, /wrote 1 finding to eci-baseline\.json/);
      const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'eci-baseline.json'), 'utf8'));
      assert.deepEqual(baseline.findings.map((f: { path: string; rule: string }) => `${f.path} ${f.rule}`), ['client.py retryable-treated-as-final']);

      // Lines added above move the old finding; nothing new yet: clean and passing.
      fs.writeFileSync(path.join(dir, 'client.py'), `${HEADER}# moved down\n# and down\n\n${flawed('old')}`);
      const moved = eci(dir, 'check', '--format', 'json', '--fail-on', 'warning', '--baseline', 'eci-baseline.json', '.');
      assert.equal(moved.code, 0, moved.stderr);
      assert.deepEqual(found(moved), []);
      assert.match(moved.stderr, /1 finding recorded in the baseline/);

      // A new flaw is reported and fails the run; the recorded one still is not.
      fs.appendFileSync(path.join(dir, 'client.py'), `\n\n${flawed('fresh', 503)}`);
      const fresh = eci(dir, 'check', '--format', 'json', '--fail-on', 'warning', '--baseline', 'eci-baseline.json', '.');
      assert.equal(fresh.code, 1, fresh.stderr);
      assert.deepEqual(found(fresh), [`client.py:${lineOf(path.join(dir, 'client.py'), '== 503')} retryable-treated-as-final`]);
    });

    it('fails with a clear message for a missing or invalid baseline file', () => {
      const dir = tempRepo();
      fs.writeFileSync(path.join(dir, 'client.py'), HEADER + flawed('f'));
      const missing = eci(dir, 'check', '--baseline', 'nope.json', '.');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /baseline file not found: nope\.json/);
      fs.writeFileSync(path.join(dir, 'bad.json'), '{"findings": []}');
      const invalid = eci(dir, 'check', '--baseline', 'bad.json', '.');
      assert.equal(invalid.code, 2);
      assert.match(invalid.stderr, /not an eci baseline: unsupported version/);
    });
  });

  describe('--diff-base', () => {
    it('reports only findings on lines changed since the ref, untracked files included', () => {
      const dir = tempRepo();
      fs.writeFileSync(path.join(dir, 'client.py'), HEADER + flawed('old'));
      commitAll(dir, 'old');
      const base = git(dir, 'rev-parse', 'HEAD').trim();
      fs.writeFileSync(path.join(dir, 'client.py'), `${HEADER}${flawed('added', 503)}\n\n${flawed('old')}`);
      commitAll(dir, 'added');
      fs.writeFileSync(path.join(dir, 'untracked.py'), HEADER + flawed('brand_new'));
      const r = eci(dir, 'check', '--format', 'json', '--diff-base', base);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(found(r), [`client.py:${lineOf(path.join(dir, 'client.py'), '== 503')} retryable-treated-as-final`, `untracked.py:${lineOf(path.join(dir, 'untracked.py'), '== 429')} retryable-treated-as-final`]);
      const all = eci(dir, 'check', '--format', 'json', '.');
      assert.equal(found(all).length, 3, 'without --diff-base the old finding is reported too');
      const sarif = eci(dir, 'check', '--format', 'sarif', '--diff-base', 'HEAD');
      assert.equal(sarifSchemaErrors(JSON.parse(sarif.stdout)), '');
      assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, 1, 'since HEAD only the untracked file is new');
    });

    it('explains an unknown ref and a folder outside any git repository', () => {
      const dir = tempRepo();
      fs.writeFileSync(path.join(dir, 'client.py'), HEADER + flawed('f'));
      commitAll(dir, 'one');
      const unknown = eci(dir, 'check', '--diff-base', 'no-such-branch');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /'no-such-branch' is not a commit/);
      const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'eci-nogit-')));
      fs.writeFileSync(path.join(outside, 'client.py'), HEADER + flawed('f'));
      const r = run(outside, process.execPath, [CLI_BIN, 'check', '--diff-base', 'HEAD', '.'], { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--diff-base needs a git repository/);
    });
  });

  describe('--staged', () => {
    it('reports only findings on staged lines of staged files', () => {
      const dir = tempRepo();
      fs.writeFileSync(path.join(dir, 'client.py'), HEADER + flawed('old'));
      fs.writeFileSync(path.join(dir, 'other.py'), HEADER + flawed('other'));
      commitAll(dir, 'start');
      const staged = `${HEADER}${flawed('old')}\n\n${flawed('staged', 503)}`;
      fs.writeFileSync(path.join(dir, 'client.py'), staged);
      git(dir, 'add', 'client.py');
      // Unstaged edits are not reported, not even one above the staged lines that moves them on disk:
      // the file is checked as the index holds it, positions included.
      fs.writeFileSync(path.join(dir, 'client.py'), `${HEADER}${flawed('unstaged', 502)}\n\n${staged.slice(HEADER.length)}`);
      fs.appendFileSync(path.join(dir, 'other.py'), `\n\n${flawed('other_unstaged', 504)}`);
      const r = eci(dir, 'check', '--format', 'json', '--fail-on', 'warning', '--staged');
      assert.equal(r.code, 1, r.stderr);
      const stagedLine = staged.split('\n').findIndex((l) => l.includes('== 503')) + 1;
      assert.notEqual(stagedLine, lineOf(path.join(dir, 'client.py'), '== 503'), 'the working tree moved the staged lines');
      assert.deepEqual(found(r), [`client.py:${stagedLine} retryable-treated-as-final`]);
      const sarif = JSON.parse(eci(dir, 'check', '--format', 'sarif', '--staged').stdout);
      assert.equal(sarifSchemaErrors(sarif), '');
      assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, stagedLine);
      git(dir, 'add', 'client.py', 'other.py');
      git(dir, 'commit', '-q', '-m', 'staged');
      const nothing = eci(dir, 'check', '--format', 'json', '--fail-on', 'warning', '--staged', 'client.py', 'other.py');
      assert.equal(nothing.code, 0, nothing.stderr);
      assert.deepEqual(found(nothing), []);
    });
  });

  describe('GitHub Action entry script', () => {
    it('writes schema-valid SARIF, sets outputs, annotates findings and fails on fail-on', () => {
      const workspace = tempRepo();
      fs.mkdirSync(path.join(workspace, 'src'));
      fs.writeFileSync(path.join(workspace, 'src', 'client.py'), HEADER + flawed('f'));
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-runner-'));
      const outputFile = path.join(temp, 'github_output');
      const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp, GITHUB_OUTPUT: outputFile, INPUT_PATHS: 'src', 'INPUT_FAIL-ON': 'warning', INPUT_CATEGORY: 'ci-test' };
      const r = run(ROOT, process.execPath, [path.join(ROOT, 'scripts', 'action-entry.mjs')], env);
      assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
      const outputs = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
      assert.equal(outputs.findings, '1');
      assert.ok(outputs['sarif-file'].startsWith(temp), outputs['sarif-file']);
      const log = JSON.parse(fs.readFileSync(outputs['sarif-file'], 'utf8'));
      assert.equal(sarifSchemaErrors(log), '');
      assert.equal(log.runs[0].automationDetails.id, 'ci-test/');
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'src/client.py');
      assert.match(r.stdout, new RegExp(`^::warning file=src/client\\.py,line=${lineOf(path.join(workspace, 'src', 'client.py'), '== 429')},.*title=retryable-treated-as-final::`, 'm'));

      assert.equal(eci(workspace, 'baseline', 'write', 'src', '-o', 'eci-baseline.json').code, 0);
      const withBaseline = run(ROOT, process.execPath, [path.join(ROOT, 'scripts', 'action-entry.mjs')], { ...env, INPUT_BASELINE: 'eci-baseline.json' });
      assert.equal(withBaseline.code, 0, `${withBaseline.stdout}\n${withBaseline.stderr}`);
      const missing = run(ROOT, process.execPath, [path.join(ROOT, 'scripts', 'action-entry.mjs')], { ...env, INPUT_BASELINE: 'missing.json' });
      assert.equal(missing.code, 2);
      assert.match(missing.stdout, /^::error .*eci exited with 2/m);
      assert.match(missing.stderr, /baseline file not found/);
    });

    it('on examples/ as .github/workflows/eci-examples.yml runs it: schema-valid SARIF with the examples\' findings, passing with fail-on none', () => {
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-runner-'));
      const outputFile = path.join(temp, 'github_output');
      const env = { GITHUB_WORKSPACE: ROOT, RUNNER_TEMP: temp, GITHUB_OUTPUT: outputFile, INPUT_PATHS: 'examples', INPUT_FAIL_ON: 'none', INPUT_CATEGORY: 'eci-examples' };
      const r = run(ROOT, process.execPath, [path.join(ROOT, 'scripts', 'action-entry.mjs')], env);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const log = JSON.parse(fs.readFileSync(path.join(temp, 'eci.sarif'), 'utf8'));
      assert.equal(sarifSchemaErrors(log), '');
      const results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] = log.runs[0].results;
      assert.ok(results.length >= 5, `the examples hold deliberate findings (${results.length})`);
      assert.ok(results.every((x) => x.locations[0].physicalLocation.artifactLocation.uri.startsWith('examples/')));
      assert.match(fs.readFileSync(outputFile, 'utf8'), new RegExp(`^findings=${results.length}$`, 'm'));
    });
  });
});
