import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { runsInFrontEnd } from '../browserContext';
import { retriedByCallers } from '../callerRetries';
import { blockStatements, CATCH_CLAUSE, catchBody, caughtClassNames, nextStatement } from '../chainSyntax';
import type { DiagContext } from '../context';
import { isEmptyValue, isLogCall, type Swallow, swallows } from '../failureBodies';
import type { NoRetryOnRequestData, RetryableTreatedAsFinalData } from '../findingData';
import { enclosingLoops, type FnInfo } from '../flow/flowModel';
import { escapeRegExp } from '../regexText';
import { isProbe } from '../probes';
import { unseenMethodPurpose } from '../unseenMethods';
import { judgedAsRead, readMethod, reportsTelemetry, signalsLiveness, writesByMethodOrName } from '../requestPurpose';
import type { RequestInfo } from '../requests';
import { fillMessage, ruleInfo } from '../rules';
import { runsPerScrape } from '../scrapeContext';
import { isScriptPath } from '../testContext';
import { answersUser } from '../userCommands';

const RULE = 'retryable-treated-as-final';

/** Catch clauses that take every failure a request can raise (a reset connection, and the status errors of clients that raise them). */
const CATCH_ALL = /^(Exception|BaseException|Throwable|Error|RequestException|RequestError|HTTPError|HTTPStatusError|ClientError|ClientResponseError|IOException|HttpRequestException|WebException|StandardError|GuzzleException|RequestExceptionInterface|TransferException|AxiosError|FetchError|HttpException|RestClientException|WebClientResponseException|FeignException|Faraday::Error|Net::HTTPError)$/;

/** The failure handler of one request, and how it lets the failure go. */
interface Handler {
  /** Where it is reported: a catch clause's head, a `.catch(` call, Go's `if err != nil`. */
  at: Node;
  /** The whole handler (clause, callback, if statement). */
  whole: Node;
  how: Swallow;
  /** The statement that ends it, when one does. */
  final?: Node;
}

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

/** Every request of the file whose failures are let go, with the handler that lets them go (read once per analysis). */
function swallowed(ctx: DiagContext): Array<{ request: RequestInfo; handler: Handler }> {
  let found = cache.get(ctx);
  if (found) return found;
  found = [];
  cache.set(ctx, found);
  if (isScriptPath(ctx.doc.uri) || runsPerScrape(ctx.flow, ctx.workspace?.inMetricsExporter)) return found;
  const seen = new Set<number>();
  for (const request of ctx.requests) {
    const { call } = request;
    const fn = call.fn;
    if (!fn || request.inferred === 'callback' || request.inferred === 'status-read') continue;
    if (signalsLiveness(fn.name) || reportsTelemetry(fn.name) || isProbe(fn) || /^(HEAD|OPTIONS)$/.test(request.method)) continue;
    // A user's command: the failure goes back to whoever typed it.
    if (answersUser(ctx, fn)) continue;
    if (enclosingLoops(ctx.flow, call.node).some((l) => l.kind !== 'collection')) continue;
    if (runsInFrontEnd(ctx.flow, ctx.doc.uri, call.node)) continue;
    const handler = caughtAround(ctx, request, fn) ?? promiseCatch(ctx, request, fn) ?? goErrorCheck(ctx, request);
    if (!handler || seen.has(handler.at.id)) continue;
    // A read answered `false` is a question answered no (`exists()`, `is_member()`), not data lost.
    if (handler.how === 'empty' && readMethod(request.method) && /^(false|False)$/.test(lastValue(handler.final))) continue;
    if (ctx.mechanisms.covering(call.node, call.receiver, request.library) || ctx.mechanisms.isRetryingCall(call)) continue;
    if (retriedByCallers(ctx, fn)) continue;
    seen.add(handler.at.id);
    found.push({ request, handler });
  }
  return found;
}

const cache = new WeakMap<DiagContext, Array<{ request: RequestInfo; handler: Handler }>>();

/**
 * The innermost try around the request, in its function, whose catch-all clause lets the failure go — with no
 * narrower clause before it that raises or retries (`except HTTPError: raise` … `except Exception: log`).
 */
function caughtAround(ctx: DiagContext, request: RequestInfo, fn: FnInfo): Handler | undefined {
  const { grammar } = ctx.flow;
  for (let n: Node | null = request.call.node.parent; n && n.id !== fn.node.id; n = n.parent) {
    if (grammar.functions.has(n.type)) return undefined;
    const clauses = handlerClauses(ctx, n, request.call.node);
    if (!clauses) continue;
    for (const clause of clauses) {
      const body = handlerBody(ctx, clause);
      const types = caughtTypes(ctx, clause);
      const catchesAll = types.length === 0 || types.some((t) => CATCH_ALL.test(t));
      if (!catchesAll) {
        // A narrower clause before it: if it does something (raises, retries), the failures that matter are handled there.
        if (!body || !swallows(ctx, body)) return undefined;
        continue;
      }
      if (!body) return clause.namedChildren.some((c) => c && /block|statement|then/.test(c.type)) ? undefined : { at: clause, whole: clause, how: 'ignored' };
      const how = swallows(ctx, body);
      if (!how) return undefined;
      // `try { res = await send(); code = res.status } catch {}` then `if (code >= 200 && code < 300) … else
      // reschedule(…)`: what the try stored is read after it, so the failure is looked at there, not let go.
      if (how !== 'empty' && readAfter(n, tryBodyOf(ctx, n, clauses))) return undefined;
      return { at: clause, whole: clause, how, final: lastStatement(body) };
    }
    return undefined;
  }
  return undefined;
}

/** The protected part of a try: its body (Ruby: the begin's statements before the first rescue, as text). */
function tryBodyOf(ctx: DiagContext, tryNode: Node, clauses: Node[]): string {
  if (ctx.flow.grammarName === 'ruby') return ctx.flow.text.slice(tryNode.startIndex, clauses[0].startIndex);
  return (tryNode.childForFieldName('body') ?? tryNode.namedChildren.find((c) => c !== null && /block|compound_statement/.test(c.type)))?.text ?? '';
}

/**
 * A name the try assigns as a statement of its own (`code = res.status`, `$status = …`, `r = session.post(…)`; not a
 * declaration scoped to the try, `const res = …`) is read by a statement after the try.
 */
function readAfter(tryNode: Node, body: string): boolean {
  const assigned = new Set([...body.matchAll(/(?:^|[;{\n])[ \t]*([A-Za-z_$][\w$]*)[ \t]*=(?![=>])/g)].map((m) => m[1]));
  if (assigned.size === 0) return false;
  for (let next = nextStatement(tryNode); next; next = nextStatement(next)) {
    for (const name of assigned) if (new RegExp(`(^|[^\\w$.])${escapeRegExp(name)}\\b`).test(next.text)) return true;
  }
  return false;
}

/** The catch clauses of `n` when it is a try (Ruby: a begin or method body with rescue) whose protected part holds `call`. */
function handlerClauses(ctx: DiagContext, n: Node, call: Node): Node[] | undefined {
  const children = n.namedChildren.filter((c): c is Node => c !== null);
  if (ctx.flow.grammarName === 'ruby') {
    if (n.type !== 'begin' && n.type !== 'body_statement') return undefined;
    const rescues = children.filter((c) => c.type === 'rescue');
    if (rescues.length === 0 || call.startIndex >= rescues[0].startIndex) return undefined;
    return rescues;
  }
  if (!/^try(_with_resources)?_statement$|^try_expression$/.test(n.type) || ctx.flow.grammarName === 'go') return undefined;
  const clauses = children.filter((c) => CATCH_CLAUSE.test(c.type));
  if (clauses.length === 0 || call.startIndex >= clauses[0].startIndex) return undefined;
  return clauses;
}

/** A catch clause's statements: its body field (PHP's compound statement), its block, Ruby's `then`. */
function handlerBody(ctx: DiagContext, clause: Node): Node | undefined {
  if (ctx.flow.grammarName === 'ruby') return clause.namedChildren.find((c) => c?.type === 'then') ?? undefined;
  return clause.childForFieldName('body') ?? catchBody(clause);
}

function caughtTypes(ctx: DiagContext, clause: Node): string[] {
  if (ctx.flow.grammarName === 'ruby') {
    const head = clause.text.split('\n')[0].replace(/^\s*rescue\b/, '').replace(/=>.*$/, '').replace(/\bthen\b.*$/, '');
    return head.match(/[A-Z][\w:]*/g) ?? [];
  }
  return caughtClassNames(ctx.flow.text, clause);
}

/** JavaScript: `request(…).then(…).catch((e) => { console.error(e); return [] })`. */
function promiseCatch(ctx: DiagContext, request: RequestInfo, fn: FnInfo): Handler | undefined {
  if (!/^(javascript|typescript|tsx)$/.test(ctx.flow.grammarName)) return undefined;
  let n: Node = request.call.node;
  while (n.parent && n.id !== fn.node.id) {
    const parent: Node = n.parent;
    if (parent.type === 'await_expression' || parent.type === 'parenthesized_expression') {
      n = parent;
      continue;
    }
    if (parent.type !== 'member_expression' || parent.childForFieldName('object')?.id !== n.id || parent.parent?.type !== 'call_expression') return undefined;
    const property = parent.childForFieldName('property');
    const callNode: Node = parent.parent;
    if (property?.text !== 'catch') {
      // `.then(…)`, `.finally(…)`: the chain goes on.
      n = callNode;
      continue;
    }
    const callback = callNode.childForFieldName('arguments')?.namedChildren[0];
    if (!callback || !/^(arrow_function|function_expression|function)$/.test(callback.type)) return undefined;
    const body = callback.childForFieldName('body');
    if (!body) return undefined;
    if (body.type === 'statement_block') {
      const how = swallows(ctx, body);
      return how ? { at: property, whole: callNode, how, final: lastStatement(body) } : undefined;
    }
    if (isEmptyValue(body.text)) return { at: property, whole: callNode, how: 'empty', final: body };
    if (isLogCall(body.text)) return { at: property, whole: callNode, how: 'logged' };
    return undefined;
  }
  return undefined;
}

/** Go: `resp, err := client.Do(req)` followed by `if err != nil { log.Printf(…); return nil }`. */
function goErrorCheck(ctx: DiagContext, request: RequestInfo): Handler | undefined {
  if (ctx.flow.grammarName !== 'go') return undefined;
  const statement = request.statement;
  const left = statement.type === 'short_var_declaration' || statement.type === 'assignment_statement' ? statement.childForFieldName('left') : null;
  const errVar = left?.namedChildren[left.namedChildCount - 1]?.text;
  if (!errVar || !/^err\w*$/.test(errVar)) return undefined;
  const next = nextStatement(statement);
  if (next?.type !== 'if_statement') return undefined;
  const condition = next.childForFieldName('condition');
  if (!condition || condition.text.replace(/\s+/g, '') !== `${errVar}!=nil`) return undefined;
  const body = next.childForFieldName('consequence');
  if (!body) return undefined;
  const how = swallows(ctx, body);
  // A bare `return` in a function with named results hands back what they hold: the error may be among them.
  if (!how || (how === 'empty' && /^\s*return\s*$/.test(lastStatement(body)?.text ?? '') && namedResults(request.call.fn))) return undefined;
  return { at: condition, whole: next, how, final: lastStatement(body) };
}

function namedResults(fn: FnInfo | undefined): boolean {
  const result = fn?.node.childForFieldName('result');
  return !!result && result.type === 'parameter_list' && /\w+\s+\w/.test(result.text);
}

function lastStatement(body: Node): Node | undefined {
  return blockStatements(body).at(-1);
}

function lastValue(final: Node | undefined): string {
  return (final?.text ?? '').replace(/^return\b/, '').replace(/;$/, '').trim();
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
