/*
 * A retry policy the file builds and runs by hand — Polly's `policy.ExecuteAsync(() => GetTaskAsync(id, ct))` — retries
 * what it runs and nothing else: the client's other requests go out once. Only a policy put into a client's pipeline
 * (`AddPolicyHandler`, `AddTransientHttpErrorPolicy`, `AddResilienceHandler`, a `PolicyHttpMessageHandler`) covers every
 * request of that client. unsafe-retry reads which of the file's functions run under such a policy, and whether any of
 * them names a write.
 */
import type { DiagContext } from './context';
import type { CallInfo, FnInfo } from './flow/flowModel';

/** Calls that run an operation under a policy built in the file. */
const EXECUTE = /^(Execute|ExecuteAsync|ExecuteAndCapture|ExecuteAndCaptureAsync)$/;
/** Calls that put a policy into an HttpClient's handler pipeline, where it covers every request the client sends. */
const PIPELINE = /\b(AddPolicyHandler|AddTransientHttpErrorPolicy|AddResilienceHandler|AddStandardResilienceHandler|PolicyHttpMessageHandler|ResilienceHandler)\b/;
/** A write method named in code: .NET's `HttpMethod.Post`, a quoted verb, a client's write call. */
const WRITE = /\bHttpMethod\.(Post|Patch)\b|["'`](POST|PATCH)["'`]|\.(PostAsync|PatchAsync|PostAsJsonAsync|PatchAsJsonAsync)\s*\(/i;

/** What runs under the policies the file executes by hand: the functions reached, and whether any names a write. */
export interface ExecutedReach {
  fns: Set<FnInfo>;
  writes: boolean;
}

/**
 * Undefined when the file installs a policy into a pipeline or runs none by hand (the policy's reach is not this
 * file's to say); otherwise the functions of the file the executed operations call, directly or through one another.
 */
export function executedPolicyReach(ctx: DiagContext): ExecutedReach | undefined {
  if (cache.has(ctx)) return cache.get(ctx);
  const reach = read(ctx);
  cache.set(ctx, reach);
  return reach;
}

const cache = new WeakMap<DiagContext, ExecutedReach | undefined>();

function read(ctx: DiagContext): ExecutedReach | undefined {
  const { flow } = ctx;
  if (PIPELINE.test(flow.text)) return undefined;
  const executes = flow.calls.filter((c) => EXECUTE.test(c.name) && c.receiver);
  if (executes.length === 0) return undefined;
  const byName = new Map<string, FnInfo[]>();
  for (const f of flow.fns) if (f.name) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const fns = new Set<FnInfo>();
  let writes = false;
  const queue: CallInfo[] = [];
  for (const e of executes) {
    if (WRITE.test(e.node.text)) writes = true;
    for (const c of flow.calls) if (c.start > e.start && c.end <= e.end) queue.push(c);
  }
  while (queue.length > 0) {
    const call = queue.pop()!;
    for (const f of byName.get(call.name) ?? []) {
      if (fns.has(f)) continue;
      fns.add(f);
      if (WRITE.test(f.node.text)) writes = true;
      // (Its calls, those in the closures it writes included.)
      for (const c of flow.calls) if (c.start >= f.start && c.end <= f.end) queue.push(c);
    }
  }
  return { fns, writes };
}

/** The function (or one it is written in) runs under a policy the file executes by hand. */
export function runsUnderExecutedPolicy(reach: ExecutedReach, fn: FnInfo | undefined): boolean {
  for (let f = fn; f; f = f.parent) if (reach.fns.has(f)) return true;
  return false;
}
