import type { Node, Tree } from 'web-tree-sitter';

/**
 * Units of incremental analysis: functions that sit directly in the file or in class-like bodies
 * (only declaration containers above them, no call, loop or other function). What the rules say
 * about code inside such a function depends only on its own text plus a few file-wide facts
 * (imports, header mentions, retry wrappers), so after an edit inside it only it is re-analysed.
 */
/** What the units need of a grammar: which node types are functions. */
export interface UnitGrammar {
  readonly functions: ReadonlySet<string>;
}

const CONTAINERS = new Set([
  'module', 'program', 'source_file', 'compilation_unit', 'decorated_definition', 'class_definition', 'export_statement',
  'class_declaration', 'abstract_class_declaration', 'class_body', 'class', 'interface_declaration', 'interface_body',
  'enum_declaration', 'enum_body', 'record_declaration', 'struct_declaration', 'declaration_list', 'namespace_declaration',
  'file_scoped_namespace_declaration',
]);

function isContainer(node: Node, parentType: string | undefined): boolean {
  // Python class bodies are plain `block`s; any other block is code.
  return CONTAINERS.has(node.type) || (node.type === 'block' && parentType === 'class_definition');
}

/** Start/end offsets of every unit, in source order. */
export function unitSpans(tree: Tree, grammar: UnitGrammar): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const visit = (node: Node): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (grammar.functions.has(child.type)) spans.push([child.startIndex, child.endIndex]);
      else if (isContainer(child, node.type)) visit(child);
    }
  };
  visit(tree.rootNode);
  return spans;
}

/** The unit strictly holding [start, end) (not touching its first or last character), if any. */
export function unitAround(tree: Tree, grammar: UnitGrammar, start: number, end: number): Node | undefined {
  const chain: Node[] = [];
  for (let n: Node | null = tree.rootNode.descendantForIndex(start, end); n; n = n.parent) chain.push(n);
  for (let i = chain.length - 2; i >= 0; i--) {
    const node = chain[i];
    if (grammar.functions.has(node.type)) return node.startIndex < start && end < node.endIndex ? node : undefined;
    if (!isContainer(node, chain[i + 1].type)) return undefined;
  }
  return undefined;
}
