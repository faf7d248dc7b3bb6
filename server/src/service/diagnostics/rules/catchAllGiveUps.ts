import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { branchOutcome } from '../branches';
import { alwaysLeaves, CATCH_CLAUSE, catchBody, caughtClassNames } from '../chainSyntax';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';
import { tryAround } from '../wholesaleRetries';

const RULE = 'retryable-treated-as-final';

/** Clause types that catch everything a request can raise (network errors included). */
const CATCH_ALL = /^(Exception|BaseException|Throwable|Error|RequestException|RequestError|HTTPError|IOException|HttpRequestException|ClientError|StandardError)$/;

/** Narrower types that still take a reset or refused connection. */
const RESET_CATCHING = /^(ConnectionError|ConnectionResetError|ClientConnectionError|ClientOSError|ClientConnectorError|ServerDisconnectedError|ConnectError|NetworkError|TransportError|OSError|SocketException|ConnectException|RemoteProtocolError)$/;

/**
 * A retry loop whose try retries one narrow failure (`except httpx.TimeoutException: sleep`) and gives every
 * other failure up in a catch-all clause after it (`except Exception: return error`): a connection reset or
 * refused connection — as transient as the timeout — ends the operation at once.
 */
export function catchAllGiveUps(ctx: DiagContext, reported: Set<number>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  for (const retry of ctx.retryLoops()) {
    if (retry.request.inferred === 'callback') continue;
    const tryNode = tryAround(ctx, retry.request.call.node, retry.loop.node);
    if (!tryNode || seen.has(tryNode.id)) continue;
    seen.add(tryNode.id);
    const clauses = tryNode.namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
    if (clauses.length < 2) continue;
    const fnName = retry.loop.fn?.name;
    // Some earlier clause catches a narrow failure and stays in the loop.
    const stays = (clause: Node): boolean => {
      const body = catchBody(clause);
      if (!body) return true;
      const outcome = branchOutcome(ctx, body, fnName);
      return outcome.continues || outcome.retries || !outcome.final;
    };
    for (let i = 1; i < clauses.length; i++) {
      const clause = clauses[i];
      const types = caughtClassNames(ctx.flow.text, clause);
      if (types.length > 0 && !types.some((t) => CATCH_ALL.test(t))) continue;
      const retried = clauses.slice(0, i).filter((c) => stays(c) && caughtClassNames(ctx.flow.text, c).some((t) => !CATCH_ALL.test(t)));
      if (retried.length === 0) continue;
      // (An earlier clause that stays already takes a reset connection: `except aiohttp.ClientError: backoff; continue`.)
      if (clauses.slice(0, i).some((c) => stays(c) && caughtClassNames(ctx.flow.text, c).some((t) => CATCH_ALL.test(t) || RESET_CATCHING.test(t)))) continue;
      const body = catchBody(clause);
      if (!body || !alwaysLeaves(body) || reported.has(clause.id)) continue;
      const outcome = branchOutcome(ctx, body, fnName);
      if (!outcome.final || outcome.continues || outcome.retries) continue;
      // A re-raise of the caught error hands it to a caller that may retry it; returning or wrapping it ends it.
      if (outcome.final.kind === 'raise' && /^\s*(raise|throw)\s*;?\s*$/m.test(body.text.trim().split('\n').pop() ?? '')) continue;
      // Covered by a mechanism — not by its own name (`request_with_retry` is this very loop).
      const how = ctx.mechanisms.covering(clause, retry.request.call.receiver, retry.request.library);
      if (how && how !== `retried function ${fnName}`) continue;
      reported.add(clause.id);
      const codes = ['ECONNRESET'];
      const head = ctx.flow.text.slice(clause.startIndex, body.startIndex).trim().split('\n')[0];
      const data: RetryableTreatedAsFinalData = {
        ...ctx.base(clause),
        ...ctx.requestData(retry.request),
        codes,
        checkRange: ctx.headRange(clause, body),
        checkText: head,
        branchRange: ctx.range(clause),
        finalRange: ctx.range(outcome.final.node),
        finalKind: outcome.final.kind,
      };
      findings.push({
        rule: RULE,
        severity: ruleInfo(RULE)!.defaultSeverity,
        message: fillMessage(RULE, { codes, detail: `${outcome.final.kind === 'raise' ? (ctx.language === 'python' ? 'raises' : 'throws') : 'returns'} every failure the clauses above do not retry, a reset connection included` }),
        range: ctx.headRange(clause, body),
        related: [{ range: ctx.headRange(retried[0], catchBody(retried[0]) ?? null), message: 'the failure this loop does retry' }],
        data: data as unknown as Record<string, unknown>,
      });
    }
  }
  return findings;
}
