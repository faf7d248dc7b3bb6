import type { Finding } from '../types';
import type { DiagContext } from './context';
import { decoratorPolicies, type DecoratorPolicy, inScope } from './decoratorPolicies';
import { failureSet, PROBED_STATUSES, repeatingCodes } from './failureSets';
import { sdkCallIn, sdkClients } from './amplification/sdkClients';
import type { FnInfo } from './flow/flowModel';
import { fillMessage, ruleInfo } from './rules';
import { senderCalls } from './senders';
import { tryAround } from './wholesaleRetries';

/*
 * What a retry decorator retries, read from the function it decorates: tenacity retries every exception by
 * default, so a `raise_for_status()` inside makes it retry 404s as well as 503s, on its own wait. The
 * statuses are those the function raises on (failureSets.ts), through a request it makes or a sender of
 * the file it calls.
 */

export interface DecoratedRetry {
  policy: DecoratorPolicy;
  fn: FnInfo;
  /** Statuses (of PROBED_STATUSES) whose failure raises out of the function and so is retried. */
  retried: Set<string>;
}

/** Read once per analysis: both rules below ask. */
export function decoratedRetries(ctx: DiagContext): DecoratedRetry[] {
  let cached = cache.get(ctx);
  if (!cached) cache.set(ctx, (cached = readDecoratedRetries(ctx)));
  return cached;
}

const cache = new WeakMap<DiagContext, DecoratedRetry[]>();

function readDecoratedRetries(ctx: DiagContext): DecoratedRetry[] {
  const out: DecoratedRetry[] = [];
  for (const policy of decoratorPolicies(ctx)) {
    if (!policy.catchesStatusFailures) continue;
    const definition = policy.decorator.parent?.childForFieldName('definition');
    const fn = definition ? ctx.flow.fnByNode.get(definition.id) : undefined;
    if (!fn) continue;
    const retried = new Set<string>();
    for (const r of ctx.requestsIn(fn)) if (r.responseVar) for (const c of failureSet(ctx, fn.node, r.responseVar, 0, true)) retried.add(c);
    for (const r of senderCalls(ctx)) if (r.call.fn === fn) for (const c of r.sender.failsOn()) retried.add(c);
    // An SDK call (`client.messages.create(…)`) raises a typed error for every failure status; unless the function
    // catches it on the way (a try around it), each one reaches the decorator.
    if (retried.size === 0 && sdkRaisesThrough(ctx, fn)) PROBED_STATUSES.forEach((c) => retried.add(c));
    if (retried.size > 0) out.push({ policy, fn, retried });
  }
  return out;
}

function sdkRaisesThrough(ctx: DiagContext, fn: FnInfo): boolean {
  const clients = sdkClients(ctx);
  if (clients.length === 0) return false;
  const found = sdkCallIn(ctx, fn.node, clients);
  return !!found && found.call.fn === fn && !tryAround(ctx, found.call.node, fn.node);
}

/** retry-ignores-retry-after: a decorator retrying a 429/503 the function raises, on its own wait. */
export function decoratedRetryAfterFindings(ctx: DiagContext): Finding[] {
  const rule = 'retry-ignores-retry-after';
  const findings: Finding[] = [];
  for (const d of decoratedRetries(ctx)) {
    // A wait of the project's own may read the header; a rate-limit condition is reported by decoratorPolicies.
    if (d.policy.delay === 'custom' || d.policy.rateLimited || d.fn.readsRetryAfter || !inScope(ctx, d.policy.decorator.startIndex)) continue;
    const codes = ['429', '503'].filter((c) => d.retried.has(c));
    if (codes.length === 0) continue;
    findings.push({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, { codes }),
      range: ctx.headRange(d.policy.decorator),
      data: { ...ctx.base(d.policy.decorator), codes, declarative: d.policy.library },
    });
  }
  return findings;
}

/** non-retryable-retried: a decorator retrying the 4xx the function raises (every exception is retried). */
export function decoratedNonRetryableFindings(ctx: DiagContext): Finding[] {
  const rule = 'non-retryable-retried';
  const findings: Finding[] = [];
  for (const d of decoratedRetries(ctx)) {
    if (!inScope(ctx, d.policy.decorator.startIndex)) continue;
    const codes = repeatingCodes(d.retried, !ctx.isNonRetryable('403', d.fn.node));
    if (codes.length === 0) continue;
    const range = ctx.headRange(d.policy.decorator);
    findings.push({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, { codes }),
      range,
      data: { ...ctx.base(d.policy.decorator), codes, codeRanges: [], declarative: d.policy.library },
    });
  }
  return findings;
}
