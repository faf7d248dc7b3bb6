/**
 * The faster node getters (server/src/service/parsing/wasmTransfers.ts) read the same values as
 * web-tree-sitter's tree cursor, which marshals nodes its own way: every node of files in four grammars,
 * including a broken one, and field lookups by name agree with lookups by field id.
 */
import * as assert from 'assert';
import type { Node, Tree } from 'web-tree-sitter';
import { TreeSitterHost } from '../../server/src/service/parsing/treeSitter';
import { transfersSpeededUp } from '../../server/src/service/parsing/wasmTransfers';
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
});
