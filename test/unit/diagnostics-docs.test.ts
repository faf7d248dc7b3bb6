import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/service/diagnostics/rules';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');

describe('diagnostics rules table and docs/rules.md', () => {
  it('has unique ids equal to their docs anchors', () => {
    const ids = RULES.map((r) => r.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    for (const rule of RULES) assert.strictEqual(rule.docsAnchor, rule.id);
  });

  it('documents every rule under a heading that makes its anchor', () => {
    const headings = [...DOC.matchAll(/^## ([a-z-]+)$/gm)].map((m) => m[1]);
    assert.deepStrictEqual(headings, RULES.map((r) => r.docsAnchor));
  });

  it('links every rule from the overview table with its default severity', () => {
    for (const rule of RULES) {
      const row = DOC.split('\n').find((l) => l.startsWith(`| [\`${rule.id}\`](#${rule.docsAnchor})`));
      assert.ok(row, rule.id);
      assert.ok(row!.includes(`| ${rule.defaultSeverity} |`), `${rule.id}: ${row}`);
    }
  });

  it('has message templates that say what and why in one line', () => {
    for (const rule of RULES) {
      assert.ok(!rule.message.includes('\n'), rule.id);
      assert.ok(rule.message.includes(':') || rule.message.includes(';'), `${rule.id} gives a reason`);
    }
  });
});
