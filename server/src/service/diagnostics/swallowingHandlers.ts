/**
 * The requests of a file whose every failure — a 429, a 503, a reset connection — a handler lets go: a catch-all
 * clause around them, a promise's `.catch`, Go's `if err != nil`, that logs, answers with nothing or ignores it, with
 * nothing retrying the request. Read once per analysis; swallowedFailures.ts reports them (reads and writes).
 */
import type { Node } from 'web-tree-sitter';
import { runsInFrontEnd } from './browserContext';
import { retriedByCallers } from './callerRetries';
import { blockStatements, CATCH_CLAUSE, catchBody, caughtClassNames, nextStatement } from './chainSyntax';
import type { DiagContext } from './context';
import { isEmptyValue, isLogCall, type Swallow, swallows } from './failureBodies';
import { enclosingLoops, type FnInfo } from './flow/flowModel';
import { escapeRegExp } from './regexText';
import { isProbe } from './probes';
import { readMethod, reportsTelemetry, signalsLiveness } from './requestPurpose';
import type { RequestInfo } from './requests';
import { runsPerScrape } from './scrapeContext';
import { isScriptPath } from './testContext';
import { answersUser } from './userCommands';

/** Catch clauses that take every failure a request can raise (a reset connection, and the status errors of clients that raise them). */
const CATCH_ALL = /^(Exception|BaseException|Throwable|Error|RequestException|RequestError|HTTPError|HTTPStatusError|ClientError|ClientResponseError|IOException|HttpRequestException|WebException|StandardError|GuzzleException|RequestExceptionInterface|TransferException|AxiosError|FetchError|HttpException|RestClientException|WebClientResponseException|FeignException|Faraday::Error|Net::HTTPError)$/;

/** The failure handler of one request, and how it lets the failure go. */
export interface Handler {
  /** Where it is reported: a catch clause's head, a `.catch(` call, Go's `if err != nil`. */
  at: Node;
  /** The whole handler (clause, callback, if statement). */
  whole: Node;
  how: Swallow;
  /** The statement that ends it, when one does. */
  final?: Node;
}

/** Every request of the file whose failures are let go, with the handler that lets them go (read once per analysis). */
export function swallowed(ctx: DiagContext): Array<{ request: RequestInfo; handler: Handler }> {
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
export function handlerBody(ctx: DiagContext, clause: Node): Node | undefined {
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
