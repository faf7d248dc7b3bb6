import type { Node } from 'web-tree-sitter';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { fieldStrength, nameStrength, type Strength } from './codeFields';

/*
 * Rust's equality assertions keep their arguments as a macro's token tree, not as expressions: vendorCodeRoles.ts asks here
 * for the side a code literal is compared with (`assert_eq!(err.status, "invalid-credentials")`).
 */

/** Rust's equality assertions, whose arguments stay a token tree. */
const RUST_ASSERT = /^(assert_eq|assert_ne|debug_assert_eq|debug_assert_ne|pretty_assertions::assert_eq)$/;

/**
 * The other side of a Rust `assert_eq!(err.status, "invalid-credentials")`: a name or a field path (`err.status`,
 * `e.code`), read as a field is; undefined for anything longer.
 */
export function rustAssertedField(literal: Node, reader: ExpressionReader, s: SyntaxAdapter): { strength: Strength | undefined; field: Node } | undefined {
  const tree = literal.parent!;
  if (!RUST_ASSERT.test(tree.parent?.childForFieldName('macro')?.text ?? '')) return undefined;
  const tokens = tree.children.filter((c): c is Node => c !== null && c.type !== '(' && c.type !== ')');
  const commas = tokens.map((t, i) => (t.type === ',' ? i : -1)).filter((i) => i >= 0);
  const at = tokens.findIndex((t) => t.id === literal.id);
  // Two arguments (a message may follow): the literal is one, the other is the name or path.
  const first = tokens.slice(0, commas[0]);
  const second = tokens.slice(commas[0] + 1, commas[1] ?? tokens.length);
  const other = at < commas[0] ? second : at === commas[0] + 1 && second.length === 1 ? first : undefined;
  if (!other || other.length === 0 || other.length > 7 || !other.every((t, i) => (i % 2 === 0 ? t.type === 'identifier' : t.type === '.'))) return undefined;
  const field = other[other.length - 1];
  const strength = other.length === 1 ? fieldStrength(field, reader, s) : nameStrength(field.text, other[other.length - 3], reader, s);
  return { strength, field };
}
