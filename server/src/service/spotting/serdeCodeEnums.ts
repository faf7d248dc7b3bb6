import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry, ResolvedEntry } from '../catalog/catalogRegistry';
import type { OccurrenceRole } from '../types';

/*
 * A standard's or an API's error codes as the variants of a Rust enum serde reads them into: the device flow's
 * `#[serde(rename_all = "snake_case")] enum Continue { SlowDown, AuthorizationPending }` holds OAuth's `slow_down` and
 * `authorization_pending`. The enum counts when it has two variants or more and each, renamed as serde renames it
 * (snake_case or kebab-case, or its own `#[serde(rename = "…")]`), is a code of one and the same catalog: then a
 * variant is that code where it is declared, and `Continue::SlowDown` is where the file uses it. (An enum of the
 * project's own states, `Pending, Done`, names no catalog's codes and stays silent.)
 */

export interface SerdeCodeVariant {
  /** The catalog entry the variant's wire name is. */
  entry: ResolvedEntry;
  /** The variant's name where it is declared. */
  declared: Node;
}

/** `rename_all = "snake_case"` (or kebab-case) in a serde attribute. */
const RENAME_ALL = /\bserde\s*\([^)]*\brename_all\s*=\s*"(snake_case|kebab-case)"/;
/** A variant's own `rename = "…"`. */
const RENAME = /\bserde\s*\([^)]*\brename\s*=\s*"([^"]+)"/;

/** The variants of serde enums whose wire names are one catalog's codes, by `Enum::Variant`. */
export function serdeCodeEnums(root: Node, text: string, registry: CatalogRegistry): Map<string, SerdeCodeVariant> {
  const found = new Map<string, SerdeCodeVariant>();
  if (!text.includes('rename_all')) return found;
  for (const item of root.descendantsOfType('enum_item')) {
    const name = item?.childForFieldName('name')?.text;
    const style = item && name ? RENAME_ALL.exec(attributesBefore(item))?.[1] : undefined;
    const list = item?.childForFieldName('body');
    if (!style || !list) continue;
    const variants: Array<[string, Node, ResolvedEntry[]]> = [];
    for (const variant of list.namedChildren) {
      if (variant?.type !== 'enum_variant') continue;
      const id = variant.childForFieldName('name');
      if (!id) continue;
      const wire = RENAME.exec(attributesBefore(variant))?.[1] ?? renamed(id.text, style === 'kebab-case' ? '-' : '_');
      variants.push([id.text, id, registry.errorCode(wire)]);
    }
    if (variants.length < 2) continue;
    const catalog = variants[0][2][0]?.catalog.id;
    const entries = variants.map(([, , e]) => e.find((x) => x.catalog.id === catalog));
    if (!catalog || entries.some((e) => !e)) continue;
    variants.forEach(([variant, declared], i) => found.set(`${name}::${variant}`, { entry: entries[i]!, declared }));
  }
  return found;
}

/** The attribute items written just before a node (`#[derive(…)]`, `#[serde(…)]`), as one text. */
function attributesBefore(node: Node): string {
  let text = '';
  for (let sibling = node.previousNamedSibling; sibling && /attribute_item|comment/.test(sibling.type); sibling = sibling.previousNamedSibling) text += sibling.text;
  return text;
}

/** `SlowDown` → `slow_down` (or `slow-down`). */
function renamed(variant: string, separator: string): string {
  return variant.replace(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, separator).toLowerCase();
}

/** Where a serde code enum's variants stand in [from, to): declared (`constant`), or used as `Enum::Variant` (the context's role). */
export function serdeCodeSites(
  root: Node,
  text: string,
  registry: CatalogRegistry,
  context: { classify(node: Node, kind: 'status' | 'error-code'): OccurrenceRole | undefined },
  from: number,
  to: number,
): Array<{ node: Node; variant: SerdeCodeVariant; role: OccurrenceRole }> {
  const variants = serdeCodeEnums(root, text, registry);
  const sites: Array<{ node: Node; variant: SerdeCodeVariant; role: OccurrenceRole }> = [];
  if (variants.size === 0) return sites;
  for (const variant of variants.values()) {
    if (variant.declared.startIndex >= from && variant.declared.startIndex < to) sites.push({ node: variant.declared, variant, role: 'constant' });
  }
  for (const path of root.descendantsOfType('scoped_identifier')) {
    const variant = path && variants.get(path.text.replace(/\s+/g, ''));
    if (!path || !variant || path.startIndex < from || path.startIndex >= to) continue;
    // (A match arm's pattern tests the value read off the wire.)
    const role = context.classify(path, 'error-code') ?? (path.parent?.type === 'match_pattern' ? 'client-check' : undefined);
    if (role) sites.push({ node: path, variant, role });
  }
  return sites;
}
