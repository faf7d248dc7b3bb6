import type { Node } from 'web-tree-sitter';
import { PREFIXED_STATUS_NAME, STATUS_NAME } from './names';
import { namedChildren } from './syntaxAdapter';

/** Function and method declarations across the grammars, with a `name` and a `parameters` field. */
export const FUNCTION_TYPES = [
  'function_declaration', // Go, JavaScript
  'method_declaration', // Go, Java, C#
  'function_definition', // Python
  'method_definition', // JavaScript classes
  'local_function_statement', // C#
  'generator_function_declaration',
  'method', // Ruby
  'function_item', // Rust
];

/** A function held by a name: `const reply = (status) => …`, `let stubFail = function (code) { … }` (JavaScript). */
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);

/** Uses of a status parameter read for its role: enough for `code(status.toString())` then `new ResponseEntity<>(b, status)`. */
const MAX_USES = 4;

/** A function of the file that takes a status, and where it uses the parameter. */
export interface StatusParameter {
  name: string;
  /** The first use of the parameter in the function's body, or undefined when it is only passed along unread. */
  use: Node | undefined;
  /** Every use of the parameter in the body, in order (at most a few). */
  uses: Node[];
}

/**
 * The project's own helpers whose parameter is a status: `doWithRetry(int status, …)`, `expectStatusCode(code, res)`,
 * `def assert_status(resp, expected_status)`, a Rails controller's `def render_sync(org, code) … render json: h, status: code`. A literal passed in that position is a status, in the role the helper
 * gives its parameter. Only functions of the same file, indexed once on first use (cross-file helpers come with the
 * workspace index, issue #16); a name declared twice is left alone.
 */
export class HelperParameters {
  private index?: Map<string, Node | null>;

  constructor(private readonly root: Node) {}

  /** The status parameter at `position` of the file's function `name`, if it takes one there. */
  statusParameter(name: string, position: number): StatusParameter | undefined {
    const param = this.parameter(name, position);
    if (!param || !(STATUS_NAME.test(param.name) || PREFIXED_STATUS_NAME.test(param.name) || (param.name === 'code' && /status|render|respond/i.test(name)))) return undefined;
    return param;
  }

  /**
   * The parameter of the file's function `name` at `position` (or named `keyword`, for a keyword argument), whatever
   * its name, with its uses: whether it is a status is for its uses to say (`def make_reply(code): r.status_code = code`,
   * `const stubFail = (n) => ({ ok: false, status: n })`).
   */
  parameter(name: string, position: number, keyword?: string): StatusParameter | undefined {
    const fn = this.functions().get(name);
    if (!fn) return undefined;
    const params = parametersOf(fn);
    const param = keyword === undefined ? params[position] : params.find((p) => p.text === keyword);
    if (!param) return undefined;
    const uses = parameterUses(fn, param.text);
    return { name: param.text, use: uses[0], uses };
  }

  /** The file's one function of that name (none when it declares two). */
  functionNamed(name: string): Node | undefined {
    return this.functions().get(name) ?? undefined;
  }

  private functions(): Map<string, Node | null> {
    if (!this.index) {
      this.index = new Map();
      for (const fn of this.root.descendantsOfType(FUNCTION_TYPES)) {
        const name = fn?.childForFieldName('name')?.text;
        if (!fn || !name) continue;
        this.index.set(name, this.index.has(name) ? null : fn);
      }
      if (/=>|\bfunction\b/.test(this.root.text)) {
        for (const declarator of this.root.descendantsOfType('variable_declarator')) {
          const name = declarator?.childForFieldName('name');
          const value = declarator?.childForFieldName('value');
          if (!name || name.type !== 'identifier' || !value || !FUNCTION_VALUES.has(value.type)) continue;
          this.index.set(name.text, this.index.has(name.text) ? null : value);
        }
      }
    }
    return this.index;
  }
}

/** A function's parameter name nodes in order (JavaScript's `code => …` has a `parameter`, not `parameters`). */
export function parametersOf(fn: Node): Node[] {
  return parameterNames(fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter'));
}

/** The uses of the parameter `name` in `fn`'s body, in order (at most `max`): its identifiers and JS shorthand properties. */
export function parameterUses(fn: Node, name: string, max = MAX_USES): Node[] {
  const body = fn.childForFieldName('body');
  return (body?.descendantsOfType(['identifier', 'shorthand_property_identifier']) ?? []).filter((n): n is Node => n?.text === name).slice(0, max);
}

/** Parameter name nodes in order (Go's `a, b int` gives two; a receiver or `self` counts as written). */
export function parameterNames(list: Node | null): Node[] {
  if (!list) return [];
  // JavaScript's `code => …`: the one parameter is the list.
  if (list.type === 'identifier') return [list];
  const names: Node[] = [];
  const params = namedChildren(list);
  // Python's `self` / `cls` is not passed by the caller of `self.helper(429)`.
  if (params[0]?.type === 'identifier' && /^(self|cls)$/.test(params[0].text)) params.shift();
  for (const param of params) {
    if (param.type === 'identifier') {
      names.push(param);
      continue;
    }
    const declared = param.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (declared.length > 0) {
      names.push(...declared);
      continue;
    }
    const pattern = param.childForFieldName('pattern') ?? param.childForFieldName('left') ?? namedChildren(param).find((c) => c.type === 'identifier');
    if (pattern) names.push(pattern);
  }
  return names;
}

