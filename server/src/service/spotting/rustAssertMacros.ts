import type { Node } from 'web-tree-sitter';
import httpConstants from '../../../data/http-constants.json';

/*
 * Statuses inside Rust's assertion macros. A macro's arguments are a token tree to the parser, not expressions, so the
 * statuses are read from the tokens: `assert_eq!(resp.status(), StatusCode::OK)`, `assert_eq!(resp.status(), 404)`,
 * `assert_eq!(code.as_u16(), 401)` (http's StatusCode turned into its number), Rocket's local-client tests
 * `assert_eq!(response.status(), Status::NotFound)` and ureq's error in a pattern,
 * `assert!(matches!(err, Error::Status(503, _)))`. Whatever a test asserts about a status is `test-assert`.
 */

/** The assertion macros (`assert!`, `assert_eq!`, `assert_ne!`, their `debug_`/`prop_` forms, `assert_matches!`). */
const ASSERT_MACRO = /^(?:\w+::)*(debug_|prop_)?assert(_eq|_ne|_matches)?$/;
/** Where an assertion macro starts in the text. */
const ASSERT_START = /\b(?:debug_|prop_)?assert(?:_eq|_ne|_matches)?\s*!\s*\(/g;

/** Rocket's `rocket::http::Status` constants (`Status::NotFound` = 404), from http-constants.json (family rust). */
const ROCKET_STATUS: ReadonlyMap<string, number> = new Map(Object.entries((httpConstants as unknown as { rust: Record<string, Record<string, number>> }).rust.Status ?? {}));

/**
 * What a status can be written as among the tokens: http's `StatusCode::NAME` (1), Rocket's `Status::Name` (2), ureq's
 * `Status(503, …)` (3) or a bare number (4).
 */
const MACRO_STATUS = /\bStatusCode\s*::\s*([A-Z][A-Z_]+)\b|(?<![\w:])(?:\w+::)*Status\s*::\s*([A-Z][a-z][A-Za-z]*)\b(?!\s*[(:])|\bStatus\s*\(\s*([1-5]\d\d)\s*,|(?<![\w.])([1-5]\d\d)(?![\w.])/g;
/**
 * What makes a bare number beside it a status: the word `status` (`err.http_status`, `res.status_code`), a status turned
 * into its number (`.as_u16()`), a named status of either table.
 */
const SAYS_STATUS = /(?<![A-Za-z])status(?![A-Za-z])|\.\s*as_u16\s*\(\s*\)|\bStatusCode\s*::\s*[A-Z]/;

export interface RustAssertedStatus {
  status: number;
  start: number;
  end: number;
  /** A bare number (`404`), not a name. */
  number: boolean;
}

/** True when `node` lies in the token tree of an assertion macro (`assert_eq!(…)`, `assert!(…)`). */
export function inAssertMacro(node: Node): boolean {
  for (let up: Node | null = node.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
    if (up.type === 'macro_invocation') {
      if (ASSERT_MACRO.test(up.childForFieldName('macro')?.text ?? '')) return true;
      continue; // (`assert!(matches!(…))`: the inner macro sits in the outer one's tokens)
    }
    if (/^(function_item|closure_expression|block)$/.test(up.type)) return false;
  }
  return false;
}

/**
 * Each status an assertion macro starting in [from, to) states. `constant` looks up http's `StatusCode::NAME`.
 */
export function findRustAssertedStatuses(
  text: string,
  root: Node,
  from: number,
  to: number,
  constant: (name: string) => number | undefined,
  found: (site: RustAssertedStatus) => void,
): void {
  const rocket = /\brocket::/.test(text);
  const re = new RegExp(ASSERT_START.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const name = root.descendantForIndex(m.index, m.index + 1);
    const macro = name?.parent;
    if (macro?.type !== 'macro_invocation' || !ASSERT_MACRO.test(macro.childForFieldName('macro')?.text ?? '')) continue;
    const body = macro.text;
    // (Rocket's names only in a file that uses Rocket: a domain enum may be called `Status` too, `Status::Created`.)
    const saysStatus = SAYS_STATUS.test(body);
    if (!saysStatus && !/\bStatus\s*\(\s*[1-5]\d\d\s*,/.test(body)) continue;
    for (const hit of body.matchAll(MACRO_STATUS)) {
      const start = macro.startIndex + hit.index!;
      const leaf = root.descendantForIndex(start, start + 1);
      if (leaf && /string|comment/.test(leaf.type + (leaf.parent?.type ?? ''))) continue;
      if (hit[1] !== undefined) {
        const status = constant(hit[1]);
        if (status !== undefined) found({ status, start, end: start + hit[0].length, number: false });
      } else if (hit[2] !== undefined) {
        const status = rocket ? ROCKET_STATUS.get(hit[2]) : undefined;
        if (status !== undefined) found({ status, start, end: start + hit[0].length, number: false });
      } else if (hit[3] !== undefined) {
        const at = start + hit[0].lastIndexOf(hit[3]);
        found({ status: Number(hit[3]), start: at, end: at + 3, number: true });
      } else if (saysStatus) found({ status: Number(hit[4]), start, end: start + 3, number: true });
    }
  }
}
