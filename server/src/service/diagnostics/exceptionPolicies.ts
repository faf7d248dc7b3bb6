import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { inScope } from './decoratorPolicies';
import { fillMessage, ruleInfo } from './rules';

/**
 * Polly policies that retry by exception type: `Policy.Handle<HttpRequestException>().WaitAndRetryAsync(…)`,
 * `.Handle<Exception>()`, `.Or<WebException>()`. Where the file turns failure statuses into exceptions
 * (`EnsureSuccessStatusCode()`, a throw after a status test), such a policy retries every one of them: a 404 as
 * often as a 503 (`non-retryable-retried`), and a 429 or 503 on its own schedule unless the wait reads the
 * server's Retry-After (`retry-ignores-retry-after`). Policies handling narrower types (`TimeoutRejectedException`,
 * a project's `TransientApiException`) say which failures they mean, and are left alone.
 */
export interface ExceptionPolicy {
  /** The retry call (`WaitAndRetryAsync`) whose chain handles the exceptions. */
  retryCall: Node;
  handled: string[];
  readsRetryAfter: boolean;
}

/** Exception types a failure status is thrown as (by .NET's HttpClient, WebClient, Flurl, RestSharp), or a base of them. */
const STATUS_EXCEPTIONS = /^(Exception|SystemException|HttpRequestException|WebException|FlurlHttpException|HttpResponseException|ApiException|RestException)$/;
const RETRY_CALL = /^(WaitAndRetry|WaitAndRetryAsync|WaitAndRetryForever|WaitAndRetryForeverAsync|Retry|RetryAsync|RetryForever|RetryForeverAsync)$/;
/** The file turns failure statuses into exceptions. */
const RAISES_ON_STATUS = /EnsureSuccessStatusCode\s*\(|IsSuccessStatusCode\)?\s*\)?\s*\{?\s*throw\b|StatusCode\s*(?:!=|==|>=|>)[^;{]{0,80}\)\s*\{?\s*throw\b/;

export function exceptionPolicies(ctx: DiagContext): ExceptionPolicy[] {
  if (ctx.flow.grammarName !== 'c-sharp' || !ctx.doc.tree || !/\bHandle</.test(ctx.flow.text) || !RAISES_ON_STATUS.test(ctx.flow.text)) return [];
  const out: ExceptionPolicy[] = [];
  for (const call of ctx.flow.calls) {
    if (!RETRY_CALL.test(call.name)) continue;
    const chain = call.node.text;
    const handled = [...chain.matchAll(/\b(?:Handle|Or)<\s*([\w.]+)\s*>/g)].map((m) => m[1].split('.').pop()!);
    if (handled.length === 0 || !handled.some((t) => STATUS_EXCEPTIONS.test(t))) continue;
    // Results handled too (`OrResult(r => …)`) are read by resultPolicies.ts.
    if (/\b(HandleResult|OrResult)\b/.test(chain)) continue;
    out.push({ retryCall: call.node, handled, readsRetryAfter: /retry[-_]?after/i.test(chain) });
  }
  return out;
}

function anchorOf(call: Node): Node {
  const fn = call.childForFieldName('function');
  return fn?.childForFieldName('name') ?? call;
}

/** retry-ignores-retry-after: the policy's wait never reads Retry-After, and the 429/503 it is thrown reach it. */
export function exceptionPolicyRetryAfterFindings(ctx: DiagContext): Finding[] {
  const rule = 'retry-ignores-retry-after';
  return exceptionPolicies(ctx)
    .filter((p) => !p.readsRetryAfter && inScope(ctx, p.retryCall.startIndex))
    .map((p) => {
      const anchor = anchorOf(p.retryCall);
      const codes = ['429', '503'];
      return {
        rule,
        severity: ruleInfo(rule)!.defaultSeverity,
        message: fillMessage(rule, { codes }),
        range: ctx.range(anchor),
        data: { ...ctx.base(anchor), codes, checkRange: ctx.range(anchor), declarative: 'Polly' },
      };
    });
}

/** non-retryable-retried: the policy retries every exception a failure status is thrown as, 4xx included. */
export function exceptionPolicyNonRetryableFindings(ctx: DiagContext): Finding[] {
  const rule = 'non-retryable-retried';
  return exceptionPolicies(ctx)
    .filter((p) => inScope(ctx, p.retryCall.startIndex))
    .map((p) => {
      const anchor = anchorOf(p.retryCall);
      const codes = ['4xx'];
      return {
        rule,
        severity: ruleInfo(rule)!.defaultSeverity,
        message: `Retries every ${p.handled.join(' / ')}, which this code throws for every failure status: a 400, 401 or 404 fails the same way on every attempt; handle only transient failures.`,
        range: ctx.range(anchor),
        data: { ...ctx.base(anchor), codes, codeRanges: [], declarative: 'Polly' },
      };
    });
}
