import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, parameterNames } from './helperParameters';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { type CollectionUse, membershipUse } from './testedCollections';

/**
 * Lists of statuses bound to a function's parameter — as the parameter's default (`def check(resp, good_status=(201,
 * 200))`) or as an argument of a call of the file's own function (`call.expectCodes(setOf(200, 201, 204))` where the
 * file declares `fun Call<T>.expectCodes(successCodes: Set<Int>)`) — are statuses when the function tests a received
 * status against that parameter (`if resp.status_code not in good_status`, `if (code in successCodes)`): `retry` when
 * the branch goes round, `check` otherwise. The parameter's name need not say "status".
 */

/** Declarations of a parameter with a default: Python, JavaScript/TypeScript, Ruby, PHP. */
const DEFAULT_PARAMETERS = new Set(['default_parameter', 'typed_default_parameter', 'assignment_pattern', 'optional_parameter', 'required_parameter', 'keyword_parameter', 'simple_parameter']);
/** Fields a default's declaration names its parameter and its value by, across those grammars. */
const NAME_FIELDS = ['name', 'pattern', 'left'];
const VALUE_FIELDS = ['value', 'right', 'default_value'];
/** How far up from a parameter list its function is. */
const MAX_DECLARATION_DEPTH = 3;

/** The function a parameter list belongs to. */
function functionOf(list: Node | null): Node | null {
  let fn = list;
  for (let depth = 0; fn && depth < MAX_DECLARATION_DEPTH && !isFunction(fn); depth++) fn = fn.parent;
  return fn && isFunction(fn) ? fn : null;
}

function isFunction(node: Node): boolean {
  return FUNCTION_TYPES.includes(node.type) || /^(arrow_function|function_expression|function|lambda|singleton_method|method_declaration)$/.test(node.type);
}

/** The body of a function (Kotlin's `function_body` is a child with no field name). */
function bodyOf(fn: Node): Node | null {
  return fn.childForFieldName('body') ?? namedChildren(fn).find((c) => c.type === 'function_body') ?? null;
}

/** The parameter names of a function, in order (Kotlin's `parameter`s sit beside their defaults, with no field). */
function parametersOf(fn: Node): Node[] {
  const kotlin = namedChildren(fn).find((c) => c.type === 'function_value_parameters');
  if (kotlin) return namedChildren(kotlin).filter((p) => p.type === 'parameter').map((p) => namedChildren(p).find((c) => c.type === 'identifier') ?? p);
  return parameterNames(fn.childForFieldName('parameters'));
}

/** What the function `fn` does with its parameter `param`: tests a received status against it, in a branch that goes round or not. */
function useOfParameter(fn: Node, param: string, s: SyntaxAdapter, isStatusLike: (n: Node | null) => boolean): CollectionUse | undefined {
  const body = bodyOf(fn);
  if (!body) return undefined;
  let found: CollectionUse | undefined;
  for (const use of body.descendantsOfType('identifier')) {
    if (!use || use.text !== param) continue;
    const seen = membershipUse(use, s, isStatusLike);
    if (seen === 'retry') return seen;
    found ??= seen;
  }
  return found;
}

/**
 * A list given as a parameter's default (`value` is the list, `parent` what holds it): what the function does with
 * the parameter. Kotlin's `extra: Set<Int> = setOf(200)` puts the default beside its `parameter` in the list.
 */
export function defaultParameterUse(parent: Node, value: Node, s: SyntaxAdapter, isStatusLike: (n: Node | null) => boolean): CollectionUse | undefined {
  let name: Node | null = null;
  let list: Node | null = null;
  if (DEFAULT_PARAMETERS.has(parent.type)) {
    const held = VALUE_FIELDS.map((f) => parent.childForFieldName(f)).find((n) => n !== null);
    if (!held || held.id !== value.id) return undefined;
    name = NAME_FIELDS.map((f) => parent.childForFieldName(f)).find((n) => n !== null) ?? null;
    list = parent.parent;
  } else if (parent.type === 'function_value_parameters') {
    const before = value.previousNamedSibling;
    if (before?.type !== 'parameter' || value.previousSibling?.type !== '=') return undefined;
    name = namedChildren(before).find((c) => c.type === 'identifier') ?? null;
    list = parent;
  }
  const param = name?.text.replace(/^\$/, '');
  const fn = functionOf(list);
  if (!param || !fn || !/^[A-Za-z_]\w*$/.test(param)) return undefined;
  return useOfParameter(fn, name?.text ?? param, s, isStatusLike);
}

/**
 * A list handed to the file's own function `fn` at `index` (or as its named argument `named`): what the function does
 * with the parameter it binds.
 */
export function argumentParameterUse(fn: Node, index: number, named: string | undefined, s: SyntaxAdapter, isStatusLike: (n: Node | null) => boolean): CollectionUse | undefined {
  const params = parametersOf(fn);
  const param = named !== undefined ? params.find((p) => p.text.replace(/^\$/, '') === named) : params[index];
  return param ? useOfParameter(fn, param.text, s, isStatusLike) : undefined;
}
