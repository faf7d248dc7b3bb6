import type { Node } from 'web-tree-sitter';
import type { OccurrenceRole } from '../types';
import { namedChildren } from './syntaxAdapter';

/**
 * Go has no exceptions: an HTTP API client reports a failure with an error type of its own (`*github.RateLimitError`,
 * `http2.GoAwayError`, `*slack.RateLimitedError`). Such a type is a code where the caller tests for it:
 *
 * - a type switch's case: `switch e := err.(type) { case http2.GoAwayError: … }`;
 * - a type assertion: `if _, ok := err.(*github.RateLimitError); ok { … }`;
 * - the target of `errors.As`: `var rl *github.RateLimitError` … `errors.As(err, &rl)` (the declaration names the type).
 *
 * Anywhere else (a field, a parameter, a composite literal a library builds) it is not reported. Only the qualified
 * spelling (`pkg.Type`) is read: the type names are common words of any project.
 */

export interface GoErrorTypeSite {
  /** The qualified type: `github.RateLimitError` (without a leading `*`). */
  site: Node;
  role: OccurrenceRole;
}

/** Where a type is tested: a type switch's case, a type assertion. */
const TESTED_IN = new Set(['type_case', 'type_assertion_expression']);

/** The site and role of the type name at `name` (a `type_identifier`), or undefined when it is not tested there. */
export function goErrorTypePosition(name: Node, text: string): GoErrorTypeSite | undefined {
  const site = name.parent;
  if (name.type !== 'type_identifier' || site?.type !== 'qualified_type') return undefined;
  let holder = site.parent;
  if (holder?.type === 'pointer_type') holder = holder.parent;
  if (!holder) return undefined;
  if (TESTED_IN.has(holder.type)) return { site, role: 'client-check' };
  if (holder.type === 'var_spec') {
    // `var rl *github.RateLimitError` (or one line of a `var ( … )` block): a test when the file hands it to errors.As.
    const variables = namedChildren(holder).filter((c) => c.type === 'identifier').map((c) => c.text);
    return variables.some((v) => erroredAs(v, text)) ? { site, role: 'client-check' } : undefined;
  }
  return undefined;
}

/** `errors.As(err, &name)` (or `xerrors.As`) somewhere in the file. */
function erroredAs(variable: string, text: string): boolean {
  return new RegExp(`\\bAs\\(\\s*[^,()]+(?:\\([^()]*\\))?\\s*,\\s*&${variable}\\s*\\)`).test(text);
}
