/**
 * Ruby `require "x"` lines for a fix: the ones the file lacks (whatever quotes it uses) go after its last top-level
 * `require`/`require_relative`, or at the top (after a magic comment block) when it has none.
 */
import type { Node } from 'web-tree-sitter';
import type { ImportPlan } from './imports';
import { Doc, eol, insertAt } from './text';

const REQUIRE = /^(?:require_relative|require)\b\s*\(?\s*["']([^"']+)["']/;

export function rubyImports(doc: Doc, root: Node, wanted: readonly string[]): ImportPlan {
  const existing = root.namedChildren.filter((n): n is Node => !!n && n.type === 'call' && REQUIRE.test(n.text));
  const have = new Set(existing.map((n) => REQUIRE.exec(n.text)![1]));
  const missing = [...new Set(wanted)].filter((line) => {
    const path = REQUIRE.exec(line.trim())?.[1];
    if (!path || have.has(path)) return false;
    have.add(path);
    return true;
  });
  const anchor = existing.length ? existing[existing.length - 1].endIndex : leadingComments(root);
  if (missing.length === 0) return { edits: [], afterImports: anchor };
  const nl = eol(doc);
  const block = missing.join(nl);
  const text = anchor === 0 ? block + nl + (doc.text.length ? nl : '') : nl + block + (existing.length ? '' : nl);
  return { edits: [insertAt(doc, anchor, text)], afterImports: anchor };
}

/** The end of the comments a file starts with (`# frozen_string_literal: true`, a licence header). */
function leadingComments(root: Node): number {
  let end = 0;
  for (const n of root.namedChildren) {
    if (!n || n.type !== 'comment') break;
    end = n.endIndex;
  }
  return end;
}
