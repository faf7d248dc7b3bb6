/**
 * Protocol tier: how the built `eci check` walks a real git repository made in a temp folder —
 * .gitignore respected, --no-ignore, binary and minified files skipped by content, and progress on
 * stderr only when stderr is a terminal.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_BIN, ensureBuilt } from './lspClient';

const HANDLER = 'export async function load(url: string) {\n  const res = await fetch(url);\n  if (res.status === 429) throw new Error("rate limited");\n  return res.json();\n}\n';

describe('protocol: eci check walks files like git', function () {
  this.timeout(60_000);
  let repo: string;

  before(() => {
    ensureBuilt();
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-cli-walk-'));
    execFileSync('git', ['init', '-q', repo]);
    const files: Record<string, string | Buffer> = {
      '.gitignore': 'generated/\n',
      'bin/server.ts': HANDLER,
      'generated/client.ts': HANDLER,
      'src/app.ts': HANDLER,
      'src/blob.ts': Buffer.concat([Buffer.from('429 '), Buffer.from([0, 1, 2, 0]), Buffer.from(HANDLER)]),
      'src/bundle.ts': `${HANDLER.replace(/\n/g, ';').repeat(40)}\n`,
    };
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), content);
    }
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  const eci = (...args: string[]) => spawnSync(process.execPath, [CLI_BIN, 'check', '--format', 'json', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  const checked = (stdout: string): string[] => (JSON.parse(stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path.split(path.sep).join('/')).sort();

  it('respects .gitignore, keeps bin/, and skips binary and minified files with a notice', () => {
    const r = eci('.');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(checked(r.stdout), ['bin/server.ts', 'src/app.ts']);
    assert.match(r.stderr, /src\/blob\.ts: skipped, binary content/);
    assert.match(r.stderr, /src\/bundle\.ts: skipped, minified or bundled/);
    assert.doesNotMatch(r.stderr, /\r|\x1b\[/, 'no progress line when stderr is not a terminal');
  });

  it('--no-ignore walks what .gitignore leaves out', () => {
    const r = eci('--no-ignore', '.');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(checked(r.stdout), ['bin/server.ts', 'generated/client.ts', 'src/app.ts']);
  });

  it('draws a progress line on a terminal and erases it', function () {
    const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (script.error || script.status !== 0) {
      console.log('      NOT RUN: no `script` command here to give the CLI a terminal');
      this.skip();
    }
    const command = [process.execPath, CLI_BIN, 'check', '--format', 'json', '--jobs', '1', '.'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /eci: 4\/4 files, 2 findings\r\x1b\[2K\{/, "the last file is always drawn, then erased before the report");
    assert.match(r.stdout, /\r\x1b\[2K/);
  });
});
