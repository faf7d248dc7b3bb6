/**
 * Loops that ask again because the answer is not ready yet, not because the request failed: a job's state polled
 * until it is done (every failure of the request leaves the loop, so only a success goes round), and the token
 * endpoint of an OAuth device authorization polled until the user approves (RFC 8628: its "not yet" answers are
 * error statuses, and the pace is the `interval` the server gave). Their fixed pause is a polling interval, not a
 * retry's backoff.
 */
import type { Node } from 'web-tree-sitter';
import { branchOutcome } from './branches';
import { alwaysLeaves, blockStatements, CATCH_CLAUSE, catchBody, ifClauses, LEAVES } from './chainSyntax';
import type { DiagContext } from './context';
import { PROBED_STATUSES } from './failureSets';
import { isContinue } from './flow/flowGrammar';
import { within } from './flow/flowModel';
import { throwsOnStatus } from './requests';
import type { RetryLoop } from './retryLoops';
import { conditionSetOver, testsWithin } from './statusSets';
import { isDelayCall } from './waitCalls';
import { statementsAfter, successCheckOn, tryAround, wholesaleRetried } from './wholesaleRetries';
import { loopCondition, retriedSet } from './retriedSets';
import { escapeRegExp } from './regexText';

/**
 * Every failure of the loop's request leaves the loop before anything can send it round again: no catch around it
 * stays in the loop, a transport error is given up where it comes back (Go `if err != nil { return … }`), and the
 * first word on the status leaves for every failure status (`raise_for_status()`, `if (!res.ok) throw …`, `if
 * resp.StatusCode != 200 { return … }`, a client that throws on them). What goes round is a success: a poll.
 */
export function goesRoundOnlyOnSuccess(ctx: DiagContext, retry: RetryLoop): boolean {
  const { request, loop } = retry;
  const root = request.responseVar;
  const sender = (request as { sender?: unknown }).sender;
  if (!loop.body || sender || request.inferred === 'callback') return false;
  const tryNode = tryAround(ctx, request.call.node, loop.node);
  if (tryNode && !catchesAllLeave(tryNode)) return false;
  // A client that throws on every failure status, or an SDK call, outside any catch that stays: nothing fails in the
  // loop — unless the loop still tests a status after it (then the tests, read below, say what goes round).
  const testsAfter = ctx.clientTests().some((t) => within(t.test, loop.node) && t.test.startIndex > request.call.end);
  if ((throwsOnStatus(request) || request.inferred === 'sdk') && !testsAfter) return ctx.flow.grammarName !== 'go';
  if (!root) return false;
  const following = statementsAfter(request.statement, loop.body);
  if (!following) return false;
  const { grammar } = ctx.flow;
  const fnName = loop.fn?.name;
  const go = ctx.flow.grammarName === 'go';
  let transportLeft = !go;
  for (const statement of following) {
    if (grammar.comments.has(statement.type)) continue;
    if (isContinue(grammar, statement) || containsWait(ctx, statement)) return false;
    if (successCheckOn(ctx, statement, root)) return transportLeft;
    if (!grammar.ifs.has(statement.type)) continue;
    const [first] = ifClauses(statement);
    if (!first?.condition) continue;
    const leaves = alwaysLeaves(first.body) && !branchOutcome(ctx, first.body, fnName, root).continues;
    // Go: `if err != nil { return nil, err }` gives up a request that got no answer.
    if (go && /^\(?\s*err\s*!=\s*nil\s*\)?$/.test(first.condition.text.trim())) {
      if (!leaves) return false;
      transportLeft = true;
      continue;
    }
    const holds = conditionSetOver(ctx, PROBED_STATUSES, first.condition, testsWithin(ctx, first.condition, root), root);
    if (!holds || holds.size === 0) continue;
    // The first test that takes failure statuses decides: all of them leave, or some may go round.
    return transportLeft && leaves && PROBED_STATUSES.every((c) => holds.has(c));
  }
  return false;
}

/** Every catch clause of the try leaves the loop (raise, return, break): no failure it takes goes round. */
function catchesAllLeave(tryNode: Node): boolean {
  for (const clause of tryNode.namedChildren) {
    if (!clause || !CATCH_CLAUSE.test(clause.type)) continue;
    const body = catchBody(clause);
    if (!body || !alwaysLeaves(body) || /\b(continue|retry)\b/.test(body.text)) return false;
  }
  return true;
}

function containsWait(ctx: DiagContext, statement: Node): boolean {
  return ctx.flow.calls.some((c) => c.start >= statement.startIndex && c.end <= statement.endIndex && isDelayCall(c, ctx.flow.grammarName));
}

/**
 * The device-authorization grant's token request (RFC 8628 §3.4–3.5): the client polls the token endpoint at the
 * `interval` the server gave until the user approves; `authorization_pending` and `slow_down` are the server's
 * "not yet" and "slower" (error statuses on the wire), and the device code's lifetime ends the loop.
 */
export function pollsDeviceAuthorization(retry: RetryLoop): boolean {
  const text = `${retry.loop.fn?.name ?? ''}\n${retry.loop.node.text}`;
  return DEVICE_GRANT.test(text);
}

const DEVICE_GRANT = /device[_-]?(code|auth|flow|grant)|authorization_pending|slow_down|grant-type:device_code/i;

/**
 * A loop that goes round only on refusals it answers by changing what it sends: a 409 or a 412 met by re-reading the
 * resource and writing again with its new version, a rejected document re-sent with the clashing parts taken out
 * (`payload = drop_conflicting_ids(payload)`). Each round sends a corrected request; it does not wait out a failure,
 * so the retry rules' delay and cap have nothing to say (the loop's own bound is its business).
 */
export function correctsRequestOnly(ctx: DiagContext, retry: RetryLoop): boolean {
  const { loop, request } = retry;
  if (!loop.body) return false;
  const set = retriedSet(ctx, retry);
  if (set.codes.size === 0 || Number.isFinite(set.from)) return false;
  const codes = [...set.codes];
  if (!codes.every((c) => /^4\d\d$/.test(c) && !TRANSIENT_CLIENT.has(c))) return false;
  if ([...wholesaleRetried(ctx, retry)].some((c) => !set.codes.has(c))) return false;
  const tryNode = tryAround(ctx, request.call.node, loop.node);
  if (tryNode && !catchesAllLeave(tryNode)) return false;
  // Nothing waits, and nothing else goes round: every `continue` answers one of those refusals, and what reaches the
  // end of the body leaves (or meets the loop's own test of them again).
  if (retry.delays.length > 0 || retry.delegatedWait) return false;
  const refusals = ctx.clientTests().filter((t) => t.positive && set.codes.has(t.occ.code) && within(t.test, loop.node));
  if (!loop.continues.every((jump) => refusals.some((t) => t.branch && within(jump, t.branch)))) return false;
  const condition = loopCondition(loop);
  const statements = blockStatements(loop.body);
  const last = statements[statements.length - 1];
  const leavesAtEnd = !!last && !isContinue(ctx.flow.grammar, last) && (LEAVES.test(last.type) || ctx.flow.grammar.returns.has(last.type) || ctx.flow.grammar.raises.has(last.type)) && !/^(continue|next|retry|redo)/.test(last.text);
  if (!(condition && refusals.some((t) => within(t.test, condition))) && !leavesAtEnd) return false;
  // It reads the resource again in the loop (another request, or a function of the file that sends one), or it sets a
  // name the request is built from anew from that name itself (`payload = drop_conflicting_ids(payload)`).
  const rereads = ctx.flow.calls.some((c) => c.node.id !== request.call.node.id && within(c.node, loop.body!) && (ctx.requests.some((r) => r.call.node.id === c.node.id) || ctx.flow.fns.some((f) => f.name === c.name && f !== loop.fn && ctx.requestsIn(f).length > 0)));
  if (rereads) return true;
  const names = new Set(ctx.flow.adapter.callArguments(request.call.node).flatMap((a) => a.text.match(/[A-Za-z_$][\w$]*/g) ?? []));
  for (const name of names) {
    if (/^(self|this)$/.test(name)) continue;
    // (A statement of its own: `json=payload` handed to the call is no assignment.)
    const m = new RegExp(`^[ \\t]*(?:(?:const|let|var|val)\\s+)?\\$?${escapeRegExp(name)}\\s*(?:,\\s*[\\w$]+\\s*)*(?::=|=(?![=>]))\\s*([^\\n;]+)`, 'm').exec(loop.body.text);
    if (m && new RegExp(`(?<![\\w$.])\\$?${escapeRegExp(name)}(?![\\w$])`).test(m[1])) return true;
  }
  return false;
}

/** Client errors that do pass with time: a request timeout, too early, a rate limit. */
const TRANSIENT_CLIENT = new Set(['408', '425', '429']);
