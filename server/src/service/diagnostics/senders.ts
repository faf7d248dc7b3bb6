import { forwardsToWrapped } from './statusReadRequests';
import { parameterNames } from './branches';
import type { DiagContext } from './context';
import { failureSet } from './failureSets';
import type { CallInfo, FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { responseVarOf, statementOf } from './requestStatements';
import { functionsByName } from './statusChains';
import { localOptions } from './httpMethods';

/*
 * Senders: functions of the file that send a request (written in them, or in another sender they call)
 * and hand its outcome back. A call to one is a request at the call site, so a loop or a recursion around
 * `c.upload(b)` / `self._send(method, url)` is read as retrying the request the sender makes.
 */

export interface Sender {
  fn: FnInfo;
  /** The request written in it or in the sender it calls. */
  request: RequestInfo;
  /** The method is the caller's: a `method` parameter, or a request object handed in, reaches the request. */
  methodFromCaller: boolean;
  /** Statuses (of `PROBED_STATUSES`) for which it fails: raises, throws, or returns an error (read on first use). */
  failsOn(): Set<string>;
  /** It, or a sender it calls, reads Retry-After. */
  readsRetryAfter: boolean;
}

/** A call to a sender, seen as the request it makes. */
export interface SenderCall extends RequestInfo {
  sender: Sender;
}

const METHOD_PARAM = /^(method|http_?method|verb|httpMethod)$/i;
const REQUEST_PARAM = /^(req|request|in|r|httpRequest|request_?message|message|msg)$/i;

/** The file's senders by function name (computed once per analysis, two levels of senders calling senders). */
export function senders(ctx: DiagContext): Map<string, Sender> {
  let map = cache.get(ctx);
  if (map) return map;
  map = new Map();
  cache.set(ctx, map);
  const direct = new Map<FnInfo, RequestInfo>();
  // (A retry helper running the operation it is handed sends nothing of its own: what goes round is its callers'.)
  for (const r of ctx.requests) if (r.call.fn?.name && r.inferred !== 'callback' && !direct.has(r.call.fn)) direct.set(r.call.fn, r);
  // Two functions of one name (overloads, methods of two classes): which one a call reaches is not known.
  const byName = functionsByName(ctx);
  const unique = (fn: FnInfo) => byName.get(fn.name!)?.length === 1;
  for (const [fn, request] of direct) if (unique(fn)) add(ctx, map, fn, request, undefined);
  for (let level = 0; level < 2; level++) {
    for (const fn of ctx.flow.fns) {
      if (!fn.name || map.has(fn.name) || direct.has(fn)) continue;
      const inner = (ctx.flow.callsByFn.get(fn) ?? []).find((c) => c.name !== fn.name && map!.has(c.name) && isOwnCall(c));
      if (inner && unique(fn)) add(ctx, map, fn, map.get(inner.name)!.request, { call: inner, sender: map.get(inner.name)! });
    }
  }
  return map;
}

const cache = new WeakMap<DiagContext, Map<string, Sender>>();

function add(ctx: DiagContext, map: Map<string, Sender>, fn: FnInfo, request: RequestInfo, via: { call: CallInfo; sender: Sender } | undefined): void {
  const params = parameterNames(fn);
  const args = ctx.flow.adapter.callArguments((via?.call ?? request.call).node).map((a) => a.text.replace(/^[A-Za-z_$][\w$]*\s*[=:]\s*(?!=)/, ''));
  const methodFromCaller =
    (via ? via.sender.methodFromCaller && args.some((a) => params.has(a) || /request\(\)$/.test(a)) : request.method === 'UNKNOWN' && methodReachesRequest(ctx, request, params)) ||
    (request.call.name === 'proceed' && /chain\.request\(\)/.test(request.call.node.text));
  const root = via ? responseVarOf(via.call.node) : request.responseVar;
  let failsOn: Set<string> | undefined;
  const read = (): Set<string> => {
    if (failsOn) return failsOn;
    failsOn = new Set<string>(via ? via.sender.failsOn() : []);
    if (root) for (const c of failureSet(ctx, fn.node, root)) failsOn.add(c);
    return failsOn;
  };
  map.set(fn.name!, { fn, request, methodFromCaller, failsOn: read, readsRetryAfter: fn.readsRetryAfter || (via?.sender.readsRetryAfter ?? false) });
}

/** The request's method is a parameter of the function, or the request object handed in. */
function methodReachesRequest(ctx: DiagContext, request: RequestInfo, params: Set<string>): boolean {
  if ([...params].some((p) => METHOD_PARAM.test(p))) return true;
  // A wrapper forwarding to the requester it wraps under its own name: every request of the client.
  if (forwardsToWrapped(ctx.flow, request.call)) return true;
  // The request of a response or error it is handed (`session.send(response.request)`, `axios(error.config)`).
  if (ctx.flow.adapter.callArguments(request.call.node).some((a) => {
    const m = /^([A-Za-z_$][\w$]*)\.(request|config|req|originalRequest|original_request|RequestMessage)$/.exec(a.text);
    return !!m && params.has(m[1]);
  })) return true;
  if (spreadsParameterOptions(request, params)) return true;
  if (!forwardsRequests(request.call, request.call.fn)) return false;
  return ctx.flow.adapter.callArguments(request.call.node).some((a) => {
    const value = a.text.replace(/^[A-Za-z_$][\w$]*\s*[=:]\s*(?!=)/, '');
    return (REQUEST_PARAM.test(value) || METHOD_PARAM.test(value)) && params.has(value);
  });
}

/**
 * A request whose method the code does not fix sends options spread from a parameter — `fetch(url, { ...init })`,
 * through a local built so (`const options = { ...init, headers }`), Python's `**kwargs`: the caller's method.
 */
function spreadsParameterOptions(request: RequestInfo, params: Set<string>): boolean {
  if (request.method !== 'UNKNOWN') return false;
  const text = request.call.node.text + localOptions(request.call.node);
  return [...text.matchAll(/(?:\.\.\.|\*\*)\s*([A-Za-z_$][\w$]*)/g)].some((m) => params.has(m[1]));
}

/** A call of the file's own function: unqualified, or on `self`/`this`/a Go receiver-like short name. */
function isOwnCall(call: CallInfo): boolean {
  return !call.receiver || /^(self|this|\$this|cls|[a-z]{1,2})$/.test(call.receiver);
}

/** Calls to the file's senders, as requests (outside the sender itself). */
export function senderCalls(ctx: DiagContext): SenderCall[] {
  let list = callCache.get(ctx);
  if (list) return list;
  list = [];
  const map = senders(ctx);
  if (map.size > 0) {
    const direct = new Set(ctx.requests.map((r) => r.call.node.id));
    for (const call of ctx.flow.calls) {
      const sender = map.get(call.name);
      if (!sender || direct.has(call.node.id) || !isOwnCall(call) || (sender.fn.start <= call.start && call.end <= sender.fn.end)) continue;
      // The call is the sender's, not the library's: fixes that rewrite a library call do not apply to it.
      list.push({ ...sender.request, library: 'unknown', call, method: sender.methodFromCaller ? 'UNKNOWN' : sender.request.method, responseVar: responseVarOf(call.node), statement: statementOf(call.node), sender });
    }
  }
  callCache.set(ctx, list);
  return list;
}

const callCache = new WeakMap<DiagContext, SenderCall[]>();

/**
 * The request re-sends the method its function's caller chose: the function takes a `method` parameter or
 * a request object that reaches the request (directly, through a request built in the function, or through
 * a sender that takes the method from its caller), or an interceptor proceeds with the chain's request.
 */
export function methodFromCaller(ctx: DiagContext, request: RequestInfo, fn: FnInfo | undefined): boolean {
  if (request.method !== 'UNKNOWN' || !fn) return false;
  if (request.call.name === 'proceed' && /chain\.request\(\)/.test(request.call.node.text)) return true;
  const params = parameterNames(fn);
  if ([...params].some((p) => METHOD_PARAM.test(p))) return true;
  // A wrapper forwarding to the requester it wraps under its own name: every request of the client.
  if (forwardsToWrapped(ctx.flow, request.call)) return true;
  // The request of a response or error it is handed (`session.send(response.request)`, `axios(error.config)`).
  if (ctx.flow.adapter.callArguments(request.call.node).some((a) => {
    const m = /^([A-Za-z_$][\w$]*)\.(request|config|req|originalRequest|original_request|RequestMessage)$/.exec(a.text);
    return !!m && params.has(m[1]);
  })) return true;
  const sender = (request as Partial<SenderCall>).sender;
  if (sender && !sender.methodFromCaller) return false;
  if (!sender && spreadsParameterOptions(request, params)) return true;
  if (!sender && !forwardsRequests(request.call, fn)) return false;
  return ctx.flow.adapter.callArguments(request.call.node).some((a) => {
    const value = a.text.replace(/^[A-Za-z_$][\w$]*\s*[=:]\s*(?!=)/, '');
    return REQUEST_PARAM.test(value) && params.has(value);
  });
}

/** Names of the methods a handler chain or transport forwards requests through. */
const FORWARDING = /^(SendAsync|Send|RoundTrip|proceed|intercept|Do|dispatch|handle)$/;
/** Functions that forward a request they are handed, whatever the case of their name (`do(req, client)`). */
const FORWARDING_FN = /^_?(send|do|execute|perform|make|dispatch)(_?(with_?)?retr(y|ies)|_?request|_?http|_?call)?(_?async)?$|^_?round_?trip$|^_?(proceed|intercept)$|^_?(request|call|fetch)_?with_?retr(y|ies)$/i;

/**
 * A request object handed in says nothing about its method in most helpers (`fetch(HttpRequest req)`);
 * in a handler chain or a transport (`base.SendAsync(request)`, `chain.proceed(…)`, `RoundTrip(req)`) it is
 * every request of the client, whatever its method.
 */
function forwardsRequests(call: CallInfo, fn: FnInfo | undefined): boolean {
  return (FORWARDING.test(call.name) && /^(base|chain|next|inner|t\.\w+|\w+\.(next|inner|base|transport|Transport))$/.test(call.receiver ?? '')) || FORWARDING_FN.test(fn?.name ?? '');
}
