/**
 * Protocol tier: what keeps the language server's resident memory down and is decided by the build
 * and the command line rather than by the code (docs/performance.md, server/src/execArgv.ts).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_EXEC_ARGV } from '../../server/src/execArgv';

const ROOT = path.resolve(__dirname, '..', '..');

/** Offsets of the first few characters outside ASCII, with a little context. */
function nonAscii(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length && found.length < 5; i++) {
    if (text.charCodeAt(i) > 0x7f) found.push(`${i}: ${JSON.stringify(text.slice(Math.max(0, i - 30), i + 10))}`);
  }
  return found;
}

describe('protocol: server memory set-up', () => {
  // V8 keeps a script's source for the life of its functions, as one byte a character only when no
  // character is outside Latin-1: one `…` in a comment doubled the server bundle's 3.5 MB in the heap.
  for (const bundle of ['out/server/core.js', 'out/cli/eci.js']) {
    it(`${bundle} is pure ASCII`, () => {
      const text = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
      assert.ok(text.length > 100_000, 'the bundle is built');
      assert.deepEqual(nonAscii(text), []);
    });
  }

  it('the bundle still carries its comments as text: escapes, not removals', () => {
    // The build escapes what esbuild leaves unescaped (comments); a comment written with an arrow keeps it as \u2192.
    const text = fs.readFileSync(path.join(ROOT, 'out/server/core.js'), 'utf8');
    assert.match(text, /^\s*(\/\/|\/\*\*|\*)[^\n]*\\u2192/m);
  });

  it('the eci-language-server bin starts node with the same flags as the VS Code client', () => {
    const shebang = fs.readFileSync(path.join(ROOT, 'bin/eci-language-server.js'), 'utf8').split('\n')[0];
    assert.equal(shebang, `#!/usr/bin/env -S node ${SERVER_EXEC_ARGV.join(' ')}`);
  });

  it('node accepts the server flags', () => {
    const out = execFileSync(process.execPath, [...SERVER_EXEC_ARGV, path.join(ROOT, 'out/server/main.js'), '--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(out, '');
  });
});
