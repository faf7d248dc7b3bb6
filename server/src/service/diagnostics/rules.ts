import type { Severity } from '../types';
import type { RuleId } from './findingData';

/**
 * The one table of diagnostic rules. Ids are stable (settings, suppression comments and
 * docs/rules.md anchors use them). Message templates fill `{codes}`, `{code}`, `{method}` and
 * `{detail}`; each says what is wrong and why in one line.
 */
export interface RuleInfo {
  id: RuleId;
  defaultSeverity: Severity;
  /** One-sentence summary for rule lists (SARIF, settings UI). */
  description: string;
  /** Message template; see fillMessage. */
  message: string;
  /** Anchor in docs/rules.md (equal to the id). */
  docsAnchor: string;
  /** The CWE the finding is an instance of, for SARIF's `external/cwe/cwe-N` tag. */
  cwe?: number;
}

export const RULES: readonly RuleInfo[] = [
  {
    id: 'retryable-treated-as-final',
    defaultSeverity: 'warning',
    description: 'A branch tests for a retryable status or error code and then gives up with no retry path.',
    message: '{codes} is retryable, but this branch gives up ({detail}) with no retry path: a transient failure becomes a permanent one.',
    docsAnchor: 'retryable-treated-as-final',
  },
  {
    id: 'no-retry-on-request',
    defaultSeverity: 'information',
    description: 'A request is only checked for success or failure, with no retry mechanism in scope.',
    message: 'This request fails on any error status ({detail}) and nothing retries it: a 429 or 503 fails permanently.',
    docsAnchor: 'no-retry-on-request',
  },
  {
    id: 'retry-ignores-retry-after',
    defaultSeverity: 'warning',
    description: 'A retry path for 429 or 503 never reads the Retry-After header.',
    message: 'Retries on {codes} without reading Retry-After: the server says when to come back, and retrying sooner is refused again.',
    docsAnchor: 'retry-ignores-retry-after',
  },
  {
    id: 'retry-without-backoff',
    defaultSeverity: 'warning',
    description: 'A retry loop with no delay, a fixed delay, or no cap on attempts.',
    message: 'This retry {detail}: retries without growing delays and a cap hammer a struggling server.',
    docsAnchor: 'retry-without-backoff',
  },
  {
    id: 'unsafe-retry',
    defaultSeverity: 'warning',
    description: 'A non-idempotent request (POST/PATCH) is retried automatically without an Idempotency-Key.',
    message: '{method} is retried automatically without an Idempotency-Key header: a retry after a lost response can apply it twice.',
    docsAnchor: 'unsafe-retry',
  },
  {
    id: 'missing-retry-after',
    defaultSeverity: 'information',
    description: 'Server code sends 429 or 503 without a Retry-After header.',
    message: 'Sends {code} without a Retry-After header: clients cannot tell when to retry and fall back to guessing.',
    docsAnchor: 'missing-retry-after',
  },
  {
    id: 'non-retryable-retried',
    defaultSeverity: 'information',
    description: 'A retry path also retries codes that will fail the same way again (400, 401, 404, 422…).',
    message: 'Retries {codes}, which will fail the same way on every attempt: only retry transient failures.',
    docsAnchor: 'non-retryable-retried',
  },
  {
    id: 'request-without-timeout',
    defaultSeverity: 'information',
    description: 'A request that can wait for ever: no timeout is set and its library has none by default.',
    message: 'This request can wait for ever ({detail}): a hung connection holds the caller, and every retry of it, indefinitely.',
    docsAnchor: 'request-without-timeout',
    cwe: 400,
  },
  {
    id: 'retry-delay-unit',
    defaultSeverity: 'warning',
    description: 'A wait is given a value in the wrong unit (seconds where milliseconds are taken, a bare number for a Go Duration).',
    message: 'Wrong unit for this wait: {detail}.',
    docsAnchor: 'retry-delay-unit',
  },
  {
    id: 'retry-amplification',
    defaultSeverity: 'warning',
    description: 'A retry around calls that already retry themselves (an SDK client, a client configured to retry, a function with its own retry): the attempts multiply.',
    message: 'Retries stacked on retries: {detail}. Turn one layer off.',
    docsAnchor: 'retry-amplification',
  },
  {
    id: 'grpc-retry-policy',
    defaultSeverity: 'warning',
    description: 'A gRPC retry policy whose values do not do what they say (maxAttempts above 5, non-retryable codes, retry and hedging together).',
    message: 'gRPC retry policy: {detail}.',
    docsAnchor: 'grpc-retry-policy',
  },
  {
    id: 'unknown-rule-in-suppression',
    defaultSeverity: 'warning',
    description: 'A suppression comment names a rule that does not exist.',
    message: 'Unknown rule "{detail}" in suppression comment; it suppresses nothing.',
    docsAnchor: 'unknown-rule-in-suppression',
  },
];

const BY_ID = new Map<string, RuleInfo>(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

/** Fills a rule's message template. `codes` is joined as "429/503". */
export function fillMessage(id: RuleId, values: { codes?: string[]; code?: string; method?: string; detail?: string }): string {
  const template = BY_ID.get(id)?.message ?? id;
  return template
    .replace('{codes}', (values.codes ?? []).join('/'))
    .replace('{code}', values.code ?? '')
    .replace('{method}', values.method ?? '')
    .replace('{detail}', values.detail ?? '');
}
