/**
 * Protocol tier: `eci check` over Ruby and PHP files, with the workspace index on (the default) and off — every file is
 * analysed (none fails for want of a workspace reader) and the same findings come out both ways.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI_BIN, ROOT, ensureBuilt } from './lspClient';

const DIRS = ['ruby', 'php'].map((l) => path.relative(ROOT, path.join(__dirname, '..', 'fixtures', 'diagnostics', l)));

function check(...extra: string[]): { files: { path: string; language: string; diagnostics: { rule: string; line: number }[] }[]; stderr: string } {
  // As the fixtures are read (their reads are reported: eci-fixture-settings).
  const config = path.join(ROOT, 'test', 'fixtures', 'settings', 'reads-reported.json');
  const r = spawnSync(process.execPath, [CLI_BIN, 'check', '--format', 'json', '--config', config, ...extra, ...DIRS], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

describe('protocol: eci check on Ruby and PHP', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('analyses every Ruby and PHP fixture, with and without the workspace index, to the same findings', () => {
    const indexed = check();
    const alone = check('--no-workspace');
    assert.doesNotMatch(indexed.stderr, /analysis failed/);
    const languages = new Set(indexed.files.map((f) => f.language));
    assert.deepEqual([...languages].sort(), ['php', 'ruby']);
    assert.ok(indexed.files.length >= 20, `${indexed.files.length} files`);
    const findings = (run: ReturnType<typeof check>) => run.files.flatMap((f) => f.diagnostics.map((d) => `${path.basename(f.path)}:${d.line}:${d.rule}`)).sort();
    assert.deepEqual(findings(indexed), findings(alone));
    assert.ok(findings(indexed).some((f) => /retry_loops\.rb:\d+:unsafe-retry/.test(f)));
    assert.ok(findings(indexed).some((f) => /LaravelClient\.php:\d+:no-retry-on-request/.test(f)));
  });
});
