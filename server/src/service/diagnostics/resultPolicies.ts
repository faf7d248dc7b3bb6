import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { enclosingFn } from './flow/flowModel';
import { codeText } from './policyValues';
import { statementOf } from './requestStatements';

/*
 * Retry policies that retry on the response itself, through a result predicate of the policy library:
 * Polly `HandleTransientHttpError()` / `.OrResult(r => r.StatusCode == TooManyRequests)` with
 * `WaitAndRetry…`, Polly v8 `ShouldHandle = … HandleResult(…)`, Failsafe `handleResultIf(…)` with
 * `withBackoff`, resilience4j `retryOnResult(…)`, tenacity `retry_if_result(…)`. The policy has the
 * response in hand at every retry, so the wait can honour Retry-After; a wait that never reads it retries a
 * 429 or 503 on the policy's own schedule.
 */

export interface ResultPolicy {
  /** The predicate call (`OrResult(…)`, `handleResultIf(…)`, `HandleTransientHttpError()`). */
  predicate: Node;
  /** The statement (or initializer) configuring the whole policy. */
  scope: Node;
  /** Of 429 and 503, the statuses the predicate retries. */
  codes: string[];
  /** The policy waits between attempts (a wait is configured, or the library waits by default). */
  waits: boolean;
  /** Something in the policy, or the function configuring it, reads Retry-After. */
  readsRetryAfter: boolean;
  /** The predicate takes any failed response (`r => !r.IsSuccessStatusCode`), client errors included. */
  anyFailure: boolean;
  /** Reactor's `retryWhen(…)` after `retrieve()` with no filter: every error the chain raises, failed connections too. */
  unfiltered: boolean;
}

const PREDICATE = /^(OrResult|HandleResult|HandleTransientHttpError|OrTransientHttpError|OrTransientHttpStatusCode|handleResultIf|handleResult|retryOnResult|retry_if_result|retryIfResult|retryWhen)$/;
/** Waits a policy is given, or a library's default wait between attempts. */
const WAIT = /WaitAndRetry|withBackoff|Retry\.backoff|Retry\.fixedDelay|withDelay\b|withJitter|intervalFunction|waitDuration|IntervalFunction|DelayGenerator|\bDelay\s*=|BackoffType|wait_(exponential|fixed|random|incrementing|chain)|\bwait\s*=/;
const TRANSIENT_5XX = /HandleTransientHttpError|OrTransientHttpError|OrTransientHttpStatusCode|IsServerError|is_server_error|>=\s*500|>\s*499|\b5\d\dx?\b|5xx/i;
const TOO_MANY = /\b429\b|TooManyRequests|TOO_MANY_REQUESTS|too_many_requests/;
const UNAVAILABLE = /\b503\b|ServiceUnavailable|SERVICE_UNAVAILABLE|service_unavailable/;
/** A predicate on any failed response (`r => !r.IsSuccessStatusCode`, `!response.isSuccessful`, `not r.ok`): 429 and 503 among them. */
const NON_SUCCESS = /!\s*[\w.]+\.(IsSuccessStatusCode|isSuccessful(\(\))?|ok)\b|\bnot\s+[\w.]+\.ok\b|IsSuccessStatusCode\s*==\s*false/;

/** The file's result-predicate retry policies (once per analysis). */
export function resultPolicies(ctx: DiagContext): ResultPolicy[] {
  let list = cache.get(ctx);
  if (!list) cache.set(ctx, (list = findPolicies(ctx)));
  return list;
}

const cache = new WeakMap<DiagContext, ResultPolicy[]>();

function findPolicies(ctx: DiagContext): ResultPolicy[] {
  const out: ResultPolicy[] = [];
  const seen = new Set<number>();
  for (const call of ctx.flow.calls) {
    // C# generic calls carry their type arguments in the name (`HandleResult<HttpResponseMessage>`).
    // (Reactor's `Retry.backoff(…)`/`Retry.fixedDelay(…)` spec, built on its own and handed to `retryWhen` elsewhere.)
    if (!PREDICATE.test(call.name.replace(/\s*<[^]*$/, '')) && !(REACTOR_SPEC.test(call.name) && call.receiver === 'Retry')) continue;
    const scope = policyScope(ctx, call.node);
    if (seen.has(scope.id)) continue;
    seen.add(scope.id);
    // A predicate handed by name (`.filter(HttpRetryConfig::isRetryable)`, `retry_if_result(is_throttled)`) is read
    // where the file defines it.
    const named = namedPredicates(ctx, scope);
    const text = codeText(scope) + named;
    const predicateText = codeText(call.node) + named;
    const codes: string[] = [];
    // Spring WebClient `retrieve()…retryWhen(Retry.backoff(…))` with no filter retries the exception every
    // error status raises; a filter names what it retries.
    const unfiltered = call.name === 'retryWhen' && !/\.filter\(/.test(predicateText) && /\.retrieve\(\)/.test(text);
    const anyFailure = NON_SUCCESS.test(predicateText);
    if (unfiltered || anyFailure || TOO_MANY.test(predicateText) || TOO_MANY.test(text)) codes.push('429');
    if (unfiltered || anyFailure || UNAVAILABLE.test(predicateText) || TRANSIENT_5XX.test(predicateText) || UNAVAILABLE.test(text) || /WebClientResponseException\b(?!\.)|is5xxServerError/.test(predicateText)) codes.push('503');
    if (codes.length === 0) continue;
    const fn = enclosingFn(ctx.flow, call.node);
    const readsRetryAfter = /retry[-_]?after/i.test(text) || (fn?.readsRetryAfter ?? false);
    out.push({ predicate: call.node, scope, codes, waits: WAIT.test(text), readsRetryAfter, anyFailure, unfiltered });
  }
  return out;
}

/** Reactor's retry specs: what they retry is their `.filter(…)`, how long they wait is their own. */
const REACTOR_SPEC = /^(backoff|fixedDelay)$/;

/** The text of the file's functions the policy names as its predicate: `Type::name`, `this::name`, or a bare argument. */
function namedPredicates(ctx: DiagContext, scope: Node): string {
  const names = new Set<string>();
  for (const m of scope.text.matchAll(/(?:::|\(\s*)([A-Za-z_]\w*)\s*\)/g)) names.add(m[1]);
  if (names.size === 0) return '';
  return ctx.flow.fns.filter((f) => f.name && names.has(f.name)).map((f) => '\n' + codeText(f.node)).join('');
}

/**
 * The code configuring the policy around a predicate call: its statement, or the object initializer it sits
 * in (`new RetryStrategyOptions<…> { ShouldHandle = …, Delay = … }`), or a decorator's argument list.
 */
function policyScope(ctx: DiagContext, call: Node): Node {
  for (let n: Node | null = call.parent, depth = 0; n && depth < 12; n = n.parent, depth++) {
    if (/^(initializer_expression|object_creation_expression|decorator|argument_list)$/.test(n.type) && /WaitAndRetry|Retry|retry/.test(n.text) && n.type !== 'argument_list') return n;
    if (n.type === 'decorator') return n;
    if (ctx.flow.grammar.functions.has(n.type)) break;
  }
  return statementOf(call);
}
