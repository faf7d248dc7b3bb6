import type { Node } from 'web-tree-sitter';
import { STATUS_READ } from '../spotting/statusClasses';
import { subjectRoot } from './branches';

/*
 * A status's first digit tested as text: `String(res.status).startsWith('5')`,
 * `` `${err.response?.status}`.startsWith("5") ``, `str(r.status_code).startswith("5")`,
 * `response.StatusCode.ToString().StartsWith("5")`, `res.code.start_with?("5")` (Net::HTTP's code is a string),
 * `String(status)[0] === '5'`. Each stands for the whole family of that digit: 5 → 500–599.
 */

export { STATUS_READ };

const PREFIX_TEST = /^(.+)\.(?:startsWith|startswith|StartsWith|start_with\?)\((['"])([1-5])\2\)$/;
const FIRST_CHAR_TEST = /^(.+)\[0\](?:===?|!==?)(['"])([1-5])\2$/;
const AS_TEXT = [/^String\((.+)\)$/, /^str\((.+)\)$/, /^`\$\{(.+)\}`$/, /^String\.valueOf\((.+)\)$/, /^(.+)\.(?:toString|ToString|to_s)(?:\(\))?$/, /^strconv\.Itoa\((.+)\)$/];

/** The range (inclusive) the test of `root`'s status stands for, or undefined when `n` is no such test. */
export function digitFamilyTest(n: Node, root: string): readonly [number, number] | undefined {
  if (n.namedChildCount === 0 || n.text.length > 160) return undefined;
  const text = n.text.replace(/\s+/g, '');
  const m = PREFIX_TEST.exec(text) ?? FIRST_CHAR_TEST.exec(text);
  if (!m) return undefined;
  // `String(s)[0] !== '5'` holds for every other family: the caller's negation reads `!(… === '5')` only.
  if (/!==?(['"])[1-5]\1$/.test(text)) return undefined;
  const subject = asText(m[1]);
  if (subjectRoot(subject) !== root || !STATUS_READ.test(subject)) return undefined;
  const digit = Number(m[3]);
  return [digit * 100, digit * 100 + 99];
}

function asText(expression: string): string {
  for (const pattern of AS_TEXT) {
    const m = pattern.exec(expression);
    if (m) return m[1];
  }
  return expression;
}
