import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';

/**
 * The nodes of some types that belong to a scope (a function's node, or the file's root for its top-level
 * statements): every one inside it, in document order, except those inside a function nested in it.
 *
 * Rules ask this once per request ("the ifs after this call", "the returns of this function"); walking the
 * scope's children from JavaScript for each question marshals every node of the function out of tree-sitter each
 * time. The lookup here runs in tree-sitter (`descendantsOfType`) and is kept for the analysis.
 */
export function ownNodesOfType(ctx: DiagContext, scope: Node, types: ReadonlySet<string>): readonly Node[] {
  let byScope = cache.get(ctx);
  if (!byScope) cache.set(ctx, (byScope = new Map()));
  const key = `${scope.id}:${[...types].join(',')}`;
  let nodes = byScope.get(key);
  if (!nodes) byScope.set(key, (nodes = collect(ctx, scope, types)));
  return nodes;
}

const cache = new WeakMap<DiagContext, Map<string, readonly Node[]>>();

function collect(ctx: DiagContext, scope: Node, types: ReadonlySet<string>): Node[] {
  const wanted = scope.descendantsOfType([...types]).filter((n): n is Node => !!n && n.id !== scope.id);
  if (!wanted.length) return [];
  // The outermost functions nested in the scope, in document order: a wanted node inside one is not the scope's.
  const nested: Array<{ start: number; end: number }> = [];
  for (const f of scope.descendantsOfType([...ctx.flow.grammar.functions])) {
    if (!f || f.id === scope.id) continue;
    const last = nested[nested.length - 1];
    if (last && f.startIndex >= last.start && f.endIndex <= last.end) continue;
    nested.push({ start: f.startIndex, end: f.endIndex });
  }
  const own: Node[] = [];
  let i = 0;
  for (const n of wanted) {
    while (i < nested.length && nested[i].end <= n.startIndex) i++;
    const inside = i < nested.length && n.startIndex >= nested[i].start && n.endIndex <= nested[i].end;
    if (!inside) own.push(n);
  }
  return own;
}
