import type { Finding } from '../types';
import { retriedAt, retriedByCallers } from '../diagnostics/callerRetries';
import type { DiagContext } from '../diagnostics/context';
import { enclosingLoops } from '../diagnostics/flow/flowModel';
import { ruleInfo } from '../diagnostics/rules';

const RULE = 'no-retry-on-request';

/**
 * A call to a function of another file that sends a request and turns a failure status into an error,
 * with no retry in its file (a client's `Post`, an SDK helper handing a typed error up), made here with
 * no retry either: the failure is given up at this call, which is where a retry goes. Related
 * information points at the helper. Only with a workspace index (ctx.workspace).
 */
export function crossFileGiveUps(ctx: DiagContext): Finding[] {
  const view = ctx.workspace;
  if (!view) return [];
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const call of ctx.flow.calls) {
    if (!/^[A-Za-z_$][\w$]*$/.test(call.name)) continue;
    const helper = view.failingCallee(call.name, call.receiver, call.fn?.node.text ?? '');
    if (!helper) continue;
    const key = `${helper.uri}#${helper.name}|${call.fn?.start ?? -1}`;
    if (reported.has(key)) continue;
    if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection')) continue;
    if (ctx.mechanisms.covering(call.node, call.receiver) || ctx.mechanisms.isRetryingCall(call)) continue;
    if (retriedAt(ctx, call) || retriedByCallers(ctx, call.fn)) continue;
    reported.add(key);
    const where = `${helper.uri.split('/').slice(-2).join('/')}:${helper.line + 1}`;
    const range = ctx.range(call.node);
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: `This call to ${helper.name} (${where}) sends a request that fails on any error status, and nothing retries it, here or there: a 429 or 503 fails permanently.`,
      range,
      related: [{ uri: helper.uri, range: { start: { line: helper.line, character: 0 }, end: { line: helper.line, character: 0 } }, message: `${helper.name} sends the request and fails on error statuses, with no retry` }],
      data: { ...ctx.base(call.node), checkKind: 'helper-in-another-file', checkRange: range, checkText: call.node.text.split('\n')[0], helperUri: helper.uri, helperName: helper.name },
    });
  }
  return findings;
}
