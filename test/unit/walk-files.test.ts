import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentSkipReason } from '../../server/src/cli/fileContent';
import { Progress } from '../../server/src/cli/progress';
import { walkFiles } from '../../server/src/cli/walkFiles';
import { languageForPath } from '../../server/src/service/parsing/grammars';

/** A small repository tree whose ignore files cover anchored, nested, negated and folder-only patterns. */
const TREE: Record<string, string> = {
  '.gitignore': 'dist/\n*.gen.ts\n/build\nlogs/**\n!keep.gen.ts\n',
  '.ignore': 'secret/\n',
  'bin/cli.js': 'console.log(1);\n',
  'src/app.ts': 'export const a = 1;\n',
  'src/a.gen.ts': 'export const g = 1;\n',
  'src/keep.gen.ts': 'export const k = 1;\n',
  'src/build/y.py': 'y = 1\n',
  'build/x.py': 'x = 1\n',
  'dist/bundle.js': 'var b;\n',
  'logs/today/l.py': 'l = 1\n',
  'sub/.gitignore': 'local.py\n!important.gen.ts\n',
  'sub/local.py': 'p = 1\n',
  'sub/other/local.py': 'p = 2\n',
  'sub/important.gen.ts': 'export const i = 1;\n',
  'sub/main.go': 'package main\n',
  'vendor/lib.go': 'package lib\n',
  'obj/Thing.cs': 'class Thing {}\n',
  'secret/s.go': 'package secret\n',
  'node_modules/pkg/index.js': 'module.exports = 1;\n',
  'scratch.ts': 'let s = 1;\n',
  'README.md': '# not code\n',
};

function makeRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-walk-'));
  execFileSync('git', ['init', '-q', dir]);
  for (const [rel, text] of Object.entries(TREE)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), 'scratch.ts\n');
  return dir;
}

const relFiles = (dir: string, files: Array<{ path: string }>): string[] => files.map((f) => path.relative(dir, f.path).split(path.sep).join('/')).sort();

describe('walkFiles: ignore files like git', () => {
  let dir: string;
  before(() => {
    dir = makeRepo();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('selects what git itself lists as not ignored (less .ignore matches and node_modules)', () => {
    const byGit = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && languageForPath(f) && !f.startsWith('secret/') && !f.startsWith('node_modules/'))
      .sort();
    const walked = relFiles(dir, walkFiles([dir], 1 << 20).files);
    assert.deepEqual(walked, byGit);
    // The fixed folder list this replaced dropped these; git keeps them.
    for (const kept of ['bin/cli.js', 'vendor/lib.go', 'obj/Thing.cs', 'src/build/y.py', 'src/keep.gen.ts', 'sub/important.gen.ts']) assert.ok(walked.includes(kept), kept);
    for (const left of ['dist/bundle.js', 'build/x.py', 'src/a.gen.ts', 'sub/local.py', 'sub/other/local.py', 'logs/today/l.py', 'secret/s.go', 'scratch.ts']) assert.ok(!walked.includes(left), left);
  });

  it('applies the ignore files of parent folders when walking a sub-folder', () => {
    assert.deepEqual(relFiles(dir, walkFiles([path.join(dir, 'src')], 1 << 20).files), ['src/app.ts', 'src/build/y.py', 'src/keep.gen.ts']);
    assert.deepEqual(relFiles(dir, walkFiles([path.join(dir, 'sub')], 1 << 20).files), ['sub/important.gen.ts', 'sub/main.go']);
  });

  it('walks a folder or file given explicitly even when an ignore file matches it', () => {
    assert.deepEqual(relFiles(dir, walkFiles([path.join(dir, 'dist')], 1 << 20).files), ['dist/bundle.js']);
    assert.deepEqual(relFiles(dir, walkFiles([path.join(dir, 'src', 'a.gen.ts')], 1 << 20).files), ['src/a.gen.ts']);
  });

  it('reads no ignore files with ignoreFiles: false, and still skips node_modules', () => {
    const all = relFiles(dir, walkFiles([dir], 1 << 20, { ignoreFiles: false }).files);
    const expected = Object.keys(TREE).filter((f) => languageForPath(f) && !f.startsWith('node_modules/')).sort();
    assert.deepEqual(all, expected);
  });

  it('skips Python virtual environments by their pyvenv.cfg', () => {
    const venv = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-venv-'));
    try {
      fs.mkdirSync(path.join(venv, 'env', 'lib'), { recursive: true });
      fs.writeFileSync(path.join(venv, 'env', 'pyvenv.cfg'), 'home = /usr/bin\n');
      fs.writeFileSync(path.join(venv, 'env', 'lib', 'site.py'), 'x = 1\n');
      fs.writeFileSync(path.join(venv, 'app.py'), 'y = 2\n');
      assert.deepEqual(relFiles(venv, walkFiles([venv], 1 << 20).files), ['app.py']);
    } finally {
      fs.rmSync(venv, { recursive: true, force: true });
    }
  });
});

describe('walkFiles: vendored dependencies', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eci-vendor-'));
    const files: Record<string, string> = {
      'main.go': 'package main\n',
      // `go mod vendor` writes modules.txt beside the copied modules.
      'vendor/modules.txt': '# example.org/retry v1.2.0\n',
      'vendor/example.org/retry/retry.go': 'package retry\n',
      // Composer's vendor folder holds its autoloader.
      'web/vendor/autoload.php': '<?php\n',
      'web/vendor/acme/http/src/Client.php': '<?php\n',
      'web/app/Sync.php': '<?php\n',
      'static/bower_components/widget/widget.js': 'var w;\n',
      // Rails: vendor/ beside the Gemfile is the place for third-party code.
      'shop/Gemfile': "source 'https://rubygems.org'\n",
      'shop/vendor/assets/javascripts/chart.js': 'var c;\n',
      'shop/app/models/order.rb': 'class Order; end\n',
      // A vendor folder of the project's own code (integrations with its vendors) holds no tool's marker.
      'billing/vendor/stripe.py': 's = 1\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not enter the vendor folder of Go modules, Composer or Bundler, nor bower_components', () => {
    assert.deepEqual(relFiles(dir, walkFiles([dir], 1 << 20).files), ['billing/vendor/stripe.py', 'main.go', 'shop/app/models/order.rb', 'web/app/Sync.php']);
  });

  it('walks them when asked: given explicitly, or with ignoreFiles: false', () => {
    assert.deepEqual(relFiles(dir, walkFiles([path.join(dir, 'vendor')], 1 << 20).files), ['vendor/example.org/retry/retry.go']);
    const all = relFiles(dir, walkFiles([dir], 1 << 20, { ignoreFiles: false }).files);
    for (const f of ['vendor/example.org/retry/retry.go', 'web/vendor/acme/http/src/Client.php', 'static/bower_components/widget/widget.js', 'shop/vendor/assets/javascripts/chart.js']) {
      assert.ok(all.includes(f), f);
    }
  });
});

describe('content checks: binary and minified files', () => {
  it('calls a file with a NUL byte in its first KB binary, not one with a NUL later', () => {
    assert.match(contentSkipReason(Buffer.from('abc\0def')) ?? '', /binary/);
    assert.equal(contentSkipReason(Buffer.concat([Buffer.from('x'.repeat(1500) + '\n'), Buffer.from([0])])), undefined);
  });

  it('calls long-lined output minified, and leaves hand-written code and small files alone', () => {
    const minified = `!function(){${'var a=1,b=2;if(r.status===429)retry();'.repeat(200)}}();\n`;
    assert.match(contentSkipReason(Buffer.from(minified)) ?? '', /minified/);
    const handWritten = 'if (res.status === 429) {\n  await sleep(backoff(attempt));\n}\n'.repeat(100);
    assert.equal(contentSkipReason(Buffer.from(handWritten)), undefined);
    assert.equal(contentSkipReason(Buffer.from('x'.repeat(1500))), undefined);
  });
});

describe('progress line', () => {
  it('counts files and findings, redraws at most every 100 ms and on the last file, and erases itself', () => {
    const written: string[] = [];
    let now = 0;
    const progress = new Progress({ write: (t) => written.push(t), columns: 80 }, 3, () => now);
    progress.fileDone(2); // the first file: drawn
    now = 50;
    progress.fileDone(0); // too soon
    now = 60;
    progress.fileDone(1); // the last file: always drawn
    progress.finish();
    assert.deepEqual(written, ['\r\x1b[2Keci: 1/3 files, 2 findings', '\r\x1b[2Keci: 3/3 files, 3 findings', '\r\x1b[2K']);
  });
});
