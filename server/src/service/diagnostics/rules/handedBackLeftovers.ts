import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { retriedAt, retriedByCallers, callSites } from '../callerRetries';
import type { DiagContext } from '../context';
import { failureSet } from '../failureSets';
import type { CallInfo, FnInfo } from '../flow/flowModel';
import { responseVarOf } from '../requestStatements';
import { fillMessage, ruleInfo } from '../rules';
import { giveUpData } from './giveUpData';
import { statusRoot, walkAttempt } from './loopLeftovers';
import { loopCondition } from '../retriedSets';
import { nextStatement } from '../chainSyntax';

const RULE = 'retryable-treated-as-final';
/** The statuses whose leaving a retry untried is worth a finding: a rate limit and an outage. */
const MUST_RETRY = ['429', '503'];

/** What a helper that retries in a loop hands back untried, and what it retries. */
export interface HandingBack {
  untried: string[];
  retried: string[];
}

/**
 * Functions of the file that retry some statuses in a loop and hand the response back for the rest
 * (`while (…) { r = send(); if (r.status != 429) return r; wait }`), with the transient statuses they hand back
 * untried. The workspace summary carries the same facts to the callers in other files.
 */
export function handingBackHelpers(ctx: DiagContext): Map<FnInfo, HandingBack> {
  let found = cache.get(ctx);
  if (found) return found;
  found = new Map();
  cache.set(ctx, found);
  for (const retry of ctx.retryLoops()) {
    const helper = retry.loop.fn;
    const responseVar = retry.request.responseVar;
    if (!helper?.name || !responseVar || retry.loop.kind === 'collection' || !retry.loop.body || retry.request.inferred === 'callback' || retry.request.inferred === 'sdk') continue;
    if (found.has(helper) || ctx.mechanisms.covering(retry.loop.node, retry.request.call.receiver, retry.request.library, true)) continue;
    const root = statusRoot(ctx, retry);
    const walk = root ? walkAttempt(ctx, retry, root) : undefined;
    if (!walk || walk.retried.size === 0) continue;
    // The statuses handed back as the helper's result without another attempt.
    const handedBack = new Set<string>();
    // (Statuses the loop's own condition lets out, `while r.status_code == 429: …`, go on to the statement after it.)
    const after = nextStatement(retry.loop.node);
    for (const exit of walk.exits) {
      const final = exit.final.node.id === loopCondition(retry.loop)?.id ? after : exit.final.kind === 'return' ? exit.final.node : undefined;
      if (final && returnsResponse(final, responseVar)) exit.codes.forEach((c) => handedBack.add(c));
    }
    const untried = MUST_RETRY.filter((c) => handedBack.has(c) && !walk.retried.has(c));
    if (untried.length > 0) found.set(helper, { untried, retried: [...walk.retried].sort() });
  }
  return found;
}

const cache = new WeakMap<DiagContext, Map<FnInfo, HandingBack>>();

/**
 * A call to such a helper — of this file, or of another one through the workspace index — made by a function that
 * gives up on a failed response (`if (!r.IsSuccessStatusCode) throw …`): the statuses the helper does not retry reach
 * that give-up untried. Reported at the call, once per call; a helper nobody calls is a layer whose callers live
 * elsewhere, and is left alone.
 */
export function handedBackLeftovers(ctx: DiagContext, already: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  const report = (call: CallInfo, name: string, handing: HandingBack, related: Finding['related']): void => {
    const caller = call.fn;
    if (!caller || seen.has(call.node.id) || retriedAt(ctx, call) || retriedByCallers(ctx, caller)) return;
    const result = responseVarOf(call.node);
    if (!result) return;
    const failing = failureSet(ctx, caller.node, result, 0, true);
    const codes = handing.untried.filter((c) => failing.has(c));
    if (codes.length === 0) return;
    const anchor = call.node;
    if (already.some((f) => f.rule === RULE && f.range.start.line === ctx.range(anchor).start.line)) return;
    seen.add(call.node.id);
    const data = giveUpData(ctx, { anchor, check: anchor, branch: caller.node, final: anchor, finalKind: 'raise', codes });
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail: `${name} retries only ${handing.retried.join('/')} and hands it back; this caller raises on it` }),
      range: ctx.headRange(anchor),
      related,
      data: data as unknown as Record<string, unknown>,
    });
  };
  for (const [helper, handing] of handingBackHelpers(ctx)) {
    const retry = ctx.retryLoops().find((r) => r.loop.fn === helper);
    const related = retry ? [{ range: ctx.headRange(retry.loop.node, retry.loop.body), message: `the retry loop in ${helper.name}, which retries ${handing.retried.join('/')} only` }] : undefined;
    for (const call of callSites(ctx, helper)) if (call.fn !== helper) report(call, helper.name!, handing, related);
  }
  // Helpers of other files (workspace index): `client = ApiClient(); r = client.send_waiting(url)`.
  const view = ctx.workspace;
  if (view) {
    const own = new Set(ctx.flow.fns.map((f) => f.name).filter((n): n is string => !!n));
    for (const call of ctx.flow.calls) {
      if (own.has(call.name) || !/^[A-Za-z_$][\w$]*$/.test(call.name)) continue;
      const helper = view.handingBackCallee(call.name, call.receiver, call.fn?.node.text ?? '');
      if (!helper?.handsBack) continue;
      const where = `${helper.uri.split('/').slice(-2).join('/')}:${helper.line + 1}`;
      const related = [{ uri: helper.uri, range: { start: { line: helper.line, character: 0 }, end: { line: helper.line, character: 0 } }, message: `${helper.name} (${where}) retries ${helper.handsBack.retried.join('/')} only and hands the rest back` }];
      report(call, helper.name, helper.handsBack, related);
    }
  }
  return findings;
}

/** `return response` (or `return response, nil`): the response itself is the result. */
function returnsResponse(node: Node, responseVar: string): boolean {
  const value = node.text.replace(/^return\s*/, '').replace(/;$/, '').trim();
  return value === responseVar || value.split(/\s*,\s*/)[0] === responseVar;
}
