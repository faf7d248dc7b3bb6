import type { Node } from 'web-tree-sitter';
import { isExceptionCatalog, type CatalogRegistry, type ResolvedEntry } from '../catalog/catalogRegistry';
import type { SyntaxAdapter } from './syntaxAdapter';

/*
 * An SDK's catalogued constants written bare inside the SDK's own package. The catalogs spell a Go SDK's constants with
 * the package a caller writes (`hcloud.ErrorCodeConflict`, `codes.Unavailable`); the SDK's own files write them
 * without it (`case ErrorCodeConflict:` in a file of `package hcloud`, the SDK's retry policy). Not the declaration of
 * the name, nor a field, parameter or member of that name.
 */

/** Go's package clause. */
const GO_PACKAGE = /^package[ \t]+(\w+)/m;
/** Declarations whose name is no use of the constant. */
const DECLARING = /^(const_spec|var_spec|parameter_declaration|field_declaration|type_spec)$/;

/** The catalog entry a bare Go identifier stands for as `<its package>.<name>`, or undefined. */
export function ownPackageConstant(node: Node, name: string, text: string, s: SyntaxAdapter, registry: CatalogRegistry): ResolvedEntry | undefined {
  if (node.type !== 'identifier' || node.text !== name) return undefined;
  const parent = node.parent;
  if (!parent || s.members.has(parent.type) || DECLARING.test(parent.type)) return undefined;
  const pkg = GO_PACKAGE.exec(text)?.[1];
  return pkg ? registry.errorConstant(`${pkg}.${name}`).find((e) => !isExceptionCatalog(e.catalog.id)) : undefined;
}
