import type { Node } from 'web-tree-sitter';
import { parameterNames, subjectRoot } from './branches';
import type { DiagContext } from './context';
import { type CallInfo, firstCallFrom, type FnInfo, functionBodyOf, type LoopInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import { senderCalls } from './senders';
import { functionsByName } from './statusChains';
import { testsWithin } from './statusSets';
import { guardOf, isCounterTest } from './resendGuards';
import { recursionPastExits, reissuesPastExits } from './exitFilteredResends';
import { readResend, REISSUED, type ResendRetry } from './resendReading';

export type { ResendRetry } from './resendReading';

/*
 * Retries by re-sending from a failure branch instead of looping: a function that calls itself again
 * (`return self._request(url, retry_counter + 1)`), or calls the file's retry method that sends again
 * (`return request.retry()`), under a failure test or in a catch clause. The same questions as for a loop
 * are asked of it: which statuses reach the re-send, what it waits first, whether it reads Retry-After.
 */

/** The file's re-send retries (once per analysis). */
export function resendRetries(ctx: DiagContext): ResendRetry[] {
  let list = cache.get(ctx);
  if (!list) cache.set(ctx, (list = findResends(ctx)));
  return list;
}

const cache = new WeakMap<DiagContext, ResendRetry[]>();

function findResends(ctx: DiagContext): ResendRetry[] {
  const out: ResendRetry[] = [];
  const byName = functionsByName(ctx);
  const seen = new Set<number>();
  for (const fn of ctx.flow.fns) {
    if (!fn.name) continue;
    for (let i = firstCallFrom(ctx.flow, fn.start); i < ctx.flow.calls.length && ctx.flow.calls[i].start < fn.end; i++) {
      const call = ctx.flow.calls[i];
      if (call.end > fn.end || seen.has(call.node.id)) continue;
      // Recursion through the function's own name (on itself: `self.`, `this.`, a Go receiver), or any call of
      // the file's one retry method of that name.
      const self = call.name === fn.name && (!call.receiver || /^(self|this|cls|[a-z]|\$this|static)$/.test(call.receiver) || call.receiver === goReceiver(fn));
      const target = self ? fn : call.name === fn.name ? undefined : retryMethod(ctx, byName, call, fn);
      if (!target) continue;
      if (self && switchesMethod(ctx, call, fn)) continue;
      // A re-send inside a retry loop of the function is that loop's business.
      if (call.loops.some((l) => l.kind !== 'collection' && (!l.fn || l.fn === fn))) continue;
      const resend = resendUnder(ctx, fn, call, target);
      if (!resend) continue;
      seen.add(call.node.id);
      out.push(resend);
    }
  }
  out.push(...repeatedSends(ctx, seen));
  out.push(...reissues(ctx, seen));
  out.push(...reissuesPastExits(ctx, seen));
  out.push(...recursionPastExits(ctx, seen));
  return out;
}

/**
 * An error handler that sends the failed request again (`axios.interceptors.response.use(undefined, async (error)
 * => { if (error.response?.status === 429) { await sleep(d); return axios(error.config); } … })`): a retry of
 * whatever request failed, re-issued from its own config.
 */
function reissues(ctx: DiagContext, seen: Set<number>): ResendRetry[] {
  const out: ResendRetry[] = [];
  for (const again of ctx.requests) {
    const fn = again.call.fn;
    if (!fn || seen.has(again.call.node.id) || again.call.loops.some((l) => l.kind !== 'collection')) continue;
    if (!ctx.flow.adapter.callArguments(again.call.node).some((a) => REISSUED.test(a.text))) continue;
    const at = guardOf(ctx, again.call.node, fn);
    if (!at?.condition) continue;
    const resend = readResend(ctx, fn, again.call, fn, at);
    if (!resend) continue;
    seen.add(again.call.node.id);
    out.push({ ...resend, request: again });
  }
  return out;
}

/**
 * The request written again in a failure branch of its own response (`if (response.StatusCode == 429) {
 * await Task.Delay(d); response = await client.GetAsync(u); }`): one more attempt, by repetition.
 */
function repeatedSends(ctx: DiagContext, seen: Set<number>): ResendRetry[] {
  const out: ResendRetry[] = [];
  // Per function, in source order; the callee's text is read once per request (node text crosses into wasm).
  const byFn = new Map<FnInfo, Array<{ r: RequestInfo; callee?: string }>>();
  for (const r of [...ctx.requests, ...senderCalls(ctx)]) {
    if (!r.call.fn) continue;
    const list = byFn.get(r.call.fn);
    if (list) list.push({ r });
    else byFn.set(r.call.fn, [{ r }]);
  }
  const text = (e: { r: RequestInfo; callee?: string }) => (e.callee ??= calleeText(ctx, e.r.call.node));
  for (const [fn, list] of byFn) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.r.call.start - b.r.call.start);
    for (let i = 1; i < list.length; i++) {
      const again = list[i].r;
      if (seen.has(again.call.node.id) || again.call.loops.some((l) => l.kind !== 'collection')) continue;
      const first = list.slice(0, i).find((e) => e.r.responseVar && text(e) === text(list[i]))?.r;
      if (!first?.responseVar) continue;
      // Another address is a fallback (`postcodes/…` then `terminated_postcodes/…`), not the same request again.
      if (firstArgument(ctx, first.call.node) !== firstArgument(ctx, again.call.node)) continue;
      const at = guardOf(ctx, again.call.node, fn);
      if (!at?.condition || at.guard.startIndex < first.call.end || testsWithin(ctx, at.condition, first.responseVar).length === 0) continue;
      const resend = readResend(ctx, fn, again.call, fn, at);
      if (!resend) continue;
      seen.add(again.call.node.id);
      out.push({ ...resend, request: first, once: true });
    }
  }
  return out;
}

function firstArgument(ctx: DiagContext, call: Node): string {
  return (ctx.flow.adapter.callArguments(call)[0]?.text ?? '').replace(/\s+/g, '');
}

function calleeText(ctx: DiagContext, call: Node): string {
  return (ctx.flow.adapter.callee(call) ?? call).text.replace(/\s+/g, '');
}

/**
 * A method of the file named as a retry (`retry()`, `_retry_request`) that sends again: it holds a request,
 * or calls its way back to the function that called it (`retry()` → `await()` → `parse()`). Not a loop
 * wrapper (its loop is analysed as a loop), not a delay calculator (`calculateRetryDelay`).
 */
function retryMethod(ctx: DiagContext, byName: Map<string, FnInfo[]>, call: CallInfo, caller: FnInfo): FnInfo | undefined {
  const candidates = byName.get(call.name);
  if (!candidates || candidates.length !== 1 || !/retr(y|ies)/i.test(call.name) || /delay|backoff|wait|interval|after|count|should|can_?|is_?|able/i.test(call.name)) return undefined;
  const target = candidates[0];
  if (target.start <= call.start && call.end <= target.end) return undefined;
  if ((ctx.flow.loopsByFn.get(target) ?? []).some((l) => l.kind !== 'collection')) return undefined;
  // An interface or abstract retry method: it re-runs the call, how is not known here.
  if (functionBodyOf(target.node) === null) return target;
  const sends = [...ctx.requests, ...senderCalls(ctx)].some((r) => r.call.start >= target.start && r.call.end <= target.end);
  return sends || reaches(ctx, byName, target, caller) ? target : undefined;
}

/** `from` calls its way to `to` through functions of the file (four calls deep). */
function reaches(ctx: DiagContext, byName: Map<string, FnInfo[]>, from: FnInfo, to: FnInfo): boolean {
  let frontier = [from];
  const seen = new Set<FnInfo>(frontier);
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: FnInfo[] = [];
    for (const fn of frontier) {
      for (const c of ctx.flow.callsByFn.get(fn) ?? []) {
        for (const callee of byName.get(c.name) ?? []) {
          if (callee === to) return true;
          if (!seen.has(callee)) {
            seen.add(callee);
            next.push(callee);
          }
        }
      }
    }
    frontier = next;
  }
  return false;
}

/**
 * The re-send read from the branch that decides it. A counter test around the call (`if attempts < 2:`) only
 * bounds the re-send; the branch around that one says which failures reach it, so it is read first.
 */
function resendUnder(ctx: DiagContext, fn: FnInfo, call: CallInfo, target: FnInfo): ResendRetry | undefined {
  const inner = guardOf(ctx, call.node, fn);
  if (!inner) return undefined;
  const bounds: Node[] = [];
  let at: ReturnType<typeof guardOf> = inner;
  while (at?.condition && isCounterTest(ctx, at.condition)) {
    bounds.push(at.condition);
    at = guardOf(ctx, at.guard, fn);
  }
  // Tests of what the wait is read from (`if retryAfter != "" {`, `if err == nil {` after parsing it) sit inside the
  // branch that decides the re-send: the status test around them says which failures reach it.
  if (at?.condition && testsWithin(ctx, at.condition, undefined).length === 0) {
    for (let up = guardOf(ctx, at.guard, fn), depth = 0; up?.condition && depth < 3; up = guardOf(ctx, up.guard, fn), depth++) {
      if (testsWithin(ctx, up.condition, undefined).length > 0) {
        at = up;
        break;
      }
    }
  }
  // (A catch clause around the counter test has no condition to read: the counter test stays the guard.)
  const outer = at?.condition && at !== inner ? readResend(ctx, fn, call, target, at) : undefined;
  const resend = outer ?? readResend(ctx, fn, call, target, inner);
  if (!resend) return undefined;
  // Counter tests further out bound it too: `if retries > 0:` around `if status == 429: return again()`.
  for (let up = guardOf(ctx, resend.guard, fn); up; up = guardOf(ctx, up.guard, fn)) {
    if (up.condition && isCounterTest(ctx, up.condition)) bounds.push(up.condition);
  }
  return bounds.length > 0 ? { ...resend, bounds } : resend;
}

/** The name a Go method gives its receiver (`monitor` in `func (monitor *Service) Add(m Monitor)`). */
function goReceiver(fn: FnInfo): string | undefined {
  if (fn.node.type !== 'method_declaration') return undefined;
  return fn.node.childForFieldName('receiver')?.namedChildren.find((p) => p?.type === 'parameter_declaration')?.childForFieldName('name')?.text;
}

/** The function as a loop for the delay readers: its body is what runs again; no counter of its own. */
export function asLoop(resend: ResendRetry): LoopInfo {
  const { fn } = resend;
  return { node: fn.node, start: fn.start, end: fn.end, fn, kind: 'conditional', body: fn.node, calls: [], continues: [], exits: [], increments: [] };
}

/** A delay argument that changes between re-sends: it reads a parameter the re-send passes anew (`retry_counter`). */
export function readsParameter(resend: ResendRetry, arg: Node | null): boolean {
  if (!arg) return false;
  const params = parameterNames(resend.fn);
  params.delete('self');
  params.delete('this');
  return (arg.text.match(/[A-Za-z_$][\w$]*/g) ?? []).some((id) => params.has(id) || params.has(subjectRoot(id) ?? ''));
}

/** An HTTP method written as a string argument, alone or named (`'HEAD'`, `method="GET"`, `method: 'HEAD'`). */
const METHOD_ARGUMENT = /^(?:\$?[A-Za-z_]*(?:method|verb)[A-Za-z_]*\s*[:=]\s*)?(['"])(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE)\1$/i;

/**
 * The function calls itself again with another HTTP method, under a test that it has not already
 * (`if ($status >= 400 && $method !== 'HEAD') return $this->probe($url, 'HEAD');`): a fallback to a different
 * request, made at most once — not the same request sent again.
 */
function switchesMethod(ctx: DiagContext, call: CallInfo, fn: FnInfo): boolean {
  const method = ctx.flow.adapter.callArguments(call.node).map((a) => METHOD_ARGUMENT.exec(a.text)?.[2]).find((m) => m !== undefined);
  if (!method) return false;
  const { grammar } = ctx.flow;
  for (let n = call.node.parent; n && n.id !== fn.node.id; n = n.parent) {
    if (!grammar.ifs.has(n.type)) continue;
    const condition = grammar.ifCondition(n)?.text ?? '';
    return new RegExp(`(['"])${method}\\1`, 'i').test(condition);
  }
  return false;
}
