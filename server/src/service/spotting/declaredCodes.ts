import type { Node, Tree } from 'web-tree-sitter';
import type { DeclaredCode } from '../workspace/summaryTypes';
import type { GrammarSupport } from './adapters';
import { confirmOwnCode, ownCodeTable, usedAsStatus } from './ownCodes';
import { confirmOwnVendorCode, mayBeCodeByUse, ownVendorCodeTable } from './ownVendorCodes';
import { StatusContext } from './statusContext';

/*
 * The codes a file declares for other files to use: its own status constants and code tables (ownCodes.ts) and its
 * own API error codes (ownVendorCodes.ts), each confirmed by the syntax tree as the file's own spotting confirms
 * them, with the type that declares it (`enum CloseType { RateLimited = 4008 }`: `CloseType`), by which other
 * files name it. A constant local to a function is no one else's.
 */

/** Scopes whose declarations are local: functions, methods, lambdas. */
const FUNCTION_SCOPE =
  /^(function_declaration|function_definition|function_expression|function|generator_function_declaration|method_declaration|method_definition|method|singleton_method|arrow_function|func_literal|function_item|closure_expression|constructor_declaration|local_function_statement|lambda_expression|lambda|lambda_literal|function_literal|anonymous_function|anonymous_method_expression)$/;
/** Declarations of a type (or a module) whose name qualifies its members. */
const TYPE_SCOPE =
  /^(class_declaration|class_definition|class|abstract_class_declaration|enum_declaration|interface_declaration|struct_declaration|record_declaration|object_declaration|enum_item|struct_item|trait_item|impl_item|mod_item|module|trait_declaration)$/;

/** The codes `text` declares outside functions, at most `limit`; none when it declares none. */
export function declaredCodes(text: string, tree: Tree, support: GrammarSupport, limit: number): DeclaredCode[] {
  const own = ownCodeTable(text);
  const vendor = ownVendorCodeTable(text, support.constants);
  if (own.size === 0 && vendor.size === 0) return [];
  const root = tree.rootNode;
  const syntax = support.adapter;
  const context = new StatusContext(syntax, root);
  const out: DeclaredCode[] = [];
  const add = (name: string, at: number, code: Omit<DeclaredCode, 'name' | 'owner'>): void => {
    if (out.length >= limit) return;
    const scope = scopeOf(root.descendantForIndex(at, at + name.length));
    if (scope === undefined) return;
    out.push({ name, ...(scope ? { owner: scope } : {}), ...code });
  };
  for (const [name, c] of own) {
    if (!confirmOwnCode(root, c, syntax, context)) continue;
    // A name that says nothing about statuses, which the file's own uses read as one, is a status for other files too.
    const byUse = c.byUse && !c.table && !usedAsStatus(text, root, syntax, context, name, c);
    add(name, c.nameAt[0], { code: c.code, kind: c.kind ?? 'http-status', ...(byUse ? { byUse: true } : {}) });
  }
  for (const [name, c] of vendor) {
    if (own.has(name)) continue;
    // (A constant no use here vouches for may still be compared with an error's code where it is imported: its uses decide there.)
    if (confirmOwnVendorCode(root, c, syntax, context, name)) add(name, c.nameAt[0], { code: c.code, kind: 'error-code' });
    else if (mayBeCodeByUse(root, name, c, syntax)) add(name, c.nameAt[0], { code: c.code, kind: 'error-code', byUse: true });
  }
  return out;
}

/** The type declaring the node ('' at the top level), or undefined inside a function. */
function scopeOf(node: Node | null): string | undefined {
  for (let up = node?.parent ?? null; up; up = up.parent) {
    if (FUNCTION_SCOPE.test(up.type)) return undefined;
    if (TYPE_SCOPE.test(up.type)) return typeName(up);
    // JS/TS: an object literal bound to a name (`export const HttpCodes = { TooManyRequests: 429 }`, also through
    // `Object.freeze(…)` or `as const`); not the declarator of the constant itself (`const TOO_MANY = 429`).
    const name = up.type === 'variable_declarator' ? up.childForFieldName('name') : null;
    if (name && node && name.startIndex !== node.startIndex) return name.type === 'identifier' ? name.text : '';
  }
  return '';
}

/** A type's own name: the last segment of a Ruby `class Api::Codes`, the type an `impl` block is for. */
function typeName(scope: Node): string {
  const name = scope.childForFieldName('name') ?? scope.childForFieldName('type');
  return (name?.text ?? '').split(/::|\./).pop()!.replace(/<.*$/s, '');
}
