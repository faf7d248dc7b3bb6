import type { Node } from 'web-tree-sitter';
import type { Occurrence } from '../../types';
import { branchOutcome, isGenericError, subjectRoot } from '../branches';
import { tellsPerson } from '../personFacing';
import { retriedByCallers } from '../callerRetries';
import { caughtName, caughtTypeNodes, clauseBody, protectedSpan, sendsInTry } from '../caughtClauses';
import type { DiagContext } from '../context';
import type { FnInfo } from '../flow/flowModel';
import { isProbe } from '../probes';
import { answersUser } from '../userCommands';
import { escapeRegExp } from '../regexText';
import type { RequestInfo } from '../requests';
import { findCheck, handedCheck } from '../successOrFailChecks';

/*
 * A catch clause that ends a transient failure where nothing around it retries anything (exceptionGiveUps.ts reads
 * the clause; this says whether ending the failure there, alone, is a give-up worth reporting).
 */

/**
 * Connection-level failures: the request may never have reached the server, and a second try often works. (Not a
 * host that does not resolve or cannot be routed to — `UnknownHostException`, `NoRouteToHostException`: caught on
 * their own, they are a configuration the code chose to report, and a second try fails the same way.)
 */
const NETWORK = /^(RequestException|RequestError|IOException|ConnectionError|ConnectError|ConnectTimeout|ConnectTimeoutError|ReadTimeout|Timeout|TimeoutError|TimeoutException|ConnectException|SocketTimeoutException|SocketException|HttpRequestException|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ClientConnectorError|ServerDisconnectedError|RemoteProtocolError|ChunkedEncodingError|ProtocolError|NewConnectionError|MaxRetryError|ClientConnectionError|HttpTimeoutException|HttpRequestTimeoutException|HttpConnectTimeoutException|ResourceAccessException|WebClientRequestException|NoHttpResponseException|HttpHostConnectException|ConnectTimeoutException|TaskCanceledException|HttpIOException|FlurlHttpTimeoutException|ConnectionFailed|OpenTimeout|ReadTimeoutError|PoolTimeout|WriteTimeout|ReadError|ServerTimeoutError|ClientOSError|ConnectionResetError|ConnectionRefusedError|ConnectionException|TransportException|TransportExceptionInterface|NetworkExceptionInterface|TimeoutExceptionInterface)$/;

export function networkFailure(code: string): boolean {
  return NETWORK.test(code);
}


/**
 * Nothing nearby retries, and the clause still ends a transient failure of a request its try sends — unless the
 * function's callers in the file retry it, it is a probe (`GetAvailabilityAsync`, `healthCheck`: it answers with the
 * failure, as asked), or a person sees the failure (a user's command, a message shown). It returns or drops a network
 * failure (a reset, a refused connection, a timeout) or a status's class (`rescue Faraday::TooManyRequestsError` then
 * `nil`, `catch (HttpServerErrorException.ServiceUnavailable e) { return Optional.empty(); }`) — or raises it as a
 * generic error that keeps nothing of it (`throw new IllegalStateException("limits unavailable")`), which the caller
 * cannot tell from a bug. A raise that hands the failure up typed, or keeps it as the cause, is left to the caller.
 */
export function givenUpAlone(ctx: DiagContext, occ: Occurrence, clause: Node, final: { node: Node; kind: 'raise' | 'return' | 'exit' }, fn: FnInfo | undefined): boolean {
  const statusClass = !networkFailure(occ.code) && ctx.isRetryable(occ);
  if (!networkFailure(occ.code) && !statusClass) return false;
  // (A status class caught together with a whole family — `rescue Octokit::ClientError, Octokit::InternalServerError`
  // — is a fallback for any failure, not a transient one picked out.)
  if (statusClass && !picksOutTransient(ctx, clause)) return false;
  if (!sendsInTry(ctx, clause) || retriedByCallers(ctx, fn) || isProbe(fn)) return false;
  // (Dropped like every failure status of the same request: a request with no retry, no-retry-on-request's.)
  if (!statusClass && settledAsSuccessOrFail(ctx, clause)) return false;
  const body = clauseBody(clause);
  if (answersUser(ctx, fn) || (body && tellsPerson(ctx, body))) return false;
  return final.kind !== 'raise' || raisesBlindly(ctx, final.node, clause);
}

/**
 * The raise builds a generic error (`RuntimeError(…)`, `new IllegalStateException("…")`, Ruby's `raise "…"`) and hands
 * nothing of the caught failure to it: not the caught error (as an argument, a cause, Python's `from e`).
 */
export function raisesBlindly(ctx: DiagContext, raise: Node, clause: Node): boolean {
  const caught = caughtName(ctx, clause, clauseBody(clause));
  if (caught && new RegExp(`(^|[^\\w$.])${caught.replace(/[$]/g, '\\$')}\\b`).test(raise.text)) return false;
  const value = raise.text.trim().replace(/^(raise|throw|fail)\b\s*/, '').trim();
  if (/^["']/.test(value)) return true;
  return isGenericError(value.replace(/^([A-Z]\w*)\s*,/, '$1('));
}


/**
 * The function settles its request's failure statuses as success-or-fail — a status or ok-flag test that gives up, the
 * response handed to a check that gates a give-up (`return nil if handle_error(response)`), or the success test answered
 * as the function's result (`return result.status_code == 200`) — and the clause ends the same request's network
 * failure beside them: every failure of the request meets one fate and nothing retries any of it. That is a request
 * with no retry, which no-retry-on-request speaks for; no transient failure is picked out here.
 */
export function settledAsSuccessOrFail(ctx: DiagContext, clause: Node): boolean {
  const span = protectedSpan(clause);
  if (!span) return false;
  const sent = ctx.requests.filter((r) => !r.inferred && r.call.start >= span.start && r.call.end <= span.end);
  return sent.some((r) => !!findCheck(ctx, r) || !!handedCheck(ctx, r) || answersSuccess(ctx, r) || gatedByCheck(ctx, r));
}

/** A return whose value is a success test of the response (`return r.status_code == 200`, `return res.ok`). */
function answersSuccess(ctx: DiagContext, request: RequestInfo): boolean {
  const { responseVar } = request;
  if (!responseVar) return false;
  const okFlag = new RegExp(`^return\\s+\\(?\\s*${escapeRegExp(responseVar)}(\\.|->)(ok|is_success|IsSuccessStatusCode|success\\?|successful\\(\\)|isSuccessful)\\s*\\)?;?$`);
  if ((ctx.flow.text.slice(request.call.end, request.call.fn?.end ?? ctx.flow.text.length).match(/^\s*return\b[^\n]*/gm) ?? []).some((line) => okFlag.test(line.trim()))) return true;
  return ctx.clientChecksIn(request.call.fn).some((occ) => {
    const test = ctx.testOf(occ);
    const code = Number(occ.code);
    if (!test || code < 200 || code >= 300 || !/^(==|===|is)$/.test(test.op) || subjectRoot(test.subject) !== responseVar) return false;
    let up = test.test.parent;
    while (up && /^parenthesized/.test(up.type)) up = up.parent;
    return !!up && ctx.flow.grammar.returns.has(up.type);
  });
}

/** An if after the request whose condition hands the response to a check (`if not is_ok(resp)`, `return nil if failed?(res)`) and whose branch gives up. */
function gatedByCheck(ctx: DiagContext, request: RequestInfo): boolean {
  const { responseVar, call } = request;
  const fn = call.fn;
  if (!responseVar || !fn) return false;
  const { grammar, adapter } = ctx.flow;
  let found = false;
  const visit = (n: Node): void => {
    if (found || n.endIndex < call.end) return;
    if ((grammar.ifs.has(n.type) || grammar.negatedIfs?.has(n.type)) && n.startIndex > call.end) {
      const condition = grammar.ifCondition(n);
      const branch = grammar.ifConsequence(n);
      const checks = !!condition && ctx.flow.calls.some((c) => c.start >= condition.startIndex && c.end <= condition.endIndex && adapter.callArguments(c.node).some((a) => a.text === responseVar));
      if (checks && branch && branchOutcome(ctx, branch, fn.name, responseVar).final) found = true;
    }
    for (const c of n.namedChildren) if (c && !grammar.functions.has(c.type)) visit(c);
  };
  for (const c of fn.node.namedChildren) if (c) visit(c);
  return found;
}

/** Every type the clause catches stands for a transient failure (a status class, a network failure, a throttling error). */
function picksOutTransient(ctx: DiagContext, clause: Node): boolean {
  const names = caughtTypeNodes(clause);
  return names.length > 0 && names.every((n) => ctx.occurrences.some((o) => {
    if (o.role !== 'client-check') return false;
    const at = ctx.nodeOf(o);
    return !!at && at.startIndex >= n.startIndex && at.endIndex <= n.endIndex && (ctx.isRetryable(o) || networkFailure(o.code));
  }));
}
