import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { runsInFrontEnd } from '../browserContext';
import { blockStatements, CATCH_CLAUSE, catchBody, caughtClassNames, tryBlock } from '../chainSyntax';
import { isCliAction } from '../cliActions';
import type { DiagContext } from '../context';
import type { RetryableTreatedAsFinalData } from '../findingData';
import { enclosingLoops, type FnInfo, type LoopInfo, within } from '../flow/flowModel';
import { type RequestInfo, throwsOnStatus } from '../requests';
import { ruleInfo } from '../rules';
import { runsPerScrape } from '../scrapeContext';
import { isScriptPath, isTestPath } from '../testContext';
import { answersUser } from '../userCommands';
import { readOf, type UnreadResponse, unreadResponse } from '../unreadResponses';

const RULE = 'retryable-treated-as-final';

/**
 * A retry that only runs on thrown errors around a request whose client does not throw for an HTTP status, and whose
 * status nothing reads:
 *
 *   @retry(retry=retry_if_exception_type(requests.ConnectionError), stop=stop_after_attempt(4))
 *   def push_invoice(doc):
 *       reply = requests.post(LEDGER, json=doc, timeout=10)
 *       return reply.json()["id"]
 *
 * A reset connection is sent again; a 429 or 503 comes back as an ordinary response, is taken as the answer (its
 * error body parsed, written or counted as done) and never reaches the retry. The retry shows the request was meant
 * to survive a passing failure, so the statuses that say "try again later" are given up by omission. Retries that
 * see the status are not this: a loop or policy testing it, a parse failure that reaches a catch-all retry.
 */
export function statusBlindRetries(ctx: DiagContext, earlier: readonly Finding[]): Finding[] {
  if (isTestPath(ctx.doc.uri) || isScriptPath(ctx.doc.uri) || runsPerScrape(ctx.flow, ctx.workspace?.inMetricsExporter)) return [];
  const lines = new Set(earlier.filter((f) => f.rule === RULE).map((f) => f.range.start.line));
  const findings: Finding[] = [];
  const byRetry = new Map<number, Finding>();
  for (const request of ctx.requests) {
    const { call } = request;
    if (request.inferred || !STATUS_AS_VALUE.has(request.library) || throwsOnStatus(request) || !call.fn || raisesByOption(ctx, request)) continue;
    // `try: r = send() except ConnectionError: sleep(30); r = send()`: the clause sends it again, the body is read after.
    const resent = catchResend(ctx, request);
    const read = resent && request.responseVar ? readOf(ctx, request.responseVar, resent.after, call.fn.end) : resent ? undefined : unreadResponse(ctx, request);
    const unread: UnreadResponse | undefined = read === 'returned' ? undefined : read;
    if (!unread) continue;
    const retry = resent ? { node: resent.clause, how: 'the catch clause sending it again' } : transportOnlyRetry(ctx, request, call.fn, unread.use);
    if (!retry) continue;
    if (runsInFrontEnd(ctx.flow, ctx.doc.uri, call.node) || answersUser(ctx, call.fn) || isCliAction(ctx, call.fn)) continue;
    const range = ctx.range(call.node);
    if (lines.has(range.start.line)) continue;
    // One retry, one finding: its other requests read the same way are listed with the first.
    const first = byRetry.get(retry.node.id);
    if (first) {
      first.related = [...(first.related ?? []), { range, message: 'another request under the same retry, its status unread too' }];
      continue;
    }
    lines.add(range.start.line);
    const data: RetryableTreatedAsFinalData = {
      ...ctx.base(call.node),
      ...ctx.requestData(request),
      codes: ['429', '503'],
      checkRange: range,
      checkText: call.node.text.split('\n')[0],
      branchRange: ctx.range(retry.node),
      finalRange: ctx.range(unread.use ?? call.node),
      finalKind: 'return',
    };
    const finding: Finding = {
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: `429, 503 are taken as the answer: ${retry.how} retries only thrown errors, ${request.library} does not throw for an HTTP status, and nothing reads this response's status (${unread.how}).`,
      range,
      related: [{ range: ctx.range(retry.node), message: 'the retry, which a failure status never reaches' }, ...(ctx.related(request) ?? [])],
      data: data as unknown as Record<string, unknown>,
    };
    byRetry.set(retry.node.id, finding);
    findings.push(finding);
  }
  return findings;
}

/** Clients that hand a 429 or 503 back as an ordinary response (raising only when no answer comes). */
const STATUS_AS_VALUE = new Set([
  'requests', 'httpx', 'aiohttp', 'urllib3', 'fetch', 'net/http', 'HttpClient', 'java.net.http', 'okhttp', 'Net::HTTP', 'httparty',
  'excon', 'http.rb', 'typhoeus', 'guzzle', 'laravel-http', 'wordpress-http', 'psr-18', 'reqwest', 'RestSharp', 'fasthttp', 'resty',
]);

/** aiohttp's `raise_for_status=True` (on the call or the session), Excon's `expects:`: the client raises after all. */
function raisesByOption(ctx: DiagContext, request: RequestInfo): boolean {
  return /raise_for_status\s*=\s*True|\bexpects\s*:|http_errors['"]?\s*=>\s*true/.test(request.library === 'aiohttp' || request.library === 'excon' ? ctx.flow.text : request.call.node.text);
}

/** Errors a client raises when no answer came: a reset or refused connection, a timeout, a name that did not resolve. */
const TRANSPORT = /^(RequestException|RequestError|ConnectionError|ConnectTimeout|ReadTimeout|Timeout|TimeoutError|TimeoutException|ConnectError|TransportError|NetworkError|HttpRequestException|IOException|SocketException|SocketTimeoutException|UnknownHostException|ConnectException|ClientConnectionError|ClientConnectorError|ServerDisconnectedError|ClientError|ClientOSError|OSError|TaskCanceledException|HttpTimeoutException|ProtocolError|ChunkedEncodingError|OpenTimeout|SocketError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ConnectionFailed|RequestTimeout|HTTPClientError)$/;

interface StatusBlindRetry {
  node: Node;
  how: string;
}

/** The retry around the request that only thrown transport errors start, when there is one. */
function transportOnlyRetry(ctx: DiagContext, request: RequestInfo, fn: FnInfo, use: Node | undefined): StatusBlindRetry | undefined {
  const { call } = request;
  // A policy the client is configured with that retries failed connections only (urllib3's `Retry(3)` count, Faraday's retry
  // middleware with no statuses).
  const covering = ctx.mechanisms.covering(call.node, call.receiver, request.library, false);
  if (covering && !ctx.mechanisms.covering(call.node, call.receiver, request.library, true)) return { node: call.node, how: covering };
  if (covering?.startsWith('decorator')) return decoratorOnExceptions(fn);
  if (covering) return undefined;
  const loop = enclosingLoops(ctx.flow, call.node).find((l) => l.kind !== 'collection' && l.fn === fn);
  if (loop) return loopOnExceptions(ctx, loop, call.node, use);
  if (ctx.flow.grammarName === 'ruby' && fn.name === 'perform') return activeJobRetryOn(fn);
  return undefined;
}

/** The request sits in a try whose catch clause sends it again into the same variable; the body is read after the try. */
function catchResend(ctx: DiagContext, request: RequestInfo): { clause: Node; after: number } | undefined {
  const { call, responseVar } = request;
  if (!responseVar) return undefined;
  for (let n: Node | null = call.node.parent; n && n.id !== call.fn?.node.id; n = n.parent) {
    if (!/^(try_statement|try_expression)$/.test(n.type)) continue;
    const block = tryBlock(n);
    if (!block || !within(call.node, block)) return undefined;
    const clause = n.namedChildren.find((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type) && ctx.requests.some((r) => r !== request && r.responseVar === responseVar && within(r.call.node, c)));
    return clause ? { clause, after: n.endIndex } : undefined;
  }
  return undefined;
}

/** `@retry(retry=retry_if_exception_type(ConnectionError))`, `@backoff.on_exception(backoff.expo, requests.RequestException)`. */
function decoratorOnExceptions(fn: FnInfo): StatusBlindRetry | undefined {
  for (let f: FnInfo | undefined = fn; f; f = f.parent) {
    for (const d of decoratorTexts(f)) {
      if (/status|result|\b[1-5]\d\d\b|predicate/i.test(d)) return undefined;
      const named = /retry_if_exception_type\s*\(([^)]*)\)|on_exception\s*\(\s*[\w.]+\s*,\s*(\(?[\w.,\s]+\)?)|exceptions\s*=\s*(\(?[\w.,\s]+\)?)/.exec(d);
      const types = (named?.[1] ?? named?.[2] ?? named?.[3])?.match(/[A-Za-z_][\w.]*/g)?.map((t) => t.split('.').pop()!) ?? [];
      if (types.length && types.every((t) => TRANSPORT.test(t))) return { node: f.node, how: `@${d.replace(/\(.*$/s, '')}` };
    }
  }
  return undefined;
}

/** The decorators (annotations) written on a function, whole: Python's `@retry(…)`, Java's `@Retryable(…)`. */
function decoratorTexts(fn: FnInfo): string[] {
  const parent = fn.node.parent;
  if (parent?.type === 'decorated_definition') return parent.namedChildren.filter((c): c is Node => c?.type === 'decorator').map((c) => c.text.replace(/^@/, ''));
  const head = fn.name ? fn.node.text.slice(0, Math.max(0, fn.node.text.indexOf(fn.name))) : '';
  return [...head.matchAll(/@([\w.]+(?:\([^)]*\))?)/g)].map((m) => m[1]);
}

/**
 * A loop that goes round when the request throws: the request sits in a try whose catch clauses do not leave the loop,
 * and the body is used outside that try (or the clauses name transport errors only), so a parse failure is not retried.
 */
function loopOnExceptions(ctx: DiagContext, loop: LoopInfo, call: Node, use: Node | undefined): StatusBlindRetry | undefined {
  const text = ctx.flow.text;
  for (let n: Node | null = call.parent; n && n.id !== loop.node.id; n = n.parent) {
    if (!/^(try_statement|try_expression)$/.test(n.type)) continue;
    const block = tryBlock(n);
    if (!block || !within(call, block)) continue;
    const clauses = n.namedChildren.filter((c): c is Node => c !== null && CATCH_CLAUSE.test(c.type));
    if (clauses.length === 0) return undefined;
    // A clause that leaves (raise, return, break) gives that failure up: no retry of it here.
    const retrying = clauses.filter((c) => !leavesLoop(c));
    if (retrying.length === 0) return undefined;
    const typed = retrying.every((c) => {
      const names = caughtClassNames(text, c);
      return names.length > 0 && names.every((t) => TRANSPORT.test(t));
    });
    if (use && within(use, block) && !typed) return undefined;
    // Something in the try raises on purpose (a check of the body): that failure is retried.
    if (/\b(raise|throw)\b/.test(block.text)) return undefined;
    return { node: loop.node, how: 'the loop around it' };
  }
  return undefined;
}

function leavesLoop(clause: Node): boolean {
  const body = catchBody(clause);
  const statements = body ? blockStatements(body) : [];
  const last = statements[statements.length - 1];
  return !!last && /^(raise_statement|throw_statement|return_statement|break_statement|throw_expression|jump_expression)$/.test(last.type) && !/^continue\b/.test(last.text);
}

/** ActiveJob `retry_on Net::OpenTimeout, …`: the job runs again for the errors it names, none of which is a status. */
function activeJobRetryOn(fn: FnInfo): StatusBlindRetry | undefined {
  let cls: Node | null = fn.node.parent;
  while (cls && cls.type !== 'class') cls = cls.parent;
  if (!cls) return undefined;
  const names = [...cls.text.matchAll(/^\s*retry_on\s+([^\n]*)/gm)].map((m) => m[1].split(',')[0].trim());
  // (A client's own error base, `HTTParty::Error`, is raised for its parsing and redirects, never for a status.)
  const transport = (n: string) => TRANSPORT.test(n.split('::').pop() ?? n) || /^(HTTParty|HTTP|Excon)::Error\b/.test(n);
  if (names.length === 0 || names.some((n) => /^(StandardError|Exception)$/.test(n) || !transport(n))) return undefined;
  const at = cls.descendantForIndex(cls.startIndex + cls.text.search(/^\s*retry_on\b/m) + 1);
  return { node: at ?? cls, how: 'retry_on' };
}
