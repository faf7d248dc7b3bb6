/**
 * Rust `use` lines for a fix: only the names the file does not import yet (a second `use std::time::Duration;` is an
 * error, E0252), after its last top-level `use`, or at the top (after inner attributes and `//!` docs) when it has none.
 *   wanted `use std::time::{Duration, SystemTime};` with `use std::time::Duration;` present → `use std::time::SystemTime;`
 */
import type { Node } from 'web-tree-sitter';
import type { ImportPlan } from './imports';
import { Doc, eol, insertAt } from './text';

/** The names a use declaration brings in (the alias when renamed): `use a::{b::C, D as E};` → C, E. */
function importedNames(text: string): string[] {
  const body = text.replace(/^\s*(pub(\([^)]*\))?\s+)?use\s+/, '').replace(/;\s*$/, '');
  return body
    .split(/[{},]/)
    .map((part) => part.trim())
    .filter((part) => part && !part.endsWith('::'))
    .map((part) => (/\bas\s+(\w+)$/.exec(part)?.[1] ?? part.split('::').pop() ?? part).trim());
}

/** `use a::b::{X, Y};` → ['a::b', ['X', 'Y']]; `use a::b::X;` → ['a::b', ['X']]. */
function split(line: string): [string, string[]] | undefined {
  const m = /^\s*use\s+([\w:]+?)::(?:\{([^}]*)\}|(\w+))\s*;\s*$/.exec(line);
  if (!m) return undefined;
  return [m[1], m[2] ? m[2].split(',').map((s) => s.trim()).filter(Boolean) : [m[3]]];
}

export function rustImports(doc: Doc, root: Node, wanted: readonly string[]): ImportPlan {
  const top = root.namedChildren.filter((n): n is Node => !!n);
  const uses = top.filter((n) => n.type === 'use_declaration');
  const have = new Set(uses.flatMap((n) => importedNames(n.text)));
  const lines: string[] = [];
  for (const line of new Set(wanted)) {
    const parts = split(line);
    if (!parts) continue;
    const missing = parts[1].filter((name) => !have.has(name));
    missing.forEach((name) => have.add(name));
    if (missing.length === 1) lines.push(`use ${parts[0]}::${missing[0]};`);
    else if (missing.length > 1) lines.push(`use ${parts[0]}::{${missing.join(', ')}};`);
  }
  const preamble = top.filter((n) => n.type === 'inner_attribute_item' || (/comment/.test(n.type) && n.text.startsWith('//!')));
  const anchor = uses.length ? uses[uses.length - 1].endIndex : preamble.length ? preamble[preamble.length - 1].endIndex : 0;
  if (lines.length === 0) return { edits: [], afterImports: anchor };
  const nl = eol(doc);
  const block = lines.join(nl);
  const text = anchor === 0 ? block + nl + (doc.text.length ? nl : '') : nl + block + (uses.length ? '' : nl);
  return { edits: [insertAt(doc, anchor, text)], afterImports: anchor };
}
