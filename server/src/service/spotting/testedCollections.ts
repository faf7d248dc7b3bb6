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
    const seen = membershipUse(use, syntax, isStatusLike);
    if (!seen) continue;
    found = seen === 'retry' ? seen : found ?? seen;
    if (found === 'retry') break;
  }
  byName.set(name, found);
  return found;
}

const cache = new WeakMap<Node, Map<string, CollectionUse | undefined>>();

/** How the test that `use` (a collection's name) stands in treats it: a status tested against it, in a branch that goes round or not. */
export function membershipUse(use: Node, syntax: SyntaxAdapter, isStatusLike: (n: Node | null) => boolean): CollectionUse | undefined {
  const test = membershipTest(use, syntax, isStatusLike);
  return test ? (retriesOnIt(test) ? 'retry' : 'check') : undefined;
}

/**
 * `status in NAME` / `status not in NAME` / `NAME.includes(status)` / Ruby `NAME.include?(status)` / PHP
 * `in_array($status, $NAME)`: the test node, when `use` is its collection.
 */
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
  // Ruby's `NAME.include?(status)` is one `call` whose receiver is the collection.
  if (s.calls.has(up.type) && up.childForFieldName('receiver')?.id === use.id && MEMBERSHIP_METHODS.has(up.childForFieldName('method')?.text ?? '')) {
    return s.callArguments(up).some((a) => isStatusLike(a)) ? up : undefined;
  }
  // A function asked whether the status is among the collection: PHP `in_array($status, $NAME)`, Go `slices.Contains(NAME, status)`.
  let call: Node | null = up;
  for (let depth = 0; call && depth < 3 && !s.calls.has(call.type); depth++) call = call.parent;
  if (call && s.calls.has(call.type) && MEMBERSHIP_METHODS.has(lastWord(s.callee(call)))) {
    const holds = (a: Node) => a.startIndex <= use.startIndex && use.endIndex <= a.endIndex;
    const args = s.callArguments(call);
    if (args.some((a) => holds(a) && a.text.replace(/^\.\.\./, '') === use.text) && args.some((a) => !holds(a) && isStatusLike(a))) return call;
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

function lastWord(node: Node | null): string {
  return /(\w+\??)$/.exec(node?.text ?? '')?.[1] ?? '';
}
