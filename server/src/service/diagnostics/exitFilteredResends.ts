import type { Node } from 'web-tree-sitter';
import { parameterNames } from './branches';
import { alwaysLeaves, ifClauses } from './chainSyntax';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';
import { PROBED_STATUSES, repeatingCodes } from './failureSets';
import { readResend, REISSUED, type ResendRetry, statusPart } from './resendReading';
import { senderCalls } from './senders';
import { conditionSetOver, testsWithin, TRANSIENT_STATUSES } from './statusSets';

/*
 * Re-sends past early exits. An error handler that filters with early exits, then sends the failed request again:
 *
 *   http.interceptors.response.use(undefined, async (error) => {
 *     if (!error.config || !error.config.retriesLeft) return Promise.reject(error);
 *     if (error.response && error.response.status < 500) return Promise.reject(error);
 *     error.config.retriesLeft -= 1;
 *     await sleep(500);
 *     return http(error.config);
 *   });
 *
 * What reaches the re-send is what no exit takes: the statuses every status exit lets past. An exit that reads
 * no status (no config, a spent counter) only bounds the re-send. An exit whose status test cannot be read leaves
 * the handler alone: what it retries is not known. The same reading serves a function that returns on success and
 * otherwise ends by calling itself again (recursionPastExits below).
 */

/** The handler's parameter that holds the failure. */
const ERROR_PARAM = /^(e|err|error|ex|exception|reason|failure)$/i;
/** An exit that counts attempts (or reads an opt-in retry count) rather than a status. */
const COUNTING = /retr|attempt|tries|count|max|left|remaining/i;
/** Words that say an exit reads the status (or the failure's kind) some way the model cannot. */
const STATUS_WORDS = /status|code|\.ok\b|response/i;

interface Exits {
  /** The last exit that reads a status (or the last counting one): where a finding about the set anchors. */
  anchor: { guard: Node; condition: Node };
  retried: Set<string>;
  repeating: string[];
  bounds: Node[];
}

/** Re-sends of a failed request's own config at the top level of an error handler, past its early exits. */
export function reissuesPastExits(ctx: DiagContext, seen: Set<number>): ResendRetry[] {
  const out: ResendRetry[] = [];
  for (const again of ctx.requests) {
    const fn = again.call.fn;
    if (!fn || seen.has(again.call.node.id) || again.call.loops.some((l) => l.kind !== 'collection')) continue;
    if (!ctx.flow.adapter.callArguments(again.call.node).some((a) => REISSUED.test(a.text))) continue;
    const error = errorParameter(fn);
    if (!error) continue;
    const statement = topLevelStatement(ctx, again.call.node, fn);
    if (!statement) continue;
    const exits = readExits(ctx, statement, error, true);
    if (!exits) continue;
    const resend = readResend(ctx, fn, again.call, fn, exits.anchor, { retried: exits.retried, repeating: exits.repeating });
    if (!resend) continue;
    seen.add(again.call.node.id);
    out.push({ ...resend, request: again, bounds: exits.bounds });
  }
  return out;
}

/** The failure the handler is handed, when the config it re-sends is read from it (`error.config`, `{ config } = error`). */
function errorParameter(fn: FnInfo): string | undefined {
  const names = [...parameterNames(fn)].filter((n) => ERROR_PARAM.test(n));
  if (names.length !== 1) return undefined;
  const name = names[0];
  const text = fn.node.text;
  return text.includes(`${name}.config`) || new RegExp(`}\\s*=\\s*${name}\\b`).test(text) ? name : undefined;
}

/** The statement of the function's body that holds `node`, when nothing but expression wrappers lie between. */
function topLevelStatement(ctx: DiagContext, node: Node, fn: FnInfo): Node | undefined {
  const { grammar } = ctx.flow;
  for (let child = node, n = node.parent; n; child = n, n = n.parent) {
    if (n.id === fn.node.id) return undefined; // an expression body: no statements to exit from
    if (n.parent?.id === fn.node.id && n.id === fn.node.childForFieldName('body')?.id) return child;
    if (grammar.functions.has(n.type) || grammar.ifs.has(n.type) || /^(try_statement|catch_clause|except_clause|switch_statement|conditional_expression|ternary_expression)$/.test(n.type)) return undefined;
  }
  return undefined;
}

/**
 * The early exits before `statement` in its block, read for the statuses of `root` they take. With
 * `anchorOnCounter`, exits that only count attempts (and no status exit) still make a re-send, anchored on the count.
 */
function readExits(ctx: DiagContext, statement: Node, root: string, anchorOnCounter: boolean): Exits | undefined {
  const { grammar } = ctx.flow;
  const taken = new Set<string>();
  const bounds: Node[] = [];
  let anchor: Exits['anchor'] | undefined;
  let filtered = false;
  for (let s = statement.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (!grammar.ifs.has(s.type)) continue;
    const clauses = ifClauses(s);
    const condition = grammar.ifCondition(s) ?? s.childForFieldName('condition');
    const body = grammar.ifConsequence(s) ?? s.childForFieldName('consequence');
    if (clauses.length !== 1 || !condition || !body || !alwaysLeaves(body)) continue;
    const part = statusPart(ctx, condition, root);
    const tests = testsWithin(ctx, part, root);
    const set = conditionSetOver(ctx, PROBED_STATUSES, part, tests, root);
    if (set) {
      for (const c of set) taken.add(c);
      // (A success exit, `if status == 200: return body`, takes none of the probed failures but reads the status.)
      const reads = set.size > 0 || tests.length > 0;
      if (reads) filtered = true;
      if (reads && !anchor) anchor = { guard: s, condition };
    } else if (STATUS_WORDS.test(part.text)) {
      return undefined;
    } else if (COUNTING.test(condition.text)) {
      bounds.push(condition);
    }
  }
  const reaching = new Set(PROBED_STATUSES.filter((c) => !taken.has(c)));
  const retried = new Set(TRANSIENT_STATUSES.filter((c) => reaching.has(c)));
  // No status exit: every failure comes round again — anchored on the counter that bounds it, when there is one.
  if (!filtered && bounds.length > 0 && anchorOnCounter) anchor = { guard: bounds[0].parent ?? bounds[0], condition: bounds[0] };
  if (!anchor || retried.size === 0) return undefined;
  return { anchor, retried, repeating: repeatingCodes(reaching, !ctx.isNonRetryable('403', anchor.guard)), bounds };
}

/**
 * A function that returns on success and otherwise ends by calling itself again:
 *
 *   async def ensure_data(endpoint):
 *       response = await get_data(endpoint)
 *       if response.status == 200:
 *           return await response.json()
 *       await asyncio.sleep(5)
 *       return await ensure_data(endpoint)
 *
 * Every status no early exit takes comes round again.
 */
export function recursionPastExits(ctx: DiagContext, seen: Set<number>): ResendRetry[] {
  const out: ResendRetry[] = [];
  const sends = [...ctx.requests, ...senderCalls(ctx)];
  for (const call of ctx.flow.calls) {
    const fn = call.fn;
    if (!fn?.name || call.name !== fn.name || seen.has(call.node.id) || call.loops.some((l) => l.kind !== 'collection')) continue;
    if (call.receiver && !/^(self|this|cls|\$this|static)$/.test(call.receiver)) continue;
    const statement = topLevelStatement(ctx, call.node, fn);
    if (!statement) continue;
    const request = sends
      .filter((r) => r.responseVar && r.call.fn === fn && r.call.end <= statement.startIndex)
      .sort((a, b) => b.call.start - a.call.start)[0];
    if (!request?.responseVar) continue;
    const exits = readExits(ctx, statement, request.responseVar, false);
    if (!exits) continue;
    const resend = readResend(ctx, fn, call, fn, exits.anchor, { retried: exits.retried, repeating: exits.repeating });
    if (!resend) continue;
    seen.add(call.node.id);
    out.push({ ...resend, request, bounds: exits.bounds });
  }
  return out;
}
