import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { codeShape, hasErrorWord } from './codeShapes';

/*
 * The labels of a switch read together: a bare `code` switched on is an API's error code when the other labels say so.
 * `switch (code) { case "enrollment.disconnected.account_locked": … case "ITEM_LOCKED": … case "ACCESS_NOT_GRANTED": }`:
 * the labels with an error word in them (`account_locked`, `ITEM_LOCKED`) vouch for those without (`ACCESS_NOT_GRANTED`,
 * `enrollment.disconnected`), which on their own could be any state.
 */

/** The quoted labels at the head of a clause: `case "A":`, `when "a", "b"`, `"a" | "b" ->`, `'a' =>`. */
const LABEL_HEAD = /^\s*(?:case|when)?\s*\(?\s*((?:(["'])[^"'\n]{1,100}\2\s*(?:,|\||\bor\b)?\s*)+)/;
const QUOTED = /(["'])([^"'\n]+)\1/g;

/** Labels of other clauses a switch needs, with an error word and a code's shape, to vouch for the rest. */
const VOUCHERS = 2;

/**
 * True when the switch around `clause` has at least two other labels shaped like codes with an error word in them
 * (one-word labels do not count: `"error"`, `"failed"` are as much job states as codes).
 */
export function errorLabelsBeside(clause: Node, own: string, s: SyntaxAdapter): boolean {
  // (A C# label sits in its section: the sections are the clauses.)
  const group = clause.parent && s.cases.has(clause.parent.type) ? clause.parent : clause;
  const holder = group.parent;
  if (!holder) return false;
  let vouchers = 0;
  for (const sibling of namedChildren(holder)) {
    if (!s.cases.has(sibling.type)) continue;
    const head = LABEL_HEAD.exec(sibling.text);
    if (!head) continue;
    for (const m of head[1].matchAll(QUOTED)) {
      const token = m[2];
      const shape = codeShape(token);
      if (token === own || !shape || shape === 'word' || shape === 'number' || !hasErrorWord(token)) continue;
      if (++vouchers >= VOUCHERS) return true;
    }
  }
  return false;
}
