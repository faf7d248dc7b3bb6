import type { Node } from 'web-tree-sitter';
import data from '../../../../data/sdk-retries.json';
import type { DiagContext } from '../context';
import type { CallInfo, FnInfo } from '../flow/flowModel';
import { RETRY_MECHANISMS } from '../mechanisms';
import { policyDefaults, type PolicyId } from '../policyDefaults';
import { cachedRegExp } from '../../regexCache';
import type { OuterRetry } from './outerRetries';

/*
 * The layers under a retry that retry too, other than an SDK client (sdkClients.ts): a client the file configures to
 * retry (a urllib3 Retry mounted on a session, axios-retry, got/ky's own retry), and a function of the file that
 * retries what it sends itself (`fetch_page` with its own attempt loop, a Go method building a retry executor) called
 * from another retry. Either way each attempt of the outer retry is several requests.
 */

/** A retry the file configures on its clients (server/data/sdk-retries.json, `configured`). */
interface ConfiguredFact {
  mechanism: string;
  /** How a message names it: `the urllib3 Retry mounted on the session`. */
  name: string;
  language: string;
  /** The HTTP libraries whose requests it retries (ids of requests.ts: `requests`, `axios`). */
  reaches: string[];
  count: string;
  policy: PolicyId | null;
}

const CONFIGURED = (data as unknown as { configured: ConfiguredFact[] }).configured;
const FAMILY: Record<string, string> = { python: 'python', javascript: 'javascript', typescript: 'javascript', tsx: 'javascript', ruby: 'ruby' };

/** An inner layer that retries: the call the outer retry makes through it, and what it is. */
export interface InnerLayer {
  call: CallInfo;
  /** How the message names it: `the urllib3 Retry the file mounts`, `fetch_page, which retries itself`. */
  what: string;
  /** Its retries per call, when the code or the library's default says. */
  retries?: number;
  /** Where that retry is written (the configuring call, the helper's own retry), for the related location. */
  where: Node;
}

/** A request in `body` that a client retry configured in the file reaches (`session.get(…)` under a mounted Retry). */
export function configuredRetryIn(ctx: DiagContext, body: Node): InnerLayer | undefined {
  const family = FAMILY[ctx.flow.grammarName];
  if (!family) return undefined;
  for (const request of ctx.requests) {
    if (request.call.start < body.startIndex || request.call.end > body.endIndex) continue;
    const mechanism = ctx.mechanisms.configuredRetry(request.call.node, request.call.receiver, request.library);
    const fact = mechanism && CONFIGURED.find((c) => c.mechanism === mechanism.id && c.language === family && c.reaches.includes(request.library));
    if (!fact) continue;
    // The count where the file configures it (`Retry(total=4)`, `axiosRetry(api, { retries: 4 })`), or on the request.
    const callees = new Set((RETRY_MECHANISMS.find((m) => m.id === fact.mechanism)?.configCalls ?? []).map((c) => c.callee));
    const configuring = ctx.flow.calls.filter((c) => callees.has(c.name));
    // (Imported and never called, `import axiosRetry from 'axios-retry'` configures nothing.)
    if (callees.size && !configuring.length) continue;
    let retries: number | undefined;
    for (const text of [request.call.node.text, ...configuring.map((c) => c.node.text)]) {
      const m = cachedRegExp(fact.count).exec(text);
      const n = m?.slice(1).find((g) => g !== undefined);
      if (n !== undefined) {
        retries = Number(n);
        break;
      }
    }
    retries ??= fact.policy ? policyDefaults(fact.policy).retries : undefined;
    if (retries === 0) continue;
    const where = configuring[0]?.node ?? request.call.node;
    return { call: request.call, what: fact.name, ...(retries !== undefined ? { retries } : {}), where };
  }
  return undefined;
}

/** How far a helper's calls are followed to the function that retries (`download` → `get` with its own loop; thin forwarders in between). */
const MAX_DEPTH = 4;

/**
 * A call in the outer retry's body to a function of the file that retries itself, directly or through functions of
 * the file it calls (up to four deep): the outer retry's every attempt is that function's several.
 */
export function retryingHelperIn(ctx: DiagContext, outer: OuterRetry, all: readonly OuterRetry[]): InnerLayer | undefined {
  const own = retriesByFunction(ctx, all);
  if (!own.size) return undefined;
  const outerFn = enclosingFn(ctx, outer.anchor);
  for (const call of ctx.flow.calls) {
    if (call.start < outer.body.startIndex || call.end > outer.body.endIndex || !ownCall(call)) continue;
    const found = retryingCallee(ctx, call.name, own, new Set(outerFn ? [outerFn] : []), 0);
    if (!found) continue;
    // (The helper holding the outer retry itself is a recursion, not a second layer.)
    if (found.fn.start <= outer.anchor.startIndex && outer.anchor.endIndex <= found.fn.end) continue;
    const name = call.name === found.fn.name ? call.name : `${call.name} (through ${found.fn.name})`;
    return { call, what: `${name}, with a retry of its own,`, ...(found.retry.attempts ? { retries: found.retry.attempts - 1 } : {}), where: found.retry.anchor };
  }
  return undefined;
}

/** A call that reaches a function of the file: no receiver, or `self`/`this`, or a Go method's receiver variable. */
function ownCall(call: CallInfo): boolean {
  if (!call.receiver) return true;
  if (/^(self|this|cls)$/.test(call.receiver)) return true;
  if (!/^[A-Za-z_]\w*$/.test(call.receiver)) return false;
  // (Go: the method's receiver, also from a function literal inside the method.)
  for (let f = call.fn; f; f = f.parent) {
    const receiver = f.node.childForFieldName('receiver')?.text;
    if (receiver) return new RegExp(`^\\(\\s*${call.receiver}\\s`).test(receiver);
  }
  return false;
}

function retryingCallee(ctx: DiagContext, name: string, own: ReadonlyMap<FnInfo, OuterRetry>, visited: Set<FnInfo>, depth: number): { fn: FnInfo; retry: OuterRetry } | undefined {
  const fn = ctx.flow.fns.find((f) => f.name === name && !visited.has(f));
  if (!fn) return undefined;
  const retry = own.get(fn);
  if (retry) return { fn, retry };
  if (depth + 1 >= MAX_DEPTH) return undefined;
  visited.add(fn);
  for (const call of ctx.flow.callsByFn.get(fn) ?? []) {
    if (!ownCall(call) || call.name === name) continue;
    const found = retryingCallee(ctx, call.name, own, visited, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The retries written in each named function of the file (the first one, the outermost of a function's own). */
function retriesByFunction(ctx: DiagContext, all: readonly OuterRetry[]): Map<FnInfo, OuterRetry> {
  const out = new Map<FnInfo, OuterRetry>();
  for (const retry of all) {
    if (!retry.certain) continue;
    // A decorator's body is the function it decorates; a loop's or a wrapper's is inside its function.
    const fn = retry.kind === 'decorator' ? ctx.flow.fns.find((f) => f.node.id === retry.body.id) ?? enclosingFn(ctx, retry.body) : enclosingFn(ctx, retry.anchor);
    let named = fn;
    while (named && !named.name) named = named.parent;
    if (named && !out.has(named)) out.set(named, retry);
  }
  return out;
}

function enclosingFn(ctx: DiagContext, node: Node): FnInfo | undefined {
  let best: FnInfo | undefined;
  for (const f of ctx.flow.fns) if (f.start <= node.startIndex && node.endIndex <= f.end && (!best || f.start >= best.start)) best = f;
  return best;
}
