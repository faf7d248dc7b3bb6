import type { Finding } from '../types';
import { retriedAt, retriedByCallers } from '../diagnostics/callerRetries';
import type { DiagContext } from '../diagnostics/context';
import { enclosingLoops } from '../diagnostics/flow/flowModel';
import { ruleInfo } from '../diagnostics/rules';
import { reconciledByFramework } from '../diagnostics/reconcilerContext';
import { exchangesCredentials, namedForWriting, readMethod, writesByMethodOrName } from '../diagnostics/requestPurpose';
import { answersUser } from '../diagnostics/userCommands';

const RULE = 'no-retry-on-request';

/**
 * A call to a function of another file that sends a request and turns a failure status into an error,
 * with no retry in its file (a client's `Post`, an SDK helper handing a typed error up), made here with
 * no retry either: the failure is given up at this call, which is where a retry goes. Related
 * information points at the helper. Only with a workspace index (ctx.workspace).
 */
export function crossFileGiveUps(ctx: DiagContext, already: readonly Finding[] = []): Finding[] {
  const view = ctx.workspace;
  // (An error handed back to a reconciling framework is retried by it: reconcilerContext.ts.)
  if (!view || reconciledByFramework(ctx.flow)) return [];
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const call of ctx.flow.calls) {
    if (!/^[A-Za-z_$][\w$]*$/.test(call.name)) continue;
    const helper = view.failingCallee(call.name, call.receiver, call.fn?.node.text ?? '');
    if (!helper) continue;
    const key = `${helper.uri}#${helper.name}|${call.fn?.start ?? -1}`;
    if (reported.has(key)) continue;
    // A read, as no-retry-on-request judges its own (reads only with reportReadsWithoutRetry).
    if (!ctx.settings.reportReadsWithoutRetry && helper.sends && readMethod(helper.sends.method) && !namedForWriting(helper.name) && !namedForWriting(call.fn?.name)) continue;
    if (!ctx.settings.reportReadsWithoutRetry && (exchangesCredentials(helper.name) || exchangesCredentials(call.fn?.name))) continue;
    if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection')) continue;
    // (A user's command, or a chat handler answering the person who asked: they see the failure and ask again.)
    if (answersUser(ctx, call.fn)) continue;
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
  // A request the file's own reading already reports is not reported twice.
  const requestStarts = new Set(already.map((f) => JSON.stringify((f.data as { requestRange?: unknown } | undefined)?.requestRange ?? null)));
  findings.push(...handedToCheckers(ctx, reported).filter((f) => !requestStarts.has(JSON.stringify((f.data as { requestRange?: unknown }).requestRange))));
  return findings;
}

/**
 * A request whose response is handed to a function of another file that raises (or returns an error) on
 * failure statuses (`check_response(resp)`, `ensureOk(res)`), with no retry around: reported at the hand-over.
 */
function handedToCheckers(ctx: DiagContext, reported: Set<string>): Finding[] {
  const view = ctx.workspace!;
  const findings: Finding[] = [];
  for (const request of ctx.requests) {
    const responseVar = request.responseVar;
    if (!responseVar) continue;
    const { call } = request;
    for (const later of ctx.flow.callsByFn.get(call.fn) ?? []) {
      if (later.start <= call.end) continue;
      const args = ctx.flow.adapter.callArguments(later.node).map((a) => a.text.trim());
      const at = args.indexOf(responseVar);
      if (at < 0) continue;
      const helper = view.responseChecker(later.name, later.receiver);
      if (!helper || helper.raisesOnParam !== at) continue;
      if (!ctx.settings.reportReadsWithoutRetry && (!writesByMethodOrName(request.method, call.fn?.name) || exchangesCredentials(call.fn?.name))) break;
      const key = `${helper.uri}#${helper.name}|${call.start}`;
      if (reported.has(key)) break;
      if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection') || answersUser(ctx, call.fn)) break;
      if (ctx.mechanisms.covering(call.node, call.receiver) || ctx.mechanisms.isRetryingCall(call) || retriedByCallers(ctx, call.fn)) break;
      reported.add(key);
      const where = `${helper.uri.split('/').slice(-2).join('/')}:${helper.line + 1}`;
      findings.push({
        rule: RULE,
        severity: ruleInfo(RULE)!.defaultSeverity,
        message: `This ${request.method === 'UNKNOWN' ? '' : request.method + ' '}request's response is handed to ${helper.name} (${where}), which fails on error statuses, and nothing retries it: a 429 or 503 fails permanently.`,
        range: ctx.range(later.node),
        related: [
          ...(ctx.related(request) ?? []),
          { uri: helper.uri, range: { start: { line: helper.line, character: 0 }, end: { line: helper.line, character: 0 } }, message: `${helper.name} fails on error statuses of the response it is handed` },
        ],
        data: { ...ctx.base(later.node), ...ctx.requestData(request), checkKind: 'helper-in-another-file', checkRange: ctx.range(later.node), checkText: later.node.text.split('\n')[0], helperUri: helper.uri, helperName: helper.name },
      });
      break;
    }
  }
  return findings;
}
