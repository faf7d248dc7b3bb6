import type { Node } from 'web-tree-sitter';

/** How a loop bounds its attempts. `collection` loops iterate data and never count as retry loops. */
export type LoopKind = 'infinite' | 'counted' | 'conditional' | 'collection';

/**
 * What the diagnostics need to know about one grammar's control flow: which node types are
 * functions, branches, loops and exits, and a few accessors. Plain data plus small readers, so the
 * rules are written once for every language (the spotting SyntaxAdapter covers calls and members).
 */
export interface FlowGrammar {
  readonly functions: ReadonlySet<string>;
  readonly ifs: ReadonlySet<string>;
  /** Switch/match case clauses (a branch guarded by case labels). */
  readonly cases: ReadonlySet<string>;
  readonly loops: ReadonlySet<string>;
  /** raise / throw statements and expressions. */
  readonly raises: ReadonlySet<string>;
  readonly returns: ReadonlySet<string>;
  readonly continues: ReadonlySet<string>;
  readonly breaks: ReadonlySet<string>;
  /** Increments that count attempts (`i++`, `attempt += 1`). */
  readonly increments: ReadonlySet<string>;
  /** Import statements; read with importModules. */
  readonly imports: ReadonlySet<string>;
  readonly comments: ReadonlySet<string>;
  /** String literal and identifier-like leaves worth checking for header names. */
  readonly strings: ReadonlySet<string>;
  /** Calls that end the program (`sys.exit`, `os.Exit`, `log.Fatal`, `panic`), by last name. */
  readonly exitCalls: ReadonlySet<string>;
  /** If statements that run their branch when the condition does not hold (Ruby `unless`); read with ifCondition/ifConsequence. */
  readonly negatedIfs?: ReadonlySet<string>;
  /** Calls that raise, by name, where raising is a method call (Ruby `raise ApiError, msg`). */
  readonly raiseCalls?: ReadonlySet<string>;
  /** Jumps written as plain names (tree-sitter-kotlin parses `break` and `continue` as identifiers); read with jumpKind. */
  readonly jumpWords?: { readonly node: string; readonly continues: string; readonly breaks: string };

  functionName(fn: Node): string | undefined;
  /** Names (last segment) of the decorators, annotations or attributes on a function. */
  decorators(fn: Node): string[];
  ifCondition(node: Node): Node | null;
  ifConsequence(node: Node): Node | null;
  /** False for a node of a loop type that is no loop here (a Ruby block of a call that does not repeat it). */
  isLoop?(node: Node): boolean;
  /** A node that jumps although its type says otherwise: a `continue` name, Kotlin `return@repeat` (the next round). */
  jumpKind?(node: Node): 'continue' | 'break' | undefined;
  loopBody(node: Node): Node | null;
  /** `attempts`: how many times a counted loop runs, when its bounds are literals (`range(3)`, `(1, 2)`). */
  loopKind(node: Node): { kind: LoopKind; counterVar?: string; attempts?: number };
  importModules(node: Node): string[];
}

/** A `continue` (by type, or by the grammar's jumpKind). */
export function isContinue(grammar: FlowGrammar, node: Node): boolean {
  return grammar.continues.has(node.type) || grammar.jumpKind?.(node) === 'continue';
}

/** A `break` (by type, or by the grammar's jumpKind). */
export function isBreak(grammar: FlowGrammar, node: Node): boolean {
  return grammar.breaks.has(node.type) || grammar.jumpKind?.(node) === 'break';
}

/** A node of a loop type that is a loop here (see FlowGrammar.isLoop). */
export function isLoopNode(grammar: FlowGrammar, node: Node): boolean {
  return grammar.loops.has(node.type) && (!grammar.isLoop || grammar.isLoop(node));
}

export function typeSet(...types: string[]): ReadonlySet<string> {
  return new Set(types);
}

/** Last dotted segment of a name (`backoff.on_exception` → `on_exception`). */
export function lastSegment(text: string): string {
  const clean = text.replace(/\(.*$/s, '').replace(/<.*$/s, '').trim();
  return clean.split(/\.|::/).pop() ?? clean;
}

/** True for `True`, `true`, `1` conditions (after stripping parentheses). */
export function isConstantTrue(node: Node | null): boolean {
  if (!node) return true;
  const text = node.text.replace(/[()\s]/g, '');
  return text === 'True' || text === 'true' || text === '1' || text === '';
}

export function stripQuotes(text: string): string {
  return text.replace(/^['"`]|['"`]$/g, '');
}
