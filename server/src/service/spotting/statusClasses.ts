import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import type { StatusContext } from './statusContext';
import type { SyntaxAdapter } from './syntaxAdapter';

/*
 * A status's class read by dividing it by 100: `resp.StatusCode/100 != 2` (Go, Java, C#, Kotlin, Rust and Ruby
 * divide integers exactly so), `response.status_code // 100 == 5`, `status // 100 in (4, 5)`,
 * `Math.floor(res.status / 100) === 5`, `intdiv($code, 100) == 2`. Each digit compared stands for its class:
 * the site is the digit, with the class's first code (5 → 500), as a reader names it.
 */

/** How a status is read, by name (the member or getter that holds it). */
export const STATUS_READ = /(^|[.$]|->)(status\.value|status|status_code|statusCode|StatusCode|code|getStatusCode|getResponseCode|getStatus|getCode|rawStatus|status_int)(\(\))?$/;

/** Integer division written out: `x // 100`, `Math.floor(x / 100)`, `intdiv(x, 100)`, `int(x / 100)`, `(int)(x / 100)`. */
const FLOORED = [/^(.+)\/\/100$/, /^(?:Math\.floor|Math\.trunc|floor|int|Int|\(int\))\((.+)\/100\)$/, /^intdiv\((.+),100\)$/, /^\(?(.+)\.(?:div|intdiv)\(100\)\)?$/];
/** `x / 100`: integer division where the language divides integers so. */
const DIVIDED = /^\(?(.+)\/100\)?$/;
const INTEGER_DIVISION = new Set(['go', 'java', 'csharp', 'kotlin', 'rust', 'ruby']);

export interface StatusClassRead {
  /** The status expression divided (`resp.StatusCode`). */
  status: string;
  /** True when the class is the quotient rounded down (an integer division), false for a plain `/`. */
  floored: boolean;
}

/**
 * The status read divided by 100 in `expression` (whitespace ignored), or undefined. `family` is the
 * language family (GrammarSupport.constants) and decides what a plain `/` does.
 */
export function statusClassRead(expression: string, family: string): StatusClassRead | undefined {
  const text = expression.replace(/\s+/g, '');
  if (!text.includes('100')) return undefined;
  for (const pattern of FLOORED) {
    const m = pattern.exec(text);
    if (m && STATUS_READ.test(unparenthesised(m[1]))) return { status: unparenthesised(m[1]), floored: true };
  }
  const m = DIVIDED.exec(text);
  if (m && !m[1].endsWith('/') && STATUS_READ.test(unparenthesised(m[1]))) return { status: unparenthesised(m[1]), floored: INTEGER_DIVISION.has(family) };
  return undefined;
}

function unparenthesised(text: string): string {
  return /^\((.+)\)$/.exec(text)?.[1] ?? text;
}

export interface StatusClassSite {
  /** The class's first code: 5 → "500". */
  code: string;
  start: number;
  end: number;
  role: OccurrenceRole;
}

/** Calls `found` for each class digit compared with a status divided by 100, starting in [from, to). */
export function findStatusClassTests(text: string, root: Node, s: SyntaxAdapter, context: StatusContext, family: string, from: number, to: number, found: (site: StatusClassSite) => void): void {
  const division = /\/\/?\s*100\b|intdiv\s*\(/g;
  division.lastIndex = Math.max(0, from - 200);
  const seen = new Set<number>();
  for (let m = division.exec(text); m && m.index < to + 200; m = division.exec(text)) {
    const comparison = comparisonAbove(root.descendantForIndex(m.index, m.index + 1), s);
    if (!comparison || seen.has(comparison.id)) continue;
    seen.add(comparison.id);
    const [left, right] = comparison.namedChildren.filter((c): c is Node => c !== null);
    if (!left || !right) continue;
    const classSide = statusClassRead(left.text, family) ? left : statusClassRead(right.text, family) ? right : undefined;
    if (!classSide) continue;
    const other = classSide.id === left.id ? right : left;
    for (const digit of digitsIn(other, s)) {
      if (digit.startIndex < from || digit.startIndex >= to) continue;
      const role = context.classify(digit, 'status');
      found({ code: `${digit.text}00`, start: digit.startIndex, end: digit.endIndex, role: role === 'test-assert' || role === 'retry-config' ? role : 'client-check' });
    }
  }
}

/** The comparison or membership test (`==`, `!=`, `<`, `in`…) the division at `node` is an operand of. */
function comparisonAbove(node: Node | null, s: SyntaxAdapter): Node | undefined {
  for (let n = node, depth = 0; n && depth < 8; n = n.parent, depth++) {
    if (s.binaries.has(n.type) && /^(==|!=|===|!==|<|<=|>|>=|in|not in)$/.test(s.operatorOf(n).trim())) return n;
    if (/statement|block|body/.test(n.type)) return undefined;
  }
  return undefined;
}

/** The class digits (1–5) on the other side: one number, or the items of a list or tuple (`in (4, 5)`). */
function digitsIn(node: Node, s: SyntaxAdapter): Node[] {
  if (s.numbers.has(node.type)) return /^[1-5]$/.test(node.text) ? [node] : [];
  if (!/^(tuple|list|set|array|array_creation_expression|parenthesized_expression|collection_literal)$/.test(node.type)) return [];
  const items = node.namedChildren.filter((c): c is Node => c !== null);
  return items.every((c) => s.numbers.has(c.type) && /^[1-5]$/.test(c.text)) ? items : [];
}
