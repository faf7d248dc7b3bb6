import type { Node } from 'web-tree-sitter';
import { FlowGrammar, isConstantTrue, lastSegment, typeSet } from './flowGrammar';

export const pythonFlow: FlowGrammar = {
  functions: typeSet('function_definition', 'lambda'),
  ifs: typeSet('if_statement', 'elif_clause'),
  cases: typeSet('case_clause'),
  loops: typeSet('for_statement', 'while_statement'),
  raises: typeSet('raise_statement'),
  returns: typeSet('return_statement'),
  continues: typeSet('continue_statement'),
  breaks: typeSet('break_statement'),
  increments: typeSet('augmented_assignment'),
  imports: typeSet('import_statement', 'import_from_statement'),
  comments: typeSet('comment'),
  strings: typeSet('string', 'identifier'),
  exitCalls: typeSet('exit', '_exit', 'abort'),

  functionName: (fn) => fn.childForFieldName('name')?.text,
  decorators(fn) {
    const parent = fn.parent;
    if (parent?.type !== 'decorated_definition') return [];
    return parent.namedChildren.filter((c) => c?.type === 'decorator').map((d) => lastSegment(d!.text.replace(/^@/, '')));
  },
  ifCondition: (node) => node.childForFieldName('condition'),
  ifConsequence: (node) => node.childForFieldName('consequence'),
  loopBody: (node) => node.childForFieldName('body'),
  loopKind(node) {
    if (node.type === 'while_statement') {
      return { kind: isConstantTrue(node.childForFieldName('condition')) ? 'infinite' : 'conditional' };
    }
    const right = node.childForFieldName('right');
    const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
    const counterVar = node.childForFieldName('left')?.text;
    if (callee === 'range') {
      const attempts = rangeLength(right!);
      return { kind: 'counted', counterVar, ...(attempts ? { attempts } : {}) };
    }
    // `for attempt in (1, 2):`, `for delay in [1, 2, 4]:` — a fixed run of numbers is a count (or a delay schedule), not items.
    if (numberRun(right)) return { kind: 'counted', counterVar, attempts: right!.namedChildren.filter((c) => c !== null && c.type !== 'comment').length };
    return { kind: 'collection' };
  },
  importModules(node) {
    if (node.type === 'import_from_statement') {
      const module = node.childForFieldName('module_name')?.text;
      return module ? [module] : [];
    }
    return node.namedChildren.filter((c) => c?.type === 'dotted_name' || c?.type === 'aliased_import').map((c) => c!.text.split(/\s+as\s+/)[0]);
  },
};

/** A tuple or list literal of two or more integer (or float) literals. */
function numberRun(node: Node | null): boolean {
  if (!node || (node.type !== 'tuple' && node.type !== 'list')) return false;
  const items = node.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  return items.length >= 2 && items.every((c) => c!.type === 'integer' || c!.type === 'float');
}

/** How many values `range(n)` / `range(a, b)` yields when its bounds are integer literals. */
function rangeLength(call: Node): number | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
  if (args.length === 0 || args.length > 2 || args.some((a) => a!.type !== 'integer')) return undefined;
  const [a, b] = args.map((x) => Number(x!.text));
  const n = args.length === 1 ? a : b - a;
  return n > 0 ? n : undefined;
}
