import type { Node } from 'web-tree-sitter';

/**
 * The status an error class of the project stands for, written in the class itself: returned by its status getter
 * (`get code(): number { switch (this.kind) { case Kind.Throttled: return 429; … } }`, Python `@property def
 * status_code(self): return 404`, Java `getStatus()`), or the default of its constructor's status parameter
 * (`constructor(message = 'upstream failed', statusCode = 502)`). Such a status is a `constant` of the class: nothing
 * is sent or tested where it is written.
 */

/** Getters an error class answers its status with. */
const STATUS_GETTER = /^(get_?)?(code|status|status_?code|http_?status|http_?code|http_?status_?code|response_?code)$/i;
/** Methods and functions a status may be returned from or defaulted in. */
const METHOD = /^(method_definition|function_definition|method_declaration|constructor_declaration|property_declaration|function_declaration|method)$/;
const CLASS = /^(class_declaration|class_definition|class|record_declaration)$/;

/** `ret` (a return statement) returns from the status getter of an error class. */
export function returnedAsErrorClassStatus(ret: Node): boolean {
  const fn = methodAround(ret);
  return !!fn && STATUS_GETTER.test(fn.childForFieldName('name')?.text ?? '') && isErrorClass(classAround(fn));
}

/** `node` is in the constructor of an error class (`constructor`, `__init__`, `initialize`, a Java/C# constructor). */
export function inErrorClassConstructor(node: Node): boolean {
  const fn = methodAround(node);
  if (!fn || !(fn.type === 'constructor_declaration' || /^(constructor|__init__|initialize)$/.test(fn.childForFieldName('name')?.text ?? ''))) return false;
  return isErrorClass(classAround(fn));
}

function methodAround(node: Node): Node | null {
  let fn: Node | null = node.parent;
  for (let depth = 0; fn && !METHOD.test(fn.type); depth++) fn = depth > 12 ? null : fn.parent;
  return fn;
}

/** The class a method is written in (a few levels up: its body, a decorator). */
function classAround(fn: Node): Node | undefined {
  for (let up = fn.parent, depth = 0; up && depth < 6; up = up.parent, depth++) if (CLASS.test(up.type)) return up;
  return undefined;
}

/** A class whose header names an error or exception (its own name, or what it extends). */
function isErrorClass(cls: Node | undefined): boolean {
  if (!cls) return false;
  const body = cls.childForFieldName('body');
  const header = body ? cls.text.slice(0, body.startIndex - cls.startIndex) : cls.text.split('{')[0];
  return /(Error|Exception)\b/.test(header);
}
