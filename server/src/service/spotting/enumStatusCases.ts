import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import { lookupHttpConstant } from './constants';

/**
 * Java's switch over a status enum: `switch (status) { case NOT_FOUND: … case TOO_MANY_REQUESTS -> … }`. Java requires
 * an enum's constants bare in a case label, so nothing on the label says it is a status; the switch's subject does —
 * a local, parameter or field declared with a status enum type (Spring `HttpStatus status = …`, JAX-RS
 * `Response.Status status`), or a call that yields one (`HttpStatus.valueOf(code)`). Each label is a branch on that
 * status: a `client-check`.
 */

/** Status enums a Java switch may run over, by the name a declaration gives them, with their table in http-constants. */
const ENUM_TABLES: Record<string, string> = { HttpStatus: 'HttpStatus', 'Response.Status': 'Response.Status' };
/** (A bare `Status` is any project's enum: not read.) */
/** `HttpStatus.valueOf(code)`, `HttpStatus.resolve(code)`: a subject that is the enum's value whatever it is named. */
const ENUM_FACTORY = /^(HttpStatus|Response\.Status)\.(valueOf|resolve|fromStatusCode)\s*\(/;
const FUNCTION = /^(method_declaration|constructor_declaration|lambda_expression|class_body)$/;

export interface EnumCase {
  status: number;
  site: Node;
}

/** The status a bare enum constant in a Java case label stands for, when the switch runs over a status enum. */
export function enumStatusCase(name: Node, registry: CatalogRegistry): EnumCase | undefined {
  const label = name.parent;
  if (name.type !== 'identifier' || label?.type !== 'switch_label') return undefined;
  const block = label.parent?.parent;
  const subject = block?.type === 'switch_block' ? block.parent?.childForFieldName('condition') : undefined;
  const inner = subject?.type === 'parenthesized_expression' ? subject.namedChild(0) : subject;
  if (!inner) return undefined;
  const table = enumTable(inner);
  const status = table ? lookupHttpConstant(registry, 'java', table, name.text) : undefined;
  return status === undefined ? undefined : { status, site: name };
}

/** The status table of the switch's subject: its declared type (searched in the enclosing bodies) or the factory it calls. */
function enumTable(subject: Node): string | undefined {
  const factory = ENUM_FACTORY.exec(subject.text);
  if (factory) return ENUM_TABLES[factory[1]];
  if (subject.type !== 'identifier') return undefined;
  const declared = new RegExp(`(?:^|[\\s(,])(Response\\.Status|HttpStatus)\\s+${subject.text}\\b`);
  for (let scope = subject.parent; scope; scope = scope.parent) {
    if (!FUNCTION.test(scope.type)) continue;
    const hit = declared.exec(scope.text);
    if (hit) return ENUM_TABLES[hit[1]];
  }
  return undefined;
}
