/**
 * The preferred fix for a finding on a declarative retry policy (server/src/service/diagnostics/configPolicies.ts):
 * change the configuration rather than wrap the code — `backoff_factor=0.5` on a urllib3 `Retry`,
 * `retryDelay: axiosRetry.exponentialDelay`, `BackoffType = Exponential, UseJitter = true` on Polly options,
 * `@Backoff(multiplier = 2, …)` on Spring's `@Retryable`, a growing gRPC `retryPolicy`. The edits are computed
 * with the finding, from the same parse, and touch only the configuration.
 */
import type { CodeActionResult, Finding, TextEdit } from '../types';

export interface ConfigFixData {
  declarative?: string;
  configFix?: { title: string; edits: TextEdit[] };
}

export function configPolicyFix(_doc: unknown, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as ConfigFixData | undefined;
  const fix = data?.configFix;
  if (!fix?.edits.length) return undefined;
  return { title: fix.title, kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) };
}
