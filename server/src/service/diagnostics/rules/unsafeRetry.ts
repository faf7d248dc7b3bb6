import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { FnInfo } from '../flow/flowModel';
import type { UnsafeRetryData } from '../findingData';
import { loopData, resendData, type RetryLoop } from '../retryLoops';
import { resendRetries } from '../resends';
import { methodFromCaller, senderCalls, type SenderCall } from '../senders';
import { parameterNames } from '../branches';
import { operationCreates } from '../requestPurpose';
import { fillMessage, ruleInfo } from '../rules';
import { decoratorPolicies } from '../decoratorPolicies';
import { handedOnlyReads, methodHanded } from '../callerMethods';
import type { RequestInfo } from '../requests';
import { rateLimitRetryMechanism, refusedTwice } from '../repeatEvidence';
import { onlyRefusals, REFUSALS, refusalOnlyPolicyAround } from '../refusalOnlyRetries';
import { asksForToken, asksOnly, freshKeyPerAttempt, keyed } from '../repeatableWrites';
import { policySiteFindings, type WriteThrough } from './unsafePolicies';
import { headersOf, writeRetryConfigs } from './unsafeRetryConfigs';
import { checkRetryReadsMethod } from '../methodBlindPolicies';
import { retryWrappedFunctions } from '../swallowedRetries';
import { retryNeverRuns } from '../deadRetries';
import { executedPolicyReach, runsUnderExecutedPolicy } from '../executedPolicies';
import { asksModel, callersOnlyAsk, statedRepeatable } from '../repeatPurpose';
import { pollsDeviceAuthorization } from '../pollingLoops';

const RULE = 'unsafe-retry';
const UNSAFE = new Set(['POST', 'PATCH']);
/**
 * Mechanisms that re-run whatever they are given, POST included: retry decorators and wrappers,
 * go-retryablehttp and Polly policies (all methods by default). Not urllib3, axios-retry, got/ky
 * (idempotent methods only).
 */
const RETRIES_ANY_METHOD = /^(decorator |wrapper |go-retryablehttp$|polly$)/;

/** POST/PATCH retried by a loop or a retry configuration that allows them, with no Idempotency-Key in the file. */
export function unsafeRetry(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const retry of ctx.retryLoops()) {
    const request = withHandedMethod(ctx, retry.request);
    // An operation handed to a retry helper: its method is its caller's.
    if (request.inferred === 'callback') continue;
    const fresh = freshKeyPerAttempt(retry);
    if ((keyed(ctx, retry.loop.fn ?? request.call.fn) && !fresh) || onlyRefusals(ctx, retry)) continue;
    if (asksForToken(ctx, request.call.node) || asksOnly(request) || refusedTwice(ctx, request) || harmlessToRepeat(ctx, request) || pollsDeviceAuthorization(retry)) continue;
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
    const f = finding(ctx, ctx.headRange(callee.type === 'identifier' ? request.call.node : callee), request.method, data, request);
    if (request.inferred === 'sdk') f.message = `${request.call.name} makes something new and is retried automatically with no idempotency key or request id: a retry after a lost response can make it twice.`;
    findings.push(f);
  }
  // A method-blind policy configured in the file, with writes sent through its client: reported where it is configured.
  const atPolicies = policySiteFindings(ctx, (r) => writeThrough(ctx, r));
  findings.push(...atPolicies.findings);
  // POST/PATCH under a mechanism that retries whatever it is given (a decorator, a wrapper, go-retryablehttp).
  const decorated = new Set<number>();
  const direct = new Set(ctx.requests.map((r) => r.call.node.id));
  // (Also a call to the file's sender written under a retry decorator or handed to a retry wrapper: the function the
  // decorator re-runs sends through `self._send("POST", …)`.)
  for (const sent of [...ctx.requests, ...senderCalls(ctx)]) {
    if (atPolicies.reported.has(sent.call.node.id)) continue;
    const request = withHandedMethod(ctx, sent);
    if (keyed(ctx, request.call.fn) || request.call.loops.some((l) => l.kind !== 'collection')) continue;
    // A handler or transport forwarding whatever its caller sends (`policy.ExecuteAsync(ct => base.SendAsync(request, ct))`).
    const named = namedFunctionOf(request.call.fn);
    const anyMethod = !UNSAFE.has(request.method) && methodFromCaller(ctx, request, named) && !METHOD_GUARD.test(named?.node.text ?? '') && !handedOnlyReads(ctx, named);
    if (!UNSAFE.has(request.method) && !anyMethod) continue;
    const how = ctx.mechanisms.covering(request.call.node, request.call.receiver, request.library);
    if (!direct.has(request.call.node.id) && !/^(decorator|wrapper) /.test(how ?? '')) continue;
    if (!how || !RETRIES_ANY_METHOD.test(how) || refusedTwice(ctx, request) || harmlessToRepeat(ctx, request) || (!anyMethod && asksOnly(request))) continue;
    // A retry named for rate limits re-sends what the server refused (429): it applied nothing.
    if (rateLimitRetryMechanism(how)) continue;
    // A Polly policy run by hand (`policy.ExecuteAsync(() => GetTaskAsync(id))`) retries what it runs: a request its
    // operations never reach is sent once, and a helper they reach re-sends no write when none of them names one.
    if (how === 'polly') {
      const reach = executedPolicyReach(ctx);
      if (reach && (!runsUnderExecutedPolicy(reach, request.call.fn) || (anyMethod && !reach.writes))) continue;
    }
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
    // A retry decorator or annotation re-runs the whole function: reported once, where it is written, as the other
    // retry rules report it (the quick fix still keys the request, through requestRange).
    const wrapped = how.startsWith('decorator ') ? retryWrappedOf(ctx, request.call.fn) : undefined;
    const marker = wrapped?.marker;
    if (marker && decorated.has(marker.id)) continue;
    // (A decorator whose every retried exception the function catches and turns into another never runs it again.)
    if (wrapped && retryNeverRuns(ctx, wrapped.marker, wrapped.fn)) continue;
    if (marker) decorated.add(marker.id);
    const at = marker ? ctx.headRange(marker) : ctx.headRange(callee.type === 'identifier' ? request.call.node : callee);
    findings.push(finding(ctx, at, anyMethod ? 'Every method it is given, POST included,' : request.method, data, request));
  }
  // Re-sends from a failure branch (recursion, a retry method) of a POST/PATCH, or of whatever method the caller gave.
  for (const resend of resendRetries(ctx)) {
    const request = resend.request && withHandedMethod(ctx, resend.request);
    if (!request || request.inferred === 'callback' || keyed(ctx, resend.fn)) continue;
    // Only a rate-limit refusal goes round: the server took nothing, a second attempt duplicates nothing.
    if (resend.condition && resend.retried?.size && [...resend.retried].every((c) => REFUSALS.has(c))) continue;
    const anyMethod = methodFromCaller(ctx, request, resend.fn) && !METHOD_GUARD.test(resend.fn.node.text) && !handedOnlyReads(ctx, resend.fn);
    if (refusedTwice(ctx, request) || harmlessToRepeat(ctx, request) || ((!UNSAFE.has(request.method) || asksOnly(request)) && !anyMethod)) continue;
    const data: UnsafeRetryData = { ...resendData(ctx, resend), method: request.method, via: anyMethod ? 'any-method' : 'loop' };
    const method = anyMethod ? 'Every method it is given, POST included,' : request.method;
    // At the failure branch that sends again: one request can be re-sent from several (an error, a status).
    findings.push(finding(ctx, ctx.headRange(resend.guard, resend.condition ?? undefined), method, data, request));
  }
  // A configuration retries the client's every request: any key the file sends is taken to be on them.
  if (ctx.flow.fileIdempotencyKey) return findings;
  // Retry configurations that allow POST/PATCH: `Retry(allowed_methods=[..., "POST"])`, `retry: {methods: ['POST']}`.
  for (const c of writeRetryConfigs(ctx)) findings.push(finding(ctx, c.range, c.method, c.data, undefined));
  return findings;
}

/** A write sent where a method-blind policy re-sends it: a POST/PATCH with no key, or the caller's method. */
function writeThrough(ctx: DiagContext, request: RequestInfo): WriteThrough | undefined {
  if (keyed(ctx, request.call.fn) || refusedTwice(ctx, request) || harmlessToRepeat(ctx, request)) return undefined;
  if (UNSAFE.has(request.method)) return asksOnly(request) || asksForToken(ctx, request.call.node) ? undefined : { request, generic: false };
  const named = namedFunctionOf(request.call.fn);
  const generic = methodFromCaller(ctx, request, named) && !METHOD_GUARD.test(named?.node.text ?? '') && !handedOnlyReads(ctx, named);
  return generic ? { request, generic: true } : undefined;
}

/** Its author says a second copy is harmless, its body asks a model for a completion, or its helper's callers only ask. */
function harmlessToRepeat(ctx: DiagContext, request: RequestInfo): boolean {
  return statedRepeatable(ctx, request.call.fn) || asksModel(request) || callersOnlyAsk(ctx, request);
}

/** The retry decorator or annotation written on the function (or the named one a closure is written in). */
function retryWrappedOf(ctx: DiagContext, fn: FnInfo | undefined): { marker: Node; fn: Node } | undefined {
  const named = namedFunctionOf(fn);
  if (!named) return undefined;
  return retryWrappedFunctions(ctx).find((w) => w.fn.id === named.node.id);
}

/** A call to the file's sender whose method the sender does not fix, with the method this call hands it (`"POST"`, `{ method: 'POST' }`). */
function withHandedMethod(ctx: DiagContext, request: RequestInfo): RequestInfo {
  // An SDK or RPC operation named for making something (`client.CreateWorkspace(ctx, req)`): a write, as a POST is.
  if (request.inferred === 'sdk' && request.method === 'UNKNOWN' && operationCreates(request.call.name) && !asksModel(request, ctx)) return { ...request, method: 'POST' };
  const sender = (request as Partial<SenderCall>).sender;
  // (A method read off the sender's own request stands, unless that request spreads options its caller hands in:
  // `fetch(url, { ...init, headers })` sends whatever method `init` carries.)
  if (!sender || (request.method !== 'UNKNOWN' && !spreadsParameter(sender))) return request;
  const method = methodHanded(ctx, sender.fn, request.call);
  return method ? { ...request, method: method as RequestInfo['method'] } : request;
}

/** The sender's request spreads one of its parameters into its options (`{ ...init }`, `**kwargs`). */
function spreadsParameter(sender: SenderCall['sender']): boolean {
  const params = parameterNames(sender.fn);
  return [...sender.request.call.node.text.matchAll(/(?:\.\.\.|\*\*)([A-Za-z_$][\w$]*)/g)].some((m) => params.has(m[1]));
}

/** The named function around a function literal (`ct => base.SendAsync(request, ct)` inside `SendAsync`). */
function namedFunctionOf(fn: FnInfo | undefined): FnInfo | undefined {
  let f = fn;
  while (f && !f.name && f.parent) f = f.parent;
  return f;
}

/**
 * Code that keeps a retry to safe methods, or says which methods are idempotent: a list or test of the read methods
 * (`method in ("GET", "HEAD")`, `req.Method == http.MethodGet`), or a method parameter that defaults to a read
 * (`method = "GET"`: a helper for reads first) — not a quoted `'get'` in a log line (`(request.method || 'get')`).
 */
const METHOD_GUARD = /idempoten|safe_?methods|isSafe|retryable_?methods|allowed_?methods|Method(Get|Head)\b|HttpMethod\.(Get|Head)\b|(?:[=!]=|\bin\b|\bcase\b|includes\(|contains\(|equals\(|equalsIgnoreCase\(|[[(,])\s*['"](GET|HEAD)['"]|['"](GET|HEAD)['"]\s*(?:[=!]=|\.equals|,\s*['"])|\b(?:method|verb|http_?method)\s*(?::\s*[\w.|" ]+)?=\s*['"](GET|HEAD)['"]/i;

/**
 * A transport's retry loop that re-sends whatever method its caller asked for (a `method` parameter, a
 * request object handed in, `chain.proceed(chain.request())`), with no check of the method and no
 * idempotency key anywhere: every POST through it is retried too.
 */
function anyMethodRetry(ctx: DiagContext, retry: RetryLoop): Finding | undefined {
  const { request, loop } = retry;
  if (request.method !== 'UNKNOWN' || !methodFromCaller(ctx, request, loop.fn)) return undefined;
  // Every caller of the file hands it a read: its retries re-send reads only.
  if (handedOnlyReads(ctx, loop.fn)) return undefined;
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
