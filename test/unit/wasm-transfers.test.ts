/**
 * The faster node getters (server/src/service/parsing/wasmTransfers.ts) read the same values as
 * web-tree-sitter's tree cursor, which marshals nodes its own way: every node of files in four grammars,
 * including a broken one, and field lookups by name agree with lookups by field id. The library is loaded
 * with the node handle in a named field (parsing/webTreeSitter.ts): exactly three lines of its source
 * change, and a source of another shape is left alone.
 */
import * as assert from 'assert';
import * as fs from 'node:fs';
import type { Node, Tree } from 'web-tree-sitter';
import { TreeSitterHost } from '../../server/src/service/parsing/treeSitter';
import { transfersSpeededUp } from '../../server/src/service/parsing/wasmTransfers';
import { NODE_HANDLE, nodeHandleNamed, withNamedNodeHandle } from '../../server/src/service/parsing/webTreeSitter';
import { generateSource } from '../../bench/generate';

const host = new TreeSitterHost();

async function parse(grammar: 'python' | 'typescript' | 'go' | 'java', text: string): Promise<Tree> {
  const parser = await host.newParser(grammar);
  const tree = parser.parse(text);
  parser.delete();
  assert.ok(tree);
  return tree;
}

/** Every node, read both through the cursor and through the node's getters. */
function compareAll(tree: Tree): number {
  const cursor = tree.walk();
  let count = 0;
  for (;;) {
    const node = cursor.currentNode;
    assert.strictEqual(node.type, cursor.nodeType);
    assert.strictEqual(node.typeId, cursor.nodeTypeId);
    assert.strictEqual(node.endIndex, cursor.endIndex);
    assert.strictEqual(node.isNamed, cursor.nodeIsNamed);
    assert.strictEqual(node.childCount, node.children.length);
    assert.strictEqual(node.namedChildCount, node.namedChildren.length);
    assert.strictEqual(node.hasError, node.isError || node.isMissing || node.children.some((child) => child?.hasError));
    count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return count;
      }
    }
  }
}

function fieldReads(node: Node, names: string[]): void {
  const fields = node.tree.language.fields;
  for (const name of names) {
    const id = fields.indexOf(name);
    const byName = node.childForFieldName(name);
    const byId = id === -1 ? null : node.childForFieldId(id);
    assert.strictEqual(byName?.id, byId?.id, name);
  }
}

describe('wasm transfers: faster node getters read what the cursor reads', function () {
  this.timeout(20000);

  for (const grammar of ['python', 'typescript', 'go', 'java'] as const) {
    it(`every node of a generated ${grammar} file`, async () => {
      const tree = await parse(grammar, generateSource(grammar, 150));
      assert.ok(transfersSpeededUp(), 'the host initialised web-tree-sitter, so the faster getters are in place');
      assert.ok(compareAll(tree) > 1000);
      tree.delete();
    });
  }

  it('a file with syntax errors', async () => {
    const tree = await parse('python', 'def f(:\n    return [1, 2\nclass C(\n    x = 429 +\n');
    assert.ok(tree.rootNode.hasError);
    compareAll(tree);
    tree.delete();
  });

  it('field lookups by name, known and unknown names', async () => {
    const tree = await parse('typescript', 'async function load(url: string) { const r = await fetch(url); if (r.status === 429) return retry(); }\n');
    const names = ['name', 'body', 'parameters', 'left', 'right', 'function', 'arguments', 'no_such_field', ''];
    const visit = (node: Node): void => {
      fieldReads(node, names);
      for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(tree.rootNode);
    tree.delete();
  });

  it('names the node handle in three lines of the library source, and only there', () => {
    const source = fs.readFileSync(require.resolve('web-tree-sitter'), 'utf8');
    const patched = withNamedNodeHandle(source);
    assert.ok(patched);
    const before = source.split('\n');
    const after = patched.split('\n');
    assert.strictEqual(after.length, before.length);
    const changed = before.map((line, i) => [line.trim(), after[i].trim()]).filter(([a, b]) => a !== b);
    assert.deepStrictEqual(changed, [
      ['[0] = 0;', `${NODE_HANDLE} = 0;`],
      ['this[0] = other;', `this.${NODE_HANDLE} = other;`],
      ['C.setValue(address, node[0], "i32");', `C.setValue(address, node.${NODE_HANDLE}, "i32");`],
    ]);
  });

  it('leaves a library source of another shape alone', () => {
    const source = fs.readFileSync(require.resolve('web-tree-sitter'), 'utf8');
    assert.strictEqual(withNamedNodeHandle(source.replace('this[0] = other;', 'this[0] = other ?? 0;')), undefined);
    assert.strictEqual(withNamedNodeHandle(`${source}\nfunction another(node) { return node[0]; }\n`), undefined);
    assert.strictEqual(withNamedNodeHandle('module.exports = {};'), undefined);
  });

  it('nodes carry the handle in the named field, not as an element', async () => {
    const tree = await parse('go', 'package main\n\nfunc main() { if resp.StatusCode == 429 { retry() } }\n');
    assert.ok(nodeHandleNamed, 'the server code loaded web-tree-sitter first, from the patched source');
    const node = tree.rootNode.descendantForIndex(tree.rootNode.text.indexOf('429'))!;
    assert.strictEqual(node.type, 'int_literal');
    assert.ok(Object.prototype.hasOwnProperty.call(node, NODE_HANDLE));
    assert.ok(!Object.prototype.hasOwnProperty.call(node, 0));
    assert.strictEqual(node.parent?.type, 'binary_expression');
    tree.delete();
  });
});
