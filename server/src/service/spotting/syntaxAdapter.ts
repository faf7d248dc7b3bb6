import type { Node } from 'web-tree-sitter';

/**
 * What the language-independent classifier needs to know about one grammar: which node types play
 * which part, and how to read names out of them. One adapter per grammar, all plain data plus a few
 * small accessors, so the status-context rules are written once for every language.
 */
export interface SyntaxAdapter {
  /** Integer literal node types. */
  readonly numbers: ReadonlySet<string>;
  /** String literal node types (the whole literal, quotes included). */
  readonly strings: ReadonlySet<string>;
  /** Member access node types (`a.b`, `a->b`); read with `memberParts`. */
  readonly members: ReadonlySet<string>;
  /** Call node types, including `new X(...)`; read with `callee`/`callArguments`. */
  readonly calls: ReadonlySet<string>;
  /** Binary expression types that may compare; `operatorOf` tells the operator. */
  readonly binaries: ReadonlySet<string>;
  /** Nodes that only group: parentheses, argument wrappers, casts, case patterns. */
  readonly transparent: ReadonlySet<string>;
  /** Collection literals: lists, tuples, sets, arrays, Go case value lists. */
  readonly collections: ReadonlySet<string>;
  /** Switch/match case clauses whose subject `caseSubject` returns. */
  readonly cases: ReadonlySet<string>;
  /** Keyword/named argument or object pair node types; read with `pairName`/`pairValue`. */
  readonly pairs: ReadonlySet<string>;
  /** Assignment / declaration node types; read with `assignTarget`. */
  readonly assignments: ReadonlySet<string>;
  readonly returns: ReadonlySet<string>;
  /** Statement types that assert (`assert x == 1`). */
  readonly asserts: ReadonlySet<string>;
  /** Node types of comments. */
  readonly comments: ReadonlySet<string>;

  memberParts(node: Node): { object: Node | null; property: string } | undefined;
  callee(node: Node): Node | null;
  callArguments(node: Node): Node[];
  operatorOf(node: Node): string;
  caseSubject(node: Node): Node | null;
  pairName(node: Node): string | undefined;
  pairValue(node: Node): Node | null;
  assignTarget(node: Node): Node | null;
  /** The text inside a string literal's quotes, with its absolute start offset; undefined for interpolated strings. */
  stringContent(node: Node): { text: string; start: number } | undefined;
}

export function typeSet(...types: string[]): ReadonlySet<string> {
  return new Set(types);
}

/** Named children, skipping comments. */
export function namedChildren(node: Node): Node[] {
  const result: Node[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && !child.type.includes('comment')) result.push(child);
  }
  return result;
}

/** The operator token of a binary expression: the first unnamed child between the operands. */
export function unnamedOperator(node: Node): string {
  const parts: string[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && !child.isNamed) parts.push(child.type);
  }
  return parts.join(' ');
}

/** Reads a plain quoted literal: strips one layer of quotes of any usual kind. */
export function quotedContent(node: Node): { text: string; start: number } | undefined {
  const raw = node.text;
  const match = /^(@|\$@|@\$|[rRbBuUfF]{0,2})("""|'''|"|'|`)/.exec(raw);
  if (!match) return undefined;
  const prefix = match[1];
  const quote = match[2];
  if (/[fF$]/.test(prefix) || (quote === '`' && raw.includes('${'))) return undefined;
  const open = prefix.length + quote.length;
  if (raw.length < open + quote.length || !raw.endsWith(quote)) return undefined;
  return { text: raw.slice(open, raw.length - quote.length), start: node.startIndex + open };
}
