/**
 * Protocol tier: `eci check` reads the workspace in two passes (#16). Over the cross-file fixtures, the
 * findings are exactly the `expect-workspace:` ones; with --no-workspace, each file on its own, they are
 * the `expect-single:` ones. A run with more files than one thread takes (--jobs 2, files copied until
 * workers start) must give the same findings, so the summaries reach the workers.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_BIN, ROOT, ensureBuilt } from './lspClient';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'workspace');
const READS_REPORTED = path.join(ROOT, 'test', 'fixtures', 'settings', 'reads-reported.json');
/** The rules whose cross-file readings the fixtures name: helpers and checkers elsewhere, status sets imported. */
const CHECKED = new Set(['no-retry-on-request', 'non-retryable-retried']);

function findings(...args: string[]): string[] {
  // The fixtures' helpers are mostly reads: no-retry-on-request reports them with reportReadsWithoutRetry on.
  const r = spawnSync(process.execPath, [CLI_BIN, 'check', '--format', 'json', '--config', READS_REPORTED, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics?: Array<{ rule: string }> }> };
  return report.files.flatMap((f) => (f.diagnostics ?? []).filter((d) => CHECKED.has(d.rule)).map((d) => `${path.basename(f.path)} ${d.rule}`)).sort();
}

function expectations(key: 'single' | 'workspace'): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const m = new RegExp(`expect-${key}: \\[([^\\]]*)\\]`).exec(fs.readFileSync(p, 'utf8'));
        for (const rule of m?.[1].split(',').map((s) => s.trim()).filter(Boolean) ?? []) if (CHECKED.has(rule)) out.push(`${e.name} ${rule}`);
      }
    }
  };
  walk(FIXTURES);
  return out.sort();
}

describe('eci check: workspace index (two passes)', function () {
  this.timeout(180_000);
  before(() => ensureBuilt());

  it('reports the cross-file fixtures as the workspace sees them', () => {
    const expected = expectations('workspace');
    assert.ok(expected.length >= 5);
    assert.deepEqual(findings(path.relative(ROOT, FIXTURES)), expected);
  });

  it('--no-workspace checks each file on its own', () => {
    assert.deepEqual(findings('--no-workspace', path.relative(ROOT, FIXTURES)), expectations('single'));
  });

  it('gives the same findings when worker threads share the work', () => {
    // 50 copies of the Python fixtures, each its own folder: enough candidates for two threads.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-ws-'));
    try {
      for (let i = 0; i < 50; i++) fs.cpSync(path.join(FIXTURES, 'python'), path.join(tmp, `copy${i}`), { recursive: true });
      const found = findings('--jobs', '2', tmp);
      const once = expectations('workspace').filter((e) => /\.py /.test(e));
      assert.equal(found.length, once.length * 50);
      assert.deepEqual([...new Set(found)].sort(), [...new Set(once)].sort());
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
