/**
 * What every language's call rewrite (callRewrite.ts) reads of the call: its arguments (their inner text, the argument
 * nodes), whether it is already awaited, the verbs of a call named for its method, and the methods that get an
 * Idempotency-Key.
 */
import type { Node } from 'web-tree-sitter';

export const UNSAFE: ReadonlySet<string> = new Set(['POST', 'PATCH']);
export const PY_METHODS = new Set(['get', 'head', 'options', 'put', 'delete', 'post', 'patch']);

export const argsInner = (args: Node | null | undefined) => (args ? args.text.replace(/^\(/, '').replace(/\)$/, '') : '');
export const namedArgs = (args: Node | null | undefined): Node[] => (args?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');

export function isAwaited(call: Node): boolean {
  const parent = call.parent;
  return !!parent && (parent.type === 'await' || parent.type === 'await_expression');
}
