import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { retriedAt, retriedByCallers, callSites } from '../callerRetries';
import type { DiagContext } from '../context';
import { failureSet } from '../failureSets';
import { responseVarOf } from '../requests';
import { fillMessage, ruleInfo } from '../rules';
import { giveUpData } from './giveUpData';
import { statusRoot, walkAttempt } from './loopLeftovers';

const RULE = 'retryable-treated-as-final';
/** The statuses whose leaving a retry untried is worth a finding: a rate limit and an outage. */
const MUST_RETRY = ['429', '503'];

/**
 * A function of the file that retries some statuses in a loop and hands the response back for the rest
 * (`while (…) { r = send(); if (r.status != 429) return r; wait }`), called in the file by a function that
 * gives up on a failed response (`if (!r.IsSuccessStatusCode) throw …`): the statuses the helper does not retry
 * reach that give-up untried. Reported at the call, once per caller; a helper nobody in the file calls is a layer
 * whose callers live elsewhere, and is left alone.
 */
export function handedBackLeftovers(ctx: DiagContext, already: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const retry of ctx.retryLoops()) {
    const helper = retry.loop.fn;
    const responseVar = retry.request.responseVar;
    if (!helper?.name || !responseVar || retry.loop.kind === 'collection' || !retry.loop.body || retry.request.inferred === 'callback' || retry.request.inferred === 'sdk') continue;
    if (ctx.mechanisms.covering(retry.loop.node, retry.request.call.receiver, retry.request.library)) continue;
    const root = statusRoot(ctx, retry);
    if (!root) continue;
    const walk = walkAttempt(ctx, retry, root);
    if (!walk || walk.retried.size === 0) continue;
    // The statuses handed back as the helper's result without another attempt.
    const handedBack = new Set<string>();
    for (const exit of walk.exits) if (exit.final.kind === 'return' && returnsResponse(exit.final.node, responseVar)) exit.codes.forEach((c) => handedBack.add(c));
    const untried = MUST_RETRY.filter((c) => handedBack.has(c) && !walk.retried.has(c));
    if (untried.length === 0) continue;
    for (const call of callSites(ctx, helper)) {
      const caller = call.fn;
      if (!caller || caller === helper || seen.has(call.node.id) || retriedAt(ctx, call) || retriedByCallers(ctx, caller)) continue;
      const result = responseVarOf(call.node);
      if (!result) continue;
      const failing = failureSet(ctx, caller.node, result, 0, true);
      const codes = untried.filter((c) => failing.has(c));
      if (codes.length === 0) continue;
      const anchor = call.node;
      if (already.some((f) => f.rule === RULE && f.range.start.line === ctx.range(anchor).start.line)) continue;
      seen.add(call.node.id);
      const retried = [...walk.retried].sort();
      const data = giveUpData(ctx, { anchor, check: anchor, branch: caller.node, final: anchor, finalKind: 'raise', codes });
      findings.push({
        rule: RULE,
        severity: ruleInfo(RULE)!.defaultSeverity,
        message: fillMessage(RULE, { codes, detail: `${helper.name} retries only ${retried.join('/')} and hands it back; this caller raises on it` }),
        range: ctx.headRange(anchor),
        related: [{ range: ctx.headRange(retry.loop.node, retry.loop.body), message: `the retry loop in ${helper.name}, which retries ${retried.join('/')} only` }],
        data: data as unknown as Record<string, unknown>,
      });
    }
  }
  return findings;
}

/** `return response` (or `return response, nil`): the response itself is the result. */
function returnsResponse(node: Node, responseVar: string): boolean {
  const value = node.text.replace(/^return\s*/, '').replace(/;$/, '').trim();
  return value === responseVar || value.split(/\s*,\s*/)[0] === responseVar;
}
