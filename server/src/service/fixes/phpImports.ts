/**
 * PHP `use X\Y;` lines for a fix, and where a helper goes: after the file's last top-level `use` (or its
 * `namespace` declaration, or its opening `<?php` tag) — never before the tag, where it would be HTML.
 */
import type { Node } from 'web-tree-sitter';
import type { ImportPlan } from './imports';
import { Doc, eol, insertAt } from './text';

const norm = (line: string) => line.replace(/\s+/g, ' ').replace(/^\s*use\s+\\?/, '').replace(/\s*;\s*$/, '').trim();

export function phpImports(doc: Doc, root: Node, wanted: readonly string[]): ImportPlan {
  const top = root.namedChildren.filter((n): n is Node => !!n);
  const uses = top.filter((n) => n.type === 'namespace_use_declaration');
  const have = new Set(uses.map((n) => norm(n.text)));
  const missing = [...new Set(wanted)].filter((line) => !have.has(norm(line)));
  const namespace = top.find((n) => n.type === 'namespace_definition' && !n.childForFieldName('body'));
  const tag = top.find((n) => n.type === 'php_tag');
  const anchor = uses.length ? uses[uses.length - 1].endIndex : namespace?.endIndex ?? tag?.endIndex ?? 0;
  if (missing.length === 0) return { edits: [], afterImports: anchor };
  const nl = eol(doc);
  return { edits: [insertAt(doc, anchor, nl + (uses.length ? '' : nl) + missing.join(nl))], afterImports: anchor };
}
