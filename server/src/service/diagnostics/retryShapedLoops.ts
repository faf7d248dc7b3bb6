import type { DiagContext } from './context';
import { type CallInfo, type LoopInfo, within } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { statementOf } from './requestStatements';
import { tryAround, sdkErrorsStay } from './wholesaleRetries';
import { ancestorWithin, tryBlock } from './chainSyntax';
import { goErrorPath } from './goErrorRetries';
import type { Node } from 'web-tree-sitter';

/*
 * A loop shaped like a retry — it counts attempts, tries one call, leaves on success and stays in the loop when the
 * call throws — re-sends that call, whatever client makes it: a generated API client (`webhookApi.sendWebhook(req)`),
 * a vendor SDK the project wraps, a service object. The call must look like a remote operation: made through a
 * receiver named for a client, an API or a service, and named for an operation (`send…`, `submit…`, `…Async`) — not a
 * map's `get`/`put` or a logger's call.
 */

/** The loop counts its attempts: `attempt < 3`, `retries--`, `tries += 1`. */
const ATTEMPT_COUNTER = /\b(attempts?|attemptCount|retr(y|ies)(Count|Left|Remaining)?|tries|numTries|tryCount|triesLeft|retryNumber)\b|\bmax_?\w*(retr|attempt|tries)\w*\b/i;
/** Receivers of remote operations: an API client, a service, a bot, a webhook, a stub. */
const REMOTE_RECEIVER = /(api|client|service|http|rest|webhook|gateway|sdk|stub|bot|telegram|slack|discord|github|proxy|remote|connector)$/i;
/** Operations named for sending something somewhere. */
const REMOTE_OPERATION = /^(send|post|fetch|request|call|invoke|execute|upload|download|publish|notify|deliver|submit|push|sync|get|put|patch|delete|create|update)/i;
/** Calls that are never the operation retried: logging, sleeping, counting, building values. */
const NOT_REMOTE = /^(log|debug|info|warn|warning|error|trace|print\w*|println|sleep|delay|wait|format|toString|append|add|put|get|set|emit|inc\w*|record\w*)$/;

/** The remote call each retry-shaped loop without a recognised request re-sends (`inferred: 'sdk'`). */
export function retryShapedCalls(ctx: DiagContext, known: ReadonlyMap<LoopInfo, RequestInfo>): RequestInfo[] {
  const out: RequestInfo[] = [];
  for (const loop of ctx.flow.loops) {
    if (ctx.flow.grammarName === 'ruby' && !known.has(loop)) {
      const yielded = rubyYieldRetry(loop);
      if (yielded) {
        out.push(yielded);
        continue;
      }
    }
    if (loop.kind === 'collection' || known.has(loop) || !loop.body || loop.exits.length === 0) continue;
    if (!ATTEMPT_COUNTER.test(attemptText(loop))) continue;
    const call = ctx.flow.grammarName === 'go' ? remoteCallStayingOnError(loop) : remoteCallInTry(ctx, loop);
    if (call) out.push({ call, library: 'unknown', method: 'UNKNOWN', statement: statementOf(call.node), inferred: 'sdk' });
  }
  return out;
}

/**
 * Where a loop keeps its attempt count: its condition, its counter, its increments, and the tests that leave it
 * (Go's `for { if count == maxRetry { break } … }`).
 */
function attemptText(loop: LoopInfo): string {
  const condition = loop.node.childForFieldName('condition')?.text ?? '';
  const exitTests = loop.exits.map((e) => ancestorWithin(e.parent, loop.node, /^if_statement$/)?.childForFieldName('condition')?.text).filter((t): t is string => !!t);
  return [condition, loop.counterVar ?? '', ...loop.increments.map((n) => n.text), ...exitTests].join(' ');
}

/** Go: the first remote-looking call directly in the loop whose error branch stays in the loop. */
function remoteCallStayingOnError(loop: LoopInfo): CallInfo | undefined {
  for (const call of loop.calls) {
    if (call.loops[0] !== loop || !looksRemote(call)) continue;
    const path = goErrorPath(call, loop);
    if (path) return path.stays ? call : undefined;
  }
  return undefined;
}

/** The first remote-looking call directly in the loop that sits in a try whose catch stays in the loop. */
function remoteCallInTry(ctx: DiagContext, loop: LoopInfo): CallInfo | undefined {
  for (const call of loop.calls) {
    if (call.loops[0] !== loop || !looksRemote(call)) continue;
    const tryNode = tryAround(ctx, call.node, loop.node);
    const block = tryBlock(tryNode);
    if (!tryNode || !block || !within(call.node, block)) continue;
    return sdkErrorsStay(ctx, tryNode) ? call : undefined;
  }
  return undefined;
}

function looksRemote(call: CallInfo): boolean {
  if (NOT_REMOTE.test(call.name) || !call.receiver) return false;
  const receiver = call.receiver.replace(/^(self|this)\s*\.\s*/, '').split(/\.|->|::/).pop() ?? '';
  if (/^(log|logger|LOG|LOGGER|console|Thread|time|asyncio|Task|System|Math|Console|Log|mutex|lock)$/.test(receiver)) return false;
  return REMOTE_RECEIVER.test(receiver) && (REMOTE_OPERATION.test(call.name) || /Async$/.test(call.name));
}

/**
 * Ruby's retry helper: a method that yields to its block and says `retry` in its rescue (`def with_retries; yield;
 * rescue Faraday::Error; sleep 5; retry; end`) runs the block again — the operation its callers hand it, as a
 * callback (`inferred: 'callback'`).
 */
function rubyYieldRetry(loop: LoopInfo): RequestInfo | undefined {
  if (loop.node.type !== 'body_statement' || !loop.fn || !loop.body) return undefined;
  const yielded = firstYield(loop.body);
  if (!yielded) return undefined;
  const call: CallInfo = { node: yielded, start: yielded.startIndex, end: yielded.endIndex, name: 'yield', fn: loop.fn, loops: [loop] };
  return { call, library: 'unknown', method: 'UNKNOWN', statement: statementOf(yielded), inferred: 'callback' };
}

/** The first `yield` of the method's own body before its rescue clauses (not in a nested block, method or lambda). */
function firstYield(body: Node): Node | undefined {
  for (const child of body.namedChildren) {
    if (!child || child.type === 'rescue' || child.type === 'ensure') break;
    const found = child.type === 'yield' ? child : yieldWithin(child);
    if (found) return found;
  }
  return undefined;
}

function yieldWithin(node: Node): Node | undefined {
  if (/^(method|singleton_method|lambda|do_block|block)$/.test(node.type)) return undefined;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'yield') return child;
    const found = yieldWithin(child);
    if (found) return found;
  }
  return undefined;
}
