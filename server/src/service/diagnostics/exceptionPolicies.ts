import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { inScope } from './decoratorPolicies';
import { fillMessage, ruleInfo } from './rules';
import { lookupHttpConstant } from '../spotting/constants';

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
  /** `Handle<HttpException>(e => e.StatusCode != 400 && e.StatusCode != 404)`: every status but these is retried. */
  allBut?: string[];
}

/** Exception types a failure status is thrown as (by .NET's HttpClient, WebClient, Flurl, RestSharp), or a base of them. */
const STATUS_EXCEPTIONS = /^(Exception|SystemException|HttpRequestException|WebException|FlurlHttpException|HttpResponseException|ApiException|RestException)$/;
const RETRY_CALL = /^(WaitAndRetry|WaitAndRetryAsync|WaitAndRetryForever|WaitAndRetryForeverAsync|Retry|RetryAsync|RetryForever|RetryForeverAsync)$/;
/** The file turns failure statuses into exceptions. */
const RAISES_ON_STATUS = /EnsureSuccessStatusCode\s*\(|IsSuccessStatusCode\)?\s*\)?\s*\{?\s*throw\b|StatusCode\s*(?:!=|==|>=|>)[^;{]{0,80}\)\s*\{?\s*throw\b/;

export function exceptionPolicies(ctx: DiagContext): ExceptionPolicy[] {
  if (ctx.flow.grammarName !== 'c-sharp' || !ctx.doc.tree || !/\bHandle</.test(ctx.flow.text)) return [];
  const raisesOnStatus = RAISES_ON_STATUS.test(ctx.flow.text);
  const out: ExceptionPolicy[] = [];
  for (const call of ctx.flow.calls) {
    if (!RETRY_CALL.test(call.name)) continue;
    const chain = call.node.text;
    const handled = [...chain.matchAll(/\b(?:Handle|Or)<\s*([\w.]+)\s*>/g)].map((m) => m[1].split('.').pop()!);
    if (handled.length === 0) continue;
    // An exception that carries its status, handled for every status but a few: the predicate says what is retried.
    const allBut = exclusions(ctx, chain);
    if (allBut && !/\b(HandleResult|OrResult)\b/.test(chain)) {
      out.push({ retryCall: call.node, handled, readsRetryAfter: /retry[-_]?after/i.test(chain), allBut });
      continue;
    }
    if (!raisesOnStatus || !handled.some((t) => STATUS_EXCEPTIONS.test(t))) continue;
    // Results handled too (`OrResult(r => …)`) are read by resultPolicies.ts.
    if (/\b(HandleResult|OrResult)\b/.test(chain)) continue;
    out.push({ retryCall: call.node, handled, readsRetryAfter: /retry[-_]?after/i.test(chain) });
  }
  return out;
}

/**
 * `Handle<HttpException>(e => e.StatusCode != (int)HttpStatusCode.BadRequest && e.StatusCode != 404)`: a predicate made
 * only of `!=` tests of the exception's status, joined by `&&` — the statuses it leaves out; undefined for any other.
 */
function exclusions(ctx: DiagContext, chain: string): string[] | undefined {
  const m = /\bHandle<\s*[\w.]+\s*>\s*\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*([^;]*?)\)\s*\.\s*(?:Or|WaitAndRetry|Retry)/s.exec(chain);
  if (!m) return undefined;
  const [, param, body] = m;
  const tests = body.split('&&').map((t) => t.trim().replace(/^\(|\)$/g, ''));
  const codes: string[] = [];
  for (const t of tests) {
    const test = new RegExp(`^${param}\\.(?:StatusCode|Status|HttpStatusCode)\\s*!=\\s*(?:\\(int\\)\\s*)?(?:HttpStatusCode\\.)?(\\w+)$`).exec(t);
    const named = test && !/^\d{3}$/.test(test[1]) ? lookupHttpConstant(ctx.registry, 'csharp', 'HttpStatusCode', test[1]) : undefined;
    const code = test && (/^\d{3}$/.test(test[1]) ? test[1] : named !== undefined ? String(named) : undefined);
    if (!code) return undefined;
    codes.push(code);
  }
  return codes.length > 0 ? codes : undefined;
}

/** Statuses that fail the same way on every attempt: a predicate that keeps any of them retries a lasting refusal. */
const LASTING = ['400', '401', '403', '404', '409', '422'];

function anchorOf(call: Node): Node {
  const fn = call.childForFieldName('function');
  return fn?.childForFieldName('name') ?? call;
}

/** retry-ignores-retry-after: the policy's wait never reads Retry-After, and the 429/503 it is thrown reach it. */
export function exceptionPolicyRetryAfterFindings(ctx: DiagContext): Finding[] {
  const rule = 'retry-ignores-retry-after';
  return exceptionPolicies(ctx)
    .filter((p) => !p.readsRetryAfter && inScope(ctx, p.retryCall.startIndex) && !(p.allBut && p.allBut.includes('429') && p.allBut.includes('503')))
    .map((p) => {
      const anchor = anchorOf(p.retryCall);
      const codes = ['429', '503'].filter((c) => !p.allBut?.includes(c));
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
    .filter((p) => inScope(ctx, p.retryCall.startIndex) && (!p.allBut || LASTING.some((c) => !p.allBut!.includes(c))))
    .map((p) => {
      const anchor = anchorOf(p.retryCall);
      const left = p.allBut ? LASTING.filter((c) => !p.allBut!.includes(c)) : [];
      const codes = p.allBut ? left : ['4xx'];
      return {
        rule,
        severity: ruleInfo(rule)!.defaultSeverity,
        message: p.allBut
          ? `Retries every ${p.handled.join(' / ')} but ${p.allBut.join(', ')}: ${left.join(', ')} fail the same way on every attempt; handle only transient failures.`
          : `Retries every ${p.handled.join(' / ')}, which this code throws for every failure status: a 400, 401 or 404 fails the same way on every attempt; handle only transient failures.`,
        range: ctx.range(anchor),
        data: { ...ctx.base(anchor), codes, codeRanges: [], declarative: 'Polly' },
      };
    });
}
