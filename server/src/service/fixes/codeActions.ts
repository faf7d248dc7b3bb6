/**
 * The code-action dispatcher: for each finding (diagnostic) the fixes of its rule, the preferred one
 * first, then "Suppress <rule> for this line"; then refactors on the spotted codes in the range
 * ("Replace 429 with HTTPStatus.TOO_MANY_REQUESTS"). Every edit touches only the requested document.
 */
import type { CodeActionResult, Finding, Occurrence, Position, Range } from '../types';
import { configPolicyFix } from './configPolicy';
import { amplificationFix } from './amplification';
import { delayUnitFix } from './delayUnit';
import { idempotencyKeyFix } from './idempotencyKey';
import { libraryRetryFix } from './libraryRetry';
import { backoffFix, retryAfterFix } from './loopFixes';
import { missingRetryAfterFix } from './missingRetryAfter';
import { namedConstantFixes } from './namedConstant';
import { nonRetryableFix } from './nonRetryable';
import { requestTimeoutFix } from './requestTimeout';
import { retryWrapFix } from './retryWrap';
import { suppressFix } from './suppress';
import { unsafeConfigFix } from './unsafeConfig';
import type { Doc } from './text';

export interface CodeActionOptions {
  /** The client applies snippet text edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`). */
  snippetSupport?: boolean;
}

type FixBuilder = (doc: Doc, finding: Finding, snippet: boolean) => CodeActionResult | undefined;

/** Per rule, its fixes in order of preference (the first that applies is `isPreferred`). */
export const FIXES_BY_RULE: Record<string, FixBuilder[]> = {
  'retryable-treated-as-final': [configPolicyFix, retryWrapFix, libraryRetryFix],
  'no-retry-on-request': [retryWrapFix, libraryRetryFix],
  'retry-ignores-retry-after': [configPolicyFix, retryAfterFix],
  'retry-without-backoff': [configPolicyFix, backoffFix],
  'unsafe-retry': [(doc, finding) => idempotencyKeyFix(doc, finding), (doc, finding) => unsafeConfigFix(doc, finding)],
  'missing-retry-after': [missingRetryAfterFix],
  'non-retryable-retried': [(doc, finding) => nonRetryableFix(doc, finding)],
  'request-without-timeout': [(doc, finding) => requestTimeoutFix(doc, finding)],
  'retry-delay-unit': [(doc, finding) => delayUnitFix(doc, finding)],
  'retry-amplification': [(doc, finding) => amplificationFix(doc, finding)],
};

export function computeCodeActions(
  doc: Doc,
  range: Range,
  findings: readonly Finding[],
  occurrences: readonly Occurrence[],
  options: CodeActionOptions = {},
): CodeActionResult[] {
  const fixes: CodeActionResult[] = [];
  const suppressions: CodeActionResult[] = [];
  for (const finding of findings) {
    let preferredTaken = false;
    for (const build of FIXES_BY_RULE[finding.rule] ?? []) {
      const action = attempt(() => build(doc, finding, options.snippetSupport === true));
      if (!action?.edits.length) continue;
      action.isPreferred = !preferredTaken;
      preferredTaken = true;
      fixes.push(action);
    }
    const suppress = attempt(() => suppressFix(doc, finding));
    if (suppress) suppressions.push(suppress);
  }
  const refactors = namedConstantFixes(doc, occurrences.filter((o) => overlaps(o.range, range)));
  return dedupe([...fixes, ...suppressions, ...refactors]);
}

/** A fix that cannot be built for this shape of code is simply not offered. */
function attempt<T>(build: () => T | undefined): T | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function dedupe(actions: CodeActionResult[]): CodeActionResult[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = a.title + JSON.stringify(a.edits);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
