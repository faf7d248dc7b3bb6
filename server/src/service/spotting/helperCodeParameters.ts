import type { Node, Tree } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';
import { keyStrength } from './codeFields';
import { FUNCTION_TYPES, parameterNames } from './helperParameters';

/*
 * An error code handed to the file's own helper that writes it into the error body it answers with: PHP
 * `return $this->error('invalid_client_metadata', '…');` where `private function error(string $error, string $text)`
 * builds `['error' => $error, 'error_description' => $text]`, JavaScript `fail(res, 'invalid_grant')` whose body is
 * `res.json({ error: code })`. The literal is set where the helper sets its parameter. (Whether such a code is shown
 * at all is the language service's call: a code no catalog knows, set by the file itself, is its own wording.)
 */

/** Receivers of a call to the file's own helper: none, or the object or class itself. */
const OWN_RECEIVER = /^(\$this|this|self|static|Self)$/;
/** Uses of a parameter read before giving up: a helper that sets the code does so near its start. */
const MAX_USES = 6;

/** Functions of a file by name (a name declared twice is left out), once per syntax tree. */
const functionsByTree = new WeakMap<Tree, Map<string, Node | null>>();

function functionsOf(root: Node): Map<string, Node | null> {
  let index = functionsByTree.get(root.tree);
  if (!index) {
    index = new Map();
    for (const fn of root.descendantsOfType(FUNCTION_TYPES)) {
      const name = fn?.childForFieldName('name')?.text;
      if (fn && name) index.set(name, index.has(name) ? null : fn);
    }
    functionsByTree.set(root.tree, index);
  }
  return index;
}

/**
 * True when the call `name(…)` (on no receiver or on the object itself) reaches a function of the file whose parameter
 * at `index` is the value of an error body's code key (`'error' => $error`, `{ error: code }`, `error_code=code`).
 */
export function helperSetsCode(call: Node, name: string, receiver: Node | null, index: number, s: SyntaxAdapter): boolean {
  if (receiver && !OWN_RECEIVER.test(receiver.text)) return false;
  const fn = functionsOf(call.tree.rootNode).get(name);
  if (!fn || (fn.startIndex <= call.startIndex && call.endIndex <= fn.endIndex)) return false;
  const param = parameterNames(fn.childForFieldName('parameters'))[index];
  const body = fn.childForFieldName('body');
  if (!param || !body) return false;
  const uses = body.descendantsOfType(['identifier', 'variable_name']).filter((n): n is Node => n?.text === param.text).slice(0, MAX_USES);
  return uses.some((use) => {
    const pair = use.parent;
    if (!pair || !s.pairs.has(pair.type) || s.pairValue(pair)?.id !== use.id) return false;
    const key = s.pairName(pair);
    return key !== undefined && keyStrength(key, pair, s) === 'strong';
  });
}
