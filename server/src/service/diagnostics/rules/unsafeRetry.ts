import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import { type FnInfo, within } from '../flow/flowModel';
import type { UnsafeRetryData } from '../findingData';
import { loopData, resendData, type RetryLoop } from '../retryLoops';
import { resendRetries } from '../resends';
import { methodFromCaller } from '../senders';
import { fillMessage, ruleInfo } from '../rules';
import { decoratorPolicies } from '../decoratorPolicies';
import { retriedSet } from '../retriedSets';
import { topGate, tryAround, wholesaleRetried } from '../wholesaleRetries';
import { alwaysLeaves, ancestorWithin, CATCH_CLAUSE, catchBody, caughtTypeNames, nextStatement } from '../chainSyntax';
import { resultPolicies } from '../resultPolicies';
import { methodsFromCallers, onlySafeMethods } from '../callerMethods';
import { exchangesCredentials, namedForWriting, queriesOnly, reportsTelemetry, settlesState, signalsLiveness } from '../requestPurpose';
import { ofetchRetries } from '../policyOfetch';
import { escapeRegExp } from '../regexText';
import type { RequestInfo } from '../requests';
import { statementOf } from '../requestStatements';
import { answerCached, rateLimitRetryMechanism, refusedTwice } from '../repeatEvidence';
import { policySiteFindings, type WriteThrough } from './unsafePolicies';
import { checkRetryReadsMethod } from '../methodBlindPolicies';

const RULE = 'unsafe-retry';
/**
 * Answers that say the server did not take the request (RFC 9110: 429 Too Many Requests, 503 Service
 * Unavailable "unable to handle the request"): re-sending after them duplicates nothing. Not 502/504,
 * which a gateway sends when the upstream may have acted.
 */
const REFUSALS = new Set(['429', '503']);
const UNSAFE = new Set(['POST', 'PATCH']);
/**
 * Mechanisms that re-run whatever they are given, POST included: retry decorators and wrappers,
 * go-retryablehttp and Polly policies (all methods by default). Not urllib3, axios-retry, got/ky
 * (idempotent methods only).
 */
const RETRIES_ANY_METHOD = /^(decorator |wrapper |go-retryablehttp$|polly$)/;
/** Methods a retry may send again as they are. */
const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/;
const METHOD_OPTION = /^(allowed_methods|method_whitelist|methods|retryMethods|retry_methods)$/;

/** POST/PATCH retried by a loop or a retry configuration that allows them, with no Idempotency-Key in the file. */
export function unsafeRetry(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const retry of ctx.retryLoops()) {
    const { request } = retry;
    // An operation handed to a retry helper: its method is its caller's.
    if (request.inferred === 'callback') continue;
    const fresh = freshKeyPerAttempt(retry);
    if ((keyed(ctx, retry.loop.fn ?? request.call.fn) && !fresh) || onlyRefusals(ctx, retry)) continue;
    if (asksForToken(ctx, request.call.node) || asksOnly(request) || refusedTwice(ctx, request)) continue;
    if (fresh && UNSAFE.has(request.method)) {
      const callee = ctx.flow.adapter.callee(request.call.node) ?? request.call.node;
      const data: UnsafeRetryData = { ...loopData(ctx, retry), method: request.method, via: 'fresh-key' };
      const f = finding(ctx, ctx.headRange(callee.type === 'identifier' ? request.call.node : callee), request.method, data, request);
      f.message = `${request.method} is retried with a new Idempotency-Key on every attempt: the server sees each retry as a new operation, so a retry after a lost response can apply it twice. Create the key once, before the loop.`;
      findings.push(f);
      continue;
    }
    if (!UNSAFE.has(request.method)) {
      const anyMethod = anyMethodRetry(ctx, retry);
      if (anyMethod) findings.push(anyMethod);
      continue;
    }
    const callee = ctx.flow.adapter.callee(request.call.node) ?? request.call.node;
    const headers = headersOf(ctx, request.call.node);
    const data: UnsafeRetryData = { ...loopData(ctx, retry), method: request.method, via: 'loop', ...(headers ? { headersRange: ctx.range(headers) } : {}) };
    findings.push(finding(ctx, ctx.headRange(callee.type === 'identifier' ? request.call.node : callee), request.method, data, request));
  }
  // A method-blind policy configured in the file, with writes sent through its client: reported where it is configured.
  const atPolicies = policySiteFindings(ctx, (r) => writeThrough(ctx, r));
  findings.push(...atPolicies.findings);
  // POST/PATCH under a mechanism that retries whatever it is given (a decorator, a wrapper, go-retryablehttp).
  for (const request of ctx.requests) {
    if (atPolicies.reported.has(request.call.node.id)) continue;
    if (keyed(ctx, request.call.fn) || request.call.loops.some((l) => l.kind !== 'collection')) continue;
    // A handler or transport forwarding whatever its caller sends (`policy.ExecuteAsync(ct => base.SendAsync(request, ct))`).
    const named = namedFunctionOf(request.call.fn);
    const anyMethod = !UNSAFE.has(request.method) && methodFromCaller(ctx, request, named) && !METHOD_GUARD.test(named?.node.text ?? '') && !onlySafeMethods(methodsFromCallers(ctx, named));
    if (!UNSAFE.has(request.method) && !anyMethod) continue;
    const how = ctx.mechanisms.covering(request.call.node, request.call.receiver, request.library);
    if (!how || !RETRIES_ANY_METHOD.test(how) || (!anyMethod && (asksOnly(request) || refusedTwice(ctx, request)))) continue;
    // A retry named for rate limits re-sends what the server refused (429): it applied nothing.
    if (rateLimitRetryMechanism(how)) continue;
    // (A CheckRetry of the file that reads the method may keep writes from being re-sent.)
    if (how === 'go-retryablehttp' && checkRetryReadsMethod(ctx)) continue;
    // Retrying only a rate-limit refusal re-sends what the server did not take: no duplicate to fear.
    if (decoratorPolicies(ctx).some((p) => p.rateLimited && p.decorator.parent?.childForFieldName('definition')?.id === request.call.fn?.node.id)) continue;
    if (refusalOnlyPolicyAround(ctx, named)) continue;
    const callee = ctx.flow.adapter.callee(request.call.node) ?? request.call.node;
    const anchor = request.call.fn?.node ?? request.call.node;
    const data: UnsafeRetryData = {
      ...ctx.base(request.call.node), ...ctx.requestData(request),
      loopRange: ctx.range(anchor), loopHeaderRange: ctx.headRange(anchor), structure: 'mechanism', method: request.method, via: 'mechanism',
    };
    findings.push(finding(ctx, ctx.headRange(callee.type === 'identifier' ? request.call.node : callee), anyMethod ? 'Every method it is given, POST included,' : request.method, data, request));
  }
  // Re-sends from a failure branch (recursion, a retry method) of a POST/PATCH, or of whatever method the caller gave.
  for (const resend of resendRetries(ctx)) {
    const request = resend.request;
    if (!request || request.inferred === 'callback' || keyed(ctx, resend.fn)) continue;
    // Only a rate-limit refusal goes round: the server took nothing, a second attempt duplicates nothing.
    if (resend.condition && resend.retried?.size && [...resend.retried].every((c) => REFUSALS.has(c))) continue;
    const anyMethod = methodFromCaller(ctx, request, resend.fn) && !METHOD_GUARD.test(resend.fn.node.text) && !onlySafeMethods(methodsFromCallers(ctx, resend.fn));
    if ((!UNSAFE.has(request.method) || asksOnly(request) || refusedTwice(ctx, request)) && !anyMethod) continue;
    const data: UnsafeRetryData = { ...resendData(ctx, resend), method: request.method, via: anyMethod ? 'any-method' : 'loop' };
    const method = anyMethod ? 'Every method it is given, POST included,' : request.method;
    // At the failure branch that sends again: one request can be re-sent from several (an error, a status).
    findings.push(finding(ctx, ctx.headRange(resend.guard, resend.condition ?? undefined), method, data, request));
  }
  // Retry configurations that allow POST/PATCH: `Retry(allowed_methods=[..., "POST"])`, `retry: {methods: ['POST']}`.
  const { adapter } = ctx.flow;
  // A configuration retries the client's every request: any key the file sends is taken to be on them.
  if (ctx.flow.fileIdempotencyKey) return findings;
  // ofetch retries a POST only when told to: `$fetch(url, { method: 'POST', retry: 3 })`.
  for (const r of ofetchRetries(ctx)) {
    if (r.method !== 'POST' && r.method !== 'PATCH') continue;
    const option = r.retry.parent ?? r.retry;
    const data: UnsafeRetryData = {
      ...ctx.base(option), loopRange: ctx.range(r.call), loopHeaderRange: ctx.headRange(r.call),
      method: r.method, via: 'config', configRange: ctx.range(option),
    };
    findings.push(finding(ctx, ctx.range(option), r.method, data, undefined));
  }
  for (const call of ctx.flow.calls) {
    if (!/retr/i.test(call.name) && !/retr/i.test(ctx.flow.text.slice(call.start, Math.min(call.end, call.start + 200)))) continue;
    let readThrough: boolean | undefined;
    for (const option of optionPairs(ctx, call.node)) {
      const name = adapter.pairName(option);
      const value = adapter.pairValue(option);
      if (!name || !METHOD_OPTION.test(name) || !value) continue;
      // (Ruby writes the methods as symbols: Faraday's `methods: %i[get post]`, `[:get, :post]`.)
      const symbol = /%[iI][[(][^\])]*\b(post|patch)\b|:(post|patch)\b/i.exec(value.text);
      const method = /['"](POST|PATCH)['"]/i.exec(value.text)?.[1].toUpperCase() ?? (symbol ? (symbol[1] ?? symbol[2]).toUpperCase() : undefined) ?? (/^(False|None)$/.test(value.text) ? 'POST' : undefined);
      if (!method) continue;
      // A retry configured to allow POST on a client the file only reads through (`Retry(allowed_methods=[…, "POST"])`
      // mounted on `self.session`, whose every request here is a GET): no write goes through it.
      if ((readThrough ??= onlyReadThrough(ctx, call.node))) continue;
      const data: UnsafeRetryData = {
        ...ctx.base(option), loopRange: ctx.range(call.node), loopHeaderRange: ctx.headRange(call.node),
        method: method as UnsafeRetryData['method'], via: 'config', configRange: ctx.range(option),
      };
      findings.push(finding(ctx, ctx.range(option), method, data, undefined));
    }
  }
  return findings;
}

/** A write sent where a method-blind policy re-sends it: a POST/PATCH with no key, or the caller's method. */
function writeThrough(ctx: DiagContext, request: RequestInfo): WriteThrough | undefined {
  if (keyed(ctx, request.call.fn)) return undefined;
  if (UNSAFE.has(request.method)) return asksOnly(request) || asksForToken(ctx, request.call.node) ? undefined : { request, generic: false };
  const named = namedFunctionOf(request.call.fn);
  const generic = methodFromCaller(ctx, request, named) && !METHOD_GUARD.test(named?.node.text ?? '') && !onlySafeMethods(methodsFromCallers(ctx, named));
  return generic ? { request, generic: true } : undefined;
}

/**
 * The loop goes round only on a refusal (`if r.status_code == 429: sleep; continue`, 503 too): no network
 * error is retried (no try around the request, no Go error check that goes round) and no other status.
 */
function onlyRefusals(ctx: DiagContext, retry: RetryLoop): boolean {
  if (catchKeepsOnlyRefusals(ctx, retry)) return true;
  // Every attempt meets a first test that keeps only refusals (`if errors.As(err, &e) && e.StatusCode == 429 {…} else { break }`).
  const gate = topGate(ctx, retry);
  if (gate && gate.size > 0 && [...gate].every((c) => REFUSALS.has(c))) return true;
  const set = retriedSet(ctx, retry);
  if (set.from !== Infinity || [...set.codes].some((c) => !REFUSALS.has(c))) return false;
  const wholesale = wholesaleRetried(ctx, retry);
  const tryNode = tryAround(ctx, retry.request.call.node, retry.loop.node);
  // `except HTTPError as e: if status == 429: sleep … else: raise`: only status errors are caught and only the
  // refusals among them stay; a network error (the request may have been taken) is not caught here.
  if (tryNode && set.codes.size + wholesale.size > 0 && [...wholesale].every((c) => REFUSALS.has(c)) && catchesStatusErrorsOnly(ctx, tryNode)) return true;
  // Where errors are values (Go, Rust) a loop that goes round on the failed statuses may go round on a failed
  // connection too — a request the server may have taken; elsewhere a network error is an exception that escapes.
  // (Unless the loop's first test sends a failed connection out: `if err != nil || resp.StatusCode != 429 { return resp, err }`.)
  const errorValues = (ctx.flow.grammarName === 'go' && !GO_ERROR_LEAVES.test(retry.loop.body?.text ?? '')) || ctx.flow.grammarName === 'rust';
  if (set.codes.size + wholesale.size === 0 || (wholesale.size > 0 && errorValues) || [...wholesale].some((c) => !REFUSALS.has(c)) || (tryNode && !failuresLeave(tryNode, retry))) return false;
  return !(ctx.flow.grammarName === 'go' && /\berr\s*!=\s*nil\s*\{[^}]*continue/.test(retry.loop.body?.text ?? ''));
}

/**
 * Every handler of the try leaves the loop, itself or through what follows the try (`except RequestException:
 * log(e)` then `return status`): a failed connection — a request the server may have taken — is not sent again.
 */
function failuresLeave(tryNode: Node, retry: RetryLoop): boolean {
  const clauses = tryNode.namedChildren.filter((c): c is Node => !!c && CATCH_CLAUSE.test(c.type));
  if (clauses.length === 0 || /finally/.test(tryNode.namedChildren.map((c) => c?.type ?? '').join(' '))) return false;
  // The statement after the try, in the loop's body: where a handler that falls through goes next.
  const after = tryNode.parent?.id === retry.loop.body?.id || tryNode.parent?.parent?.id === retry.loop.body?.id ? nextStatement(tryNode) : undefined;
  const thenLeaves = !!after && /^(return_statement|raise_statement|throw_statement|break_statement)$/.test(after.type);
  return clauses.every((clause) => {
    const body = catchBody(clause);
    if (!body || /\bcontinue\b/.test(body.text)) return false;
    return alwaysLeaves(body) || thenLeaves;
  });
}

/** Errors raised for a status only, never for a connection failure or a timeout. */
/** (Not `RequestException`: requests', httpx's and Guzzle's cover failed connections too.) */
const STATUS_ERROR_ONLY = /^(HTTPError|HTTPStatusError|ClientResponseError|HttpResponseException|WebClientResponseException|HttpClientErrorException|HttpServerErrorException|HttpStatusCodeException|ResponseException|ClientRequestException|ServerResponseException)$/;

/** Every catch clause of the try names only status errors (`except requests.HTTPError`), no catch-all. */
function catchesStatusErrorsOnly(ctx: DiagContext, tryNode: Node): boolean {
  const clauses = tryNode.namedChildren.filter((c): c is Node => !!c && CATCH_CLAUSE.test(c.type));
  if (clauses.length === 0) return false;
  return clauses.every((clause) => {
    const types = caughtTypeNames(ctx.flow.text, clause).filter((t) => /^[A-Z]/.test(t.split('.').pop() ?? ''));
    return types.length > 0 && types.every((t) => STATUS_ERROR_ONLY.test(t.split('.').pop() ?? ''));
  });
}

/**
 * A result policy configured in the function (or its class) that retries a refusal (429, 503) and nothing
 * else: no other status in its predicate and no exception handled
 * (`new RetryPolicy<Response>().handleResultIf(r -> r.code() == 429)`).
 */
function refusalOnlyPolicyAround(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (!fn) return false;
  // The policy may be built elsewhere in the class (a constructor) and run here (`_policy.ExecuteAsync(…)`).
  const scope = enclosingClass(fn.node) ?? fn.node;
  return resultPolicies(ctx).some((p) => {
    if (!within(p.scope, scope) || p.codes.length === 0 || p.codes.some((c) => !REFUSALS.has(c))) return false;
    const args = ctx.flow.adapter.callArguments(p.predicate).map((a) => a.text).join(' ');
    const statuses = args.match(/\b[1-5]\d\d\b/g) ?? [];
    return statuses.every((c) => REFUSALS.has(c)) && !/HandleTransientHttpError|OrTransientHttpError|5xx|>=?\s*500/i.test(p.scope.text) && !/\.handle\(|\bHandle<|\.Or<|retryOn\(|retryOnException|handleIf\(|\.handle[A-Z]\w*\(\s*\w+(Exception|Error)\b/.test(p.scope.text);
  });
}

function enclosingClass(node: Node): Node | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) if (/^(class_declaration|class_definition|class_body|class)$/.test(n.type)) return n;
  return undefined;
}

/** The named function around a function literal (`ct => base.SendAsync(request, ct)` inside `SendAsync`). */
function namedFunctionOf(fn: FnInfo | undefined): FnInfo | undefined {
  let f = fn;
  while (f && !f.name && f.parent) f = f.parent;
  return f;
}

/**
 * The loop's handler rethrows every failure but a refusal: `catch (ApiException ex) { if (ex.HttpCode !=
 * HttpStatusCode.Forbidden) throw; … }` around the request, where the 403 is the API's throttling answer
 * (the function speaks of rate limits or throttling), or `!= 429` / `!= 503`. What goes round was not taken by the server.
 */
function catchKeepsOnlyRefusals(ctx: DiagContext, retry: RetryLoop): boolean {
  const throttling = /throttl|rate_?limit|ratelimit|too_?many|request limit/i.test(retry.loop.node.text);
  return ctx.clientTests().some((t) => {
    if (t.positive || (t.op !== '!=' && t.op !== '!==') || !t.branch || !within(t.test, retry.loop.node)) return false;
    if (!(REFUSALS.has(t.occ.code) || (t.occ.code === '403' && throttling))) return false;
    if (!ancestorWithin(t.test.parent, retry.loop.node, CATCH_CLAUSE)) return false;
    return /^\s*\{?\s*(throw|raise)\b/.test(t.branch.text);
  });
}


/**
 * An Idempotency-Key is sent for what `fn` sends: the function (or one around it) mentions the header, or a
 * function of the file it calls does (`headers=self._headers()`), or the file sets it outside any function
 * (a session's default headers). Top-level code: the file mentions it.
 */
function keyed(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (!ctx.flow.fileIdempotencyKey) return false;
  if (!fn) return true;
  for (let f: FnInfo | undefined = fn; f; f = f.parent) if (f.idempotencyKey) return true;
  const keyedFns = ctx.flow.fns.filter((f) => f.idempotencyKey);
  // Mentioned only outside functions (module or class level): it is the client's default.
  if (keyedFns.length === 0) return true;
  const names = new Set(keyedFns.map((f) => f.name).filter((n): n is string => !!n));
  return (ctx.flow.callsByFn.get(fn) ?? []).some((c) => names.has(c.name));
}

/** Calls that make a new random key (uuid4, randomUUID, Guid.NewGuid, uuid.New, nanoid, token_hex…). */
const NEW_KEY = /\buuid\.?uuid4\(|\buuid4\(|randomUUID\(|\buuidv4\(|\bv4\(\)|Guid\.NewGuid\(|\buuid\.New(String)?\(|\bnanoid\(|token_hex\(|token_urlsafe\(|randomBytes\(/;

/** The Idempotency-Key is made inside the retry loop: each attempt carries a key the server has never seen. */
function freshKeyPerAttempt(retry: RetryLoop): boolean {
  const body = retry.loop.node.text;
  return /idempotency[-_]?key/i.test(body) && NEW_KEY.test(body);
}

/**
 * A POST that asks for a token (`/oauth/token`, `/api/v1/access_token`, `grant_type=client_credentials`): a second
 * one only hands out another token, nothing is applied twice.
 */
function asksForToken(ctx: DiagContext, call: Node): boolean {
  const args = ctx.flow.adapter.callArguments(call).map((a) => a.text).join(' ');
  return /\/(oauth2?|token|access_token|oauth\/token)\b|[/_-]token['"`/?]|grant_type/i.test(args);
}

/** A Go test of the error that leaves the loop: `if err != nil { return nil, err }`, `if err != nil || … { break }`. */
const GO_ERROR_LEAVES = /\bif\s+err\s*!=\s*nil\s*(?:\|\|[^{]*)?\{[^{}]*\b(return|break)\b/;

/**
 * The client a retry configuration belongs to — the name it is assigned to (`retries = Retry(…)`, `WIDE =
 * Faraday.new(…) do … end`), or the session it is mounted on (`self.session.mount("https://",
 * HTTPAdapter(max_retries=retries))`) — is sent requests in this file, every one of them idempotent.
 */
function onlyReadThrough(ctx: DiagContext, config: Node): boolean {
  let name: string | undefined;
  for (let n: Node | null = config; n && !name; n = n.parent) {
    if (ctx.flow.adapter.assignments.has(n.type)) name = ctx.flow.adapter.assignTarget(n)?.text;
    if (ctx.flow.grammar.functions.has(n.type)) break;
  }
  if (!name) return false;
  const mounted = new RegExp(`([\\w$.]+)\\.mount\\([^)]*max_retries\\s*=\\s*${escapeRegExp(name)}\\b`).exec(ctx.flow.text)?.[1];
  const client = (mounted ?? name).replace(/^(self|this)\./, '');
  const through = ctx.requests.filter((r) => !r.inferred && (r.call.receiver ?? '').replace(/^(self|this)\./, '') === client);
  // (A POST there that only asks — a search, a function named for reading — writes nothing either.)
  return through.length > 0 && through.every((r) => IDEMPOTENT.test(r.method) || asksOnly(r));
}


/** A POST that only asks — a search or lookup (see queriesOnly): re-sending it duplicates nothing. */
function asksOnly(request: RequestInfo): boolean {
  // (A heartbeat sent twice tells the monitor nothing new either; a batch of log lines, metrics or usage events sent
  // twice is a duplicate the telemetry pipeline tolerates, as losing one is.)
  // (The request may sit in a closure handed to the retry, `RetryIf::spawn(strategy, || …)`: the function it is
  // written in names it.)
  let owner = request.call.fn;
  while (owner && !owner.name && owner.parent) owner = owner.parent;
  const fn = owner?.name;
  const statement = statementOf(request.call.node).text;
  // (A function whose answer is cached asks a question: what is kept is an answer, not the record of an action.)
  return queriesOnly(fn, statement) || signalsLiveness(fn) || reportsTelemetry(fn) || settlesState(fn) || SETTLING_URL.test(statement.slice(0, 600)) || logsIn(fn) || answerCached(request.call.fn);
}

/**
 * A login or a credential exchange (`login`, `authenticate`, `get_session_token`), not named for making something
 * (`create_session`, `register_user`): sent twice, the server hands out a second session or token and the first expires
 * unused; nothing the user owns is duplicated.
 */
function logsIn(fn: string | undefined): boolean {
  return exchangesCredentials(fn) && !namedForWriting(fn) && !/register|signup|sign_?up/i.test(fn ?? '');
}

/** A URL whose last action segment settles a state (`v2/releases/${id}/cancel`, `/jobs/42/stop`). */
const SETTLING_URL = /["'`][^"'`\n]*\/(cancel|stop|close|archive|acknowledge|ack|unsubscribe|disable|deactivate)(?:\?[^"'`\n]*)?["'`]/i;

/** Code that keeps a retry to safe methods, or says which methods are idempotent. */
const METHOD_GUARD = /idempoten|safe_?methods|isSafe|retryable_?methods|allowed_?methods|Method(Get|Head)\b|HttpMethod\.(Get|Head)\b|['"](GET|HEAD)['"]/i;

/**
 * A transport's retry loop that re-sends whatever method its caller asked for (a `method` parameter, a
 * request object handed in, `chain.proceed(chain.request())`), with no check of the method and no
 * idempotency key anywhere: every POST through it is retried too.
 */
function anyMethodRetry(ctx: DiagContext, retry: RetryLoop): Finding | undefined {
  const { request, loop } = retry;
  if (request.method !== 'UNKNOWN' || !methodFromCaller(ctx, request, loop.fn)) return undefined;
  // Every caller of the file hands it a read: its retries re-send reads only.
  if (onlySafeMethods(methodsFromCallers(ctx, loop.fn))) return undefined;
  const scope = loop.fn?.node.text ?? ctx.flow.text;
  if (METHOD_GUARD.test(scope) || loop.fn?.idempotencyKey) return undefined;
  const callee = ctx.flow.adapter.callee(request.call.node) ?? request.call.node;
  const data: UnsafeRetryData = { ...loopData(ctx, retry), method: 'UNKNOWN', via: 'any-method' };
  return finding(ctx, ctx.headRange(callee.type === 'identifier' ? request.call.node : callee), 'Every method it is given, POST included,', data, request);
}

function finding(ctx: DiagContext, range: Finding['range'], method: string, data: UnsafeRetryData, request: Parameters<DiagContext['related']>[0]): Finding {
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { method }),
    range,
    related: ctx.related(request),
    data: data as unknown as Record<string, unknown>,
  };
}

/** Keyword arguments / object properties of a call's arguments, one level of object nesting deep. */
function optionPairs(ctx: DiagContext, call: Node): Node[] {
  const { adapter } = ctx.flow;
  const pairs: Node[] = [];
  const visit = (n: Node, depth: number): void => {
    if (adapter.pairs.has(n.type)) pairs.push(n);
    if (depth < 4) for (const c of n.namedChildren) if (c && !adapter.calls.has(c.type)) visit(c, depth + 1);
  };
  for (const arg of adapter.callArguments(call)) visit(arg, 0);
  return pairs;
}

function headersOf(ctx: DiagContext, call: Node): Node | undefined {
  return optionPairs(ctx, call).find((p) => /^headers$/i.test(ctx.flow.adapter.pairName(p) ?? ''));
}
