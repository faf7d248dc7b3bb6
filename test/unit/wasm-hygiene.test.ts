/**
 * web-tree-sitter's finalizer for a garbage-collected TreeCursor frees the wrong memory and corrupts the
 * wasm heap (seen as "memory access out of bounds" in FinalizationRegistry.cleanupSome, long after the
 * fact). Every cursor the server creates must therefore be deleted explicitly, in the same function.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('wasm hygiene', () => {
  it('every TreeCursor made with .walk() is deleted in a finally block of the same function', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(__dirname, '..', '..', 'server', 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/const (\w+) = [\w.]+\.walk\(\);/g)) {
        const rest = text.slice(match.index);
        const end = rest.search(/\n}\n/);
        const body = end < 0 ? rest : rest.slice(0, end);
        if (!new RegExp(`finally\\s*\\{[^}]*\\b${match[1]}\\.delete\\(\\)`).test(body)) offenders.push(`${path.relative(process.cwd(), file)}: ${match[0]}`);
      }
      const walks = (text.match(/(?<!this)\.walk\(\)/g) ?? []).length;
      const named = [...text.matchAll(/const (\w+) = [\w.]+\.walk\(\);/g)].length;
      if (walks !== named) offenders.push(`${path.relative(process.cwd(), file)}: a .walk() cursor not held in a const (cannot be checked)`);
    }
    assert.deepStrictEqual(offenders, []);
  });
});
