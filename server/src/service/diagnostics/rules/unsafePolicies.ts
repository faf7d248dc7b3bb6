import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { UnsafeRetryData } from '../findingData';
import type { RequestInfo } from '../requests';
import { fillMessage, ruleInfo } from '../rules';
import { methodBlindPolicies } from '../methodBlindPolicies';
import { cachedRegExp } from '../../regexCache';

const RULE = 'unsafe-retry';

/** A request the file sends that writes: POST/PATCH, or whatever method its caller hands it (`generic`). */
export interface WriteThrough {
  request: RequestInfo;
  generic: boolean;
}

/**
 * `unsafe-retry` where a method-blind retry policy is configured (methodBlindPolicies.ts) — the place a reader of
 * the client fixes it — when the file sends writes through the client it is installed on: a POST or PATCH, or a
 * sender or request builder whose callers choose the method (an SDK core: `NewRequest(ctx, method, url, body)`).
 * `isWrite` is the rule's own test of a request (no idempotency key, not a query or a token request…).
 * Returns the findings and the requests they speak for, which the rule then does not report again one by one.
 */
export function policySiteFindings(ctx: DiagContext, isWrite: (r: RequestInfo) => WriteThrough | undefined): { findings: Finding[]; reported: Set<number> } {
  const reported = new Set<number>();
  const findings: Finding[] = [];
  const policies = methodBlindPolicies(ctx);
  if (policies.length === 0 || ctx.flow.fileIdempotencyKey) return { findings, reported };
  const writes: WriteThrough[] = [];
  for (const request of ctx.requests) {
    // (Go's package-level `http.Get`/`http.DefaultClient` go round any client the file builds.)
    if (request.inferred === 'callback' || /^http(\.DefaultClient)?$/.test(request.call.receiver ?? '')) continue;
    if (!ctx.mechanisms.covering(request.call.node, request.call.receiver, request.library)) continue;
    const write = isWrite(request);
    if (write) writes.push(write);
  }
  const generic = writes.some((w) => w.generic) || goBuildsCallersMethod(ctx);
  if (writes.length === 0 && !generic) return { findings, reported };
  for (const w of writes) reported.add(w.request.call.node.id);
  const method = generic ? 'Every method it is given, POST included,' : writes[0].request.method;
  for (const policy of policies) {
    const data: UnsafeRetryData = {
      ...ctx.base(policy.anchor), loopRange: ctx.range(policy.anchor), loopHeaderRange: ctx.headRange(policy.anchor),
      structure: 'mechanism', method: generic ? 'UNKNOWN' : writes[0].request.method, via: 'mechanism',
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { method }),
      range: ctx.headRange(policy.anchor),
      related: ctx.related(writes[0]?.request),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return { findings, reported };
}

/**
 * Go: the file builds its requests with the method its caller hands it (`http.NewRequestWithContext(ctx, method, …)`
 * in `func (c *Client) NewRequest(ctx context.Context, method, urlStr string, …)`): an SDK's core, whose services send
 * creates and updates through the same client.
 */
function goBuildsCallersMethod(ctx: DiagContext): boolean {
  const { flow } = ctx;
  if (flow.grammarName !== 'go') return false;
  return flow.calls.some((call) => {
    if (!/^NewRequest(WithContext)?$/.test(call.name) || !/^(http|retryablehttp)$/.test(call.receiver ?? '')) return false;
    const args = flow.adapter.callArguments(call.node);
    const method = args[call.name === 'NewRequest' ? 0 : 1]?.text ?? '';
    if (!/^(method|verb|httpMethod)$/i.test(method) || !call.fn) return false;
    const params = call.fn.node.childForFieldName('parameters')?.text ?? '';
    return cachedRegExp(`\\b${method}\\b`).test(params);
  });
}
