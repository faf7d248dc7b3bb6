import type { Node } from 'web-tree-sitter';
import { MEMBERSHIP_METHODS } from './names';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * What a file does with a collection constant or field whose name says nothing of statuses
 * (`SERVER_FAILURES = {500, 502, 503, 504}`, `self._gateway_errors = (502, 504)`, `this.transientCodes = [503]`):
 * when a received status is tested against it anywhere in the file (`resp.status in SERVER_FAILURES`,
 * `this.transientCodes.includes(res.status)`), its numbers are statuses — `retry` when the branch the test opens
 * goes round (a `continue`, a wait, a retry call), `check` otherwise.
 */
export type CollectionUse = 'retry' | 'check';

const RETRYING_BRANCH = /\bcontinue\b|\bsleep\b|\bsetTimeout\b|\bdelay\b|\bretry|\bbackoff/i;
const IFS = /^(if_statement|elif_clause|if_expression|if)$/;

export function collectionTestedAgainstStatus(
  root: Node,
  name: string,
  syntax: SyntaxAdapter,
  isStatusLike: (n: Node | null) => boolean,
): CollectionUse | undefined {
  let byName = cache.get(root);
  if (!byName) cache.set(root, (byName = new Map()));
  if (byName.has(name)) return byName.get(name);
  let found: CollectionUse | undefined;
  // Uses are written as the definition names it: `SERVER_FAILURES`, `self._gateway_errors`, `this.transientCodes`.
  const types = name.includes('.') ? [...syntax.members] : ['identifier', 'constant'];
  for (const use of root.descendantsOfType(types)) {
    if (!use || use.text !== name) continue;
    const test = membershipTest(use, syntax, isStatusLike);
    if (!test) continue;
    found = retriesOnIt(test) ? 'retry' : found ?? 'check';
    if (found === 'retry') break;
  }
  byName.set(name, found);
  return found;
}

const cache = new WeakMap<Node, Map<string, CollectionUse | undefined>>();

/** `status in NAME` / `status not in NAME` / `NAME.includes(status)`: the test node, when `use` is its collection. */
function membershipTest(use: Node, s: SyntaxAdapter, isStatusLike: (n: Node | null) => boolean): Node | undefined {
  const up = use.parent;
  if (!up) return undefined;
  if ((s.binaries.has(up.type) || up.type === 'comparison_operator') && /^(in|!in|not in)$/.test(s.operatorOf(up).trim())) {
    const others = up.namedChildren.filter((n): n is Node => !!n && n.id !== use.id);
    return others.some((n) => isStatusLike(n)) ? up : undefined;
  }
  if (s.members.has(up.type) && s.memberParts(up)?.object?.id === use.id) {
    const call = up.parent;
    if (call && s.calls.has(call.type) && MEMBERSHIP_METHODS.has(s.memberParts(up)?.property ?? '') && s.callArguments(call).some((a) => isStatusLike(a))) return call;
  }
  return undefined;
}

/** The if the test decides (climbing `and`/`not`/parentheses) goes round in its branch. */
function retriesOnIt(test: Node): boolean {
  let n: Node | null = test.parent;
  for (let depth = 0; n && depth < 6 && !IFS.test(n.type); depth++) n = n.parent;
  if (!n || !IFS.test(n.type)) return false;
  const branch = n.childForFieldName('consequence') ?? n.childForFieldName('body');
  return !!branch && RETRYING_BRANCH.test(branch.text);
}
