import { type FileFlow, firstCallFrom, type FnInfo } from './flow/flowModel';
import { DELAY, isDelayCall } from './waitCalls';

/**
 * What a function of the file does, as seen by its callers: whether it waits (sleeps, awaits a timer,
 * directly or through another function of the file) and whether it reads Retry-After. A call to
 * `pauseFor(resp, attempt)` then counts as the wait it performs, wherever the call is.
 */
export interface FunctionSummary {
  waits: boolean;
  readsRetryAfter: boolean;
}

const cache = new WeakMap<FileFlow, Map<string, FunctionSummary>>();

/** Summaries of the file's named functions, by name (bottom-up over the file's own calls). */
export function functionSummaries(flow: FileFlow): Map<string, FunctionSummary> {
  let byName = cache.get(flow);
  if (byName) return byName;
  byName = new Map();
  const calleesByFn = new Map<FnInfo, string[]>();
  // Calls by position, so a timer inside a nested callback (`new Promise((r) => setTimeout(r, ms))`) counts.
  const fns = flow.fns.filter((f) => f.name);
  for (const fn of fns) {
    const names: string[] = [];
    let waits = false;
    for (let i = firstCallFrom(flow, fn.start); i < flow.calls.length && flow.calls[i].start < fn.end; i++) {
      const call = flow.calls[i];
      if (call.end > fn.end) continue;
      if (isDelayCall(call, flow.grammarName) && call.node.type !== 'new_expression') waits = true;
      names.push(call.name);
    }
    calleesByFn.set(fn, names);
    const previous = byName.get(fn.name!);
    byName.set(fn.name!, { waits: waits || !!previous?.waits, readsRetryAfter: fn.readsRetryAfter || !!previous?.readsRetryAfter });
  }
  // A function that calls a waiting function of the file waits too (to a fixed point; names only grow).
  for (let changed = true; changed; ) {
    changed = false;
    for (const fn of fns) {
      const summary = byName.get(fn.name!)!;
      for (const callee of calleesByFn.get(fn) ?? []) {
        const other = byName.get(callee);
        if (!other || other === summary) continue;
        if (other.waits && !summary.waits && !LOCKING.test(callee)) summary.waits = changed = true;
        if (other.readsRetryAfter && !summary.readsRetryAfter) summary.readsRetryAfter = changed = true;
      }
    }
  }
  cache.set(flow, byName);
  return byName;
}

/** The call waits before going on: a timer call, or a function of the file that waits. */
export function callWaits(flow: FileFlow, name: string): boolean {
  return DELAY.test(name) || (functionSummaries(flow).get(name)?.waits === true && !LOCKING.test(name));
}

/**
 * Functions that wait to take a lock or a slot (`with item_lock(id):` polling a mutex, `acquire_semaphore`): their wait
 * holds the caller back from running alongside another; it is no pause between attempts of a request.
 */
const LOCKING = /lock|mutex|semaphore|acquire/i;
