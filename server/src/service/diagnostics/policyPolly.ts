import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { edits, imports, initializerOptions, lastName, nodes, setOption, setOptions } from './policyOptions';
import { policyDefaults } from './policyDefaults';
import { boolValue, constantFunction, durationMs, numberValue } from './policyValues';

/** Polly read as data (C#): v8 retry strategy options and v7 fluent policies. */
export function pollyRetryProblems(ctx: DiagContext): PolicyProblem[] {
  return [...pollyOptions(ctx), ...pollyV7(ctx)];
}

/**
 * Polly v8 `RetryStrategyOptions` (BackoffType Constant, no jitter, 2 s by default) and
 * Microsoft.Extensions.Http.Resilience `HttpRetryStrategyOptions` (Exponential, jitter, Retry-After by default).
 */
function pollyOptions(ctx: DiagContext): PolicyProblem[] {
  if (!imports(ctx, /^(Polly|Microsoft\.Extensions\.(Http\.)?Resilience)/)) return [];
  const out: PolicyProblem[] = [];
  for (const creation of nodes(ctx, 'object_creation_expression')) {
    const type = lastName(creation.childForFieldName('type')?.text ?? '');
    if (!/^(Http)?RetryStrategyOptions$/.test(type)) continue;
    const http = type.startsWith('Http');
    const defaults = policyDefaults(http ? 'http-retry-strategy' : 'polly-retry-strategy');
    const o = initializerOptions(creation);
    if (o.values.has('DelayGenerator') || o.values.has('RetryDelayGenerator')) continue;
    const attempts = o.values.get('MaxRetryAttempts') ?? o.values.get('RetryCount');
    if (attempts && numberValue(ctx.flow.text, attempts.text) === 0) continue;
    const backoff = o.values.get('BackoffType');
    const kind = backoff ? lastName(backoff.text) : defaults.backoffType;
    const delay = o.values.get('Delay') ?? o.values.get('BaseDelay');
    const enumName = backoff && /\./.test(backoff.text) ? backoff.text.replace(/\.\w+$/, '') : 'DelayBackoffType';
    if (kind === 'Constant') {
      const none = delay !== undefined && durationMs(ctx.flow.text, delay.text, 1) === 0;
      const jitter = o.values.get('UseJitter');
      out.push({
        rule: 'retry-without-backoff', library: http ? 'Microsoft.Extensions.Http.Resilience' : 'Polly', anchor: backoff ?? creation.childForFieldName('type') ?? creation,
        problem: none ? 'no-delay' : 'fixed-delay',
        detail: `(${type}) ${none ? 'retries immediately' : 'waits a fixed time between attempts'}: BackoffType ${backoff ? 'Constant' : 'defaults to Constant'}`,
        fix: {
          title: 'Use exponential backoff with jitter (BackoffType = Exponential, UseJitter = true)',
          edits: setOptions(o, [
            ['BackoffType', `${enumName}.Exponential`],
            ...((jitter ? boolValue(ctx.flow.text, jitter.text) : defaults.useJitter) === true ? [] : [['UseJitter', 'true'] as [string, string]]),
            ...(none && delay ? [[delay === o.values.get('Delay') ? 'Delay' : 'BaseDelay', 'TimeSpan.FromMilliseconds(500)'] as [string, string]] : []),
          ]),
        },
      });
    }
    const retryAfter = o.values.get('ShouldRetryAfterHeader');
    if (http && retryAfter && (boolValue(ctx.flow.text, retryAfter.text) ?? defaults.shouldRetryAfterHeader) === false) {
      out.push({
        rule: 'retry-ignores-retry-after', library: 'Microsoft.Extensions.Http.Resilience', anchor: retryAfter, codes: ['429', '503'],
        detail: '(HttpRetryStrategyOptions) ShouldRetryAfterHeader = false',
        fix: { title: 'Wait for Retry-After (ShouldRetryAfterHeader = true)', edits: edits(setOption(o, 'ShouldRetryAfterHeader', 'true')) },
      });
    }
    // Plain Polly has no Retry-After of its own: a ShouldHandle that retries a 429 or a 5xx waits its own Delay.
    const handle = o.values.get('ShouldHandle');
    const refusals = !http && handle ? refusalsHandled(handle.text) : [];
    if (refusals.length) {
      out.push({
        rule: 'retry-ignores-retry-after', library: 'Polly', anchor: handle!, codes: refusals,
        detail: `(${type}) retries ${refusals.join('/')} on its own Delay and has no DelayGenerator reading Retry-After`,
      });
    }
  }
  return mergeSameAnchor(out);
}

/**
 * The refusals a ShouldHandle predicate retries, read from its text: `HttpStatusCode.TooManyRequests`/`429`, and
 * `ServiceUnavailable`/`503` or the whole 5xx class (`>= 500`, a `…ServerError` property such as
 * `IsServerError`/`HasHttpServerError`, `>= HttpStatusCode.InternalServerError`).
 */
function refusalsHandled(predicate: string): string[] {
  const codes: string[] = [];
  if (/\bTooManyRequests\b|\b429\b/.test(predicate)) codes.push('429');
  if (/\bServiceUnavailable\b|\b503\b|ServerError\b|>=\s*(?:500\b|HttpStatusCode\.InternalServerError\b)/.test(predicate)) codes.push('503');
  return codes;
}

/** Polly v7: `.RetryAsync(n)` retries at once; `.WaitAndRetryAsync(n, _ => TimeSpan.FromSeconds(2))` waits a fixed time. */
function pollyV7(ctx: DiagContext): PolicyProblem[] {
  if (!imports(ctx, /^Polly/)) return [];
  const out: PolicyProblem[] = [];
  const growing = 'retryAttempt => TimeSpan.FromMilliseconds(Math.Min(30000, 200 * Math.Pow(2, retryAttempt)) * (0.5 + new Random().NextDouble() / 2))';
  for (const call of nodes(ctx, 'invocation_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_access_expression') continue;
    const name = fn.childForFieldName('name')?.text ?? '';
    const receiver = fn.childForFieldName('expression')?.text ?? '';
    if (!/\b(Policy|HttpPolicyExtensions|Handle|HandleResult|OrResult|Or|HandleTransientHttpError)\b/.test(receiver)) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a?.type === 'argument');
    const nameNode = fn.childForFieldName('name')!;
    const async = name.endsWith('Async') ? 'Async' : '';
    if (/^(Retry|RetryAsync)$/.test(name)) {
      if (args.length > 1 || (args[0] && numberValue(ctx.flow.text, args[0].text) === 0)) continue;
      // One more attempt after putting the cause right (`.RetryAsync(async (r, _) => await RefreshTokenAsync())`): a
      // corrected request, not a transient failure waited out.
      if (correctiveRetry(ctx, args)) continue;
      // (Only a count, or nothing, carries over: an on-retry callback's signature is not WaitAndRetry's.)
      const count = args[0] ? (numberValue(ctx.flow.text, args[0].text) !== undefined || /^\w+$/.test(args[0].text) ? args[0].text : undefined) : '3';
      out.push({
        rule: 'retry-without-backoff', library: 'Polly', anchor: nameNode, problem: 'no-delay', detail: `(Polly ${name}) retries immediately`,
        ...(count ? { fix: { title: 'Wait between attempts: exponential backoff with jitter (WaitAndRetry)', edits: [{ start: nameNode.startIndex, end: call.endIndex, newText: `WaitAndRetry${async}(${count}, ${growing})` }] } } : {}),
      });
    } else if (/^(RetryForever|RetryForeverAsync)$/.test(name)) {
      if (args.length) continue;
      out.push({
        rule: 'retry-without-backoff', library: 'Polly', anchor: nameNode, problem: 'no-delay', detail: `(Polly ${name}) retries immediately, without end`,
        fix: { title: 'Cap the attempts and wait between them: exponential backoff with jitter (WaitAndRetry)', edits: [{ start: nameNode.startIndex, end: call.endIndex, newText: `WaitAndRetry${async}(5, ${growing})` }] },
      });
    } else if (/^(WaitAndRetry|WaitAndRetryAsync|WaitAndRetryForever|WaitAndRetryForeverAsync)$/.test(name)) {
      const forever = name.includes('Forever');
      const first = args[forever ? 0 : 1];
      const provider = first?.namedChildren.find((c) => c?.type === 'lambda_expression') ?? undefined;
      if (provider && constantFunction(provider)) {
        out.push({
          rule: 'retry-without-backoff', library: 'Polly', anchor: provider, problem: 'fixed-delay', detail: `(Polly ${name}) waits a fixed time between attempts`,
          fix: { title: 'Use exponential backoff with jitter', edits: [{ start: provider.startIndex, end: provider.endIndex, newText: growing }] },
        });
        continue;
      }
      // WaitAndRetry(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }): sleep durations that are all the same.
      // (An on-retry callback may follow: `WaitAndRetry(new[] { … }, (result, wait, n, ctx) => log(…))`; Polly's
      // count-and-provider overloads take the same callbacks, so the fix keeps it.)
      const callbackOnly = args.length === 2 && /lambda_expression|anonymous_method_expression|identifier|member_access_expression/.test(args[1].namedChildren[0]?.type ?? '');
      const list = !forever && (args.length === 1 || callbackOnly) ? args[0].namedChildren[0] : undefined;
      const items = list && /array_creation_expression|implicit_array_creation_expression|collection_expression/.test(list.type)
        ? (list.descendantsOfType('initializer_expression')[0] ?? list)?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? []
        : [];
      if (items.length > 1 && items.every((i) => i.text.replace(/\s+/g, '') === items[0].text.replace(/\s+/g, ''))) {
        out.push({
          rule: 'retry-without-backoff', library: 'Polly', anchor: list!, problem: 'fixed-delay', detail: `(Polly ${name}) its sleep durations are all ${items[0].text}`,
          fix: { title: 'Use exponential backoff with jitter', edits: [{ start: list!.startIndex, end: list!.endIndex, newText: `${items.length}, ${growing}` }] },
        });
      }
    }
  }
  return out;
}

/** Work that puts a failed request right before it is sent again: a new token, a fresh login, a solved captcha. */
const CORRECTIVE = /token|re-?auth|authenticat|login|log_?in|credential|renew|captcha|refresh/i;

/**
 * A single retry (`RetryAsync()` or `RetryAsync(onRetry)`: Polly's default count is 1) whose on-retry callback
 * corrects the cause (refreshes a token, logs in again).
 */
function correctiveRetry(ctx: DiagContext, args: Node[]): boolean {
  const count = args[0] ? numberValue(ctx.flow.text, args[0].text) : undefined;
  if (count !== undefined && count > 1) return false;
  const callback = args.find((a) => a.namedChildren.some((c) => c?.type === 'lambda_expression' || c?.type === 'anonymous_method_expression'));
  return !!callback && CORRECTIVE.test(callback.text);
}

/** One problem per anchor and rule (the first wins). */
function mergeSameAnchor(list: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.rule}@${p.anchor.startIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
