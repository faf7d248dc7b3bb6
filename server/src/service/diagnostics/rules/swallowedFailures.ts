import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { CATCH_CLAUSE } from '../chainSyntax';
import type { DiagContext } from '../context';
import type { Swallow } from '../failureBodies';
import type { NoRetryOnRequestData, RetryableTreatedAsFinalData } from '../findingData';
import { unseenMethodPurpose } from '../unseenMethods';
import { judgedAsRead, writesByMethodOrName } from '../requestPurpose';
import type { RequestInfo } from '../requests';
import { fillMessage, ruleInfo } from '../rules';
import { type Handler, handlerBody, swallowed } from '../swallowingHandlers';

const RULE = 'retryable-treated-as-final';

/**
 * A read whose every failure — a 429, a 503, a reset connection — is caught and let go: logged, answered with nothing
 * (`return []`, `None`, `nil, nil`), outside front-end code and scripts, with nothing retrying it. The
 * caller goes on as if the data were not there: a sync deletes what it did not fetch. A read's `false` is a probe's
 * answer and left alone; heartbeats, telemetry, HEAD and OPTIONS probes are not data. Reported only with the
 * `reportReadsWithoutRetry` setting.
 */
export function swallowedReads(ctx: DiagContext, earlier: readonly Finding[]): Finding[] {
  // Off by default, with the other reads nothing retries: on the held-back split (207 repositories no one here had read)
  // one such finding in twenty was a problem a reviewer marked (RESULTS.md, fifteenth round).
  if (!ctx.settings.reportReadsWithoutRetry) return [];
  return swallowed(ctx)
    .filter(({ request, handler }) => !writes(ctx, request) && !earlier.some((f) => overlaps(ctx, f, handler.whole, request)))
    .map(({ request, handler }) => lostRead(ctx, request, handler));
}

/** The same for a write (a POST, or a function named for sending): the operation is lost — no-retry-on-request's case. */
export function swallowedWrites(ctx: DiagContext, earlier: readonly Finding[]): Finding[] {
  return swallowed(ctx)
    .filter(({ request, handler }) => writes(ctx, request) && !earlier.some((f) => overlaps(ctx, f, handler.whole, request)))
    .map(({ request, handler }) => lostWrite(ctx, request, handler));
}

/**
 * A write that loses something when it fails, as no-retry-on-request judges one: a write method or a function named
 * for sending, and not what it counts as a read (a POST that only asks, a login or token exchange: whoever needs it
 * asks again). A request whose method is not known is a read here.
 */
function writes(ctx: DiagContext, request: RequestInfo): boolean {
  const fn = request.call.fn;
  // (A request whose method is not written where it is sent writes only when the file shows it does: unseenMethods.ts.)
  if (request.method === 'UNKNOWN' && unseenMethodPurpose(ctx, request) !== 'write') return false;
  return writesByMethodOrName(request.method, fn?.name) && !judgedAsRead(request.method, fn?.name, fn?.node.text, () => request.statement.text);
}

/** The rule has spoken already about this handler, the request itself, or this request in its function (an `if !ok` inside the try). */
function overlaps(ctx: DiagContext, f: Finding, node: Node, request: RequestInfo): boolean {
  const r = ctx.range(node);
  if (f.range.start.line <= r.end.line && f.range.end.line >= r.start.line) return true;
  // (A finding on the request itself: where this one would stand.)
  if (f.range.start.line === ctx.range(request.call.node).start.line) return true;
  const fn = request.call.fn;
  if (!fn) return false;
  const at = ctx.range(fn.node);
  return f.range.start.line >= at.start.line && f.range.end.line <= at.end.line && f.related?.some((x) => x.range.start.line === ctx.range(request.call.node).start.line) === true;
}

const HOW: Record<Swallow, string> = {
  logged: 'is logged and dropped',
  empty: 'becomes an empty answer',
  ignored: 'is ignored',
};

function lostRead(ctx: DiagContext, request: RequestInfo, handler: Handler): Finding {
  const codes = ['429', '503', 'ECONNRESET'];
  const data: RetryableTreatedAsFinalData = {
    ...ctx.base(handler.at),
    ...ctx.requestData(request),
    codes,
    checkRange: ctx.range(handler.at),
    checkText: handler.at.text.split('\n')[0],
    branchRange: ctx.range(handler.whole),
    finalRange: ctx.range(handler.final ?? handler.whole),
    finalKind: 'return',
  };
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes, detail: `every failure of this ${request.method} request ${HOW[handler.how]} at line ${ctx.range(handler.at).start.line + 1} with no retry, so the caller cannot tell a passing outage from "nothing there"` }),
    range: ctx.headRange(request.call.node),
    related: [{ range: reportedRange(ctx, handler), message: 'where the failure is let go' }],
    data: data as unknown as Record<string, unknown>,
  };
}

function lostWrite(ctx: DiagContext, request: RequestInfo, handler: Handler): Finding {
  const data: NoRetryOnRequestData = {
    ...ctx.base(handler.at),
    ...ctx.requestData(request),
    checkKind: 'caught',
    checkRange: ctx.range(handler.at),
    checkText: handler.at.text.split('\n')[0],
    branchRange: ctx.range(handler.whole),
  };
  return {
    rule: 'no-retry-on-request',
    severity: ruleInfo('no-retry-on-request')!.defaultSeverity,
    message: `Every failure of this ${request.method} request — a 429, a 503, a reset connection — ${HOW[handler.how]} at line ${ctx.range(handler.at).start.line + 1} and nothing sends it again: the write is lost.`,
    range: ctx.headRange(request.call.node),
    related: [{ range: reportedRange(ctx, handler), message: 'where the failure is let go' }],
    data: data as unknown as Record<string, unknown>,
  };
}

function reportedRange(ctx: DiagContext, handler: Handler) {
  if (CATCH_CLAUSE.test(handler.at.type)) return ctx.headRange(handler.at, handlerBody(ctx, handler.at) ?? null);
  return handler.at.type === 'rescue' ? ctx.range(handler.at.child(0) ?? handler.at) : ctx.range(handler.at);
}
