import type { Node } from 'web-tree-sitter';
import { calleeOf, type FileFlow } from './flow/flowModel';
/** Calls that wait before the next attempt (`time.sleep`, `setTimeout`, `Task.Delay`, Go `time.After` / `time.NewTimer`…). */
export const DELAY = /^(sleep|Sleep|delay|Delay|setTimeout|wait|After|NewTimer|sleep_for|pause|sleepQuietly|sleepUninterruptibly|usleep|time_nanosleep|throttle)$/;

/**
 * A timer that ends a request rather than waits before the next one: `setTimeout(() => controller.abort(), ms)`,
 * `setTimeout(() => req.destroy(), ms)`. Its delay is a timeout, not a pause between attempts.
 */
export function isAbortTimer(call: { name: string; node: { text: string } }): boolean {
  return call.name === 'setTimeout' && /^setTimeout\s*\(\s*(?:\(\s*\)|\w+)\s*=>\s*\{?\s*[\w$.?]*\.(abort|destroy|cancel|close)\s*\(/.test(call.node.text);
}

/**
 * Celery's `send_report.delay(user_id)` and Sidekiq's `Mailer.delay.welcome(user)` put a task on a queue and return at
 * once: a `delay` called on an object in Python or Ruby waits for nothing (`time.sleep`, `asyncio.sleep` are its waits).
 */
export function enqueuesTask(call: { name: string; receiver?: string }, grammarName: string): boolean {
  return call.name === 'delay' && !!call.receiver && (grammarName === 'python' || grammarName === 'ruby');
}

/**
 * `$client->sendAsync($request)->wait()`, `future.wait()`, `proc.wait()`, `asyncio.wait(tasks)`: a wait for a result —
 * a promise settled, a process or thread ended, tasks done — not a pause between attempts. A `wait` called on something
 * and given no duration (no argument, or Guzzle's `wait(false)`), and asyncio's or concurrent.futures' wait on tasks. (A
 * wait given a duration, `stop.wait(5)`, pauses; a bare `wait()` is a helper of the project's, read where it is written.)
 */
export function awaitsResult(call: { name: string; receiver?: string; node?: { text: string } }): boolean {
  // (`this.wait()`, `self.wait()`: the class's own helper, which may pause for a default time.)
  if (call.name !== 'wait' || !call.receiver || /^(this|self|cls|\$this|super)$/.test(call.receiver)) return false;
  if (/^(asyncio|concurrent\.futures|futures)$/.test(call.receiver)) return true;
  return !!call.node && /\bwait\s*\(\s*(?:true|false)?\s*\)$/.test(call.node.text);
}

/** A call that waits before the next attempt: named as a wait (DELAY), no task put on a queue, no result awaited. */
export function isDelayCall(call: { name: string; receiver?: string; node?: { text: string } }, grammarName: string): boolean {
  return DELAY.test(call.name) && !enqueuesTask(call, grammarName) && !awaitsResult(call);
}

/**
 * The argument of a wait call that holds its duration: `setTimeout(fn, ms)`'s second, and past a leading context
 * (`clock.Sleep(ctx, delay)`, `sleepCtx(ctx, d)`), else the first.
 */
export function waitArgument(name: string, args: readonly Node[]): Node | null {
  if (name === 'setTimeout') return args[1] ?? null;
  if (args.length > 1 && /^(ctx|context|c\.ctx|\w+Ctx|context\.\w+\(\))$/.test(args[0].text)) return args[1];
  return args[0] ?? null;
}

/**
 * A wait computed from the response by a function another file defines (`delay(rateLimitToMilliseconds(response))`,
 * `time.sleep(backoff_for(resp))`): what it can read off the response is the server's hint (Retry-After, a rate-limit
 * reset), so the wait is not the loop's own schedule. A function of this file is read where it is written instead.
 */
export function waitFromResponse(flow: FileFlow, arg: Node | null | undefined, names: ReadonlyArray<string | undefined>): boolean {
  let n = arg ?? null;
  while (n && /^(await_expression|await|parenthesized_expression)$/.test(n.type) && n.namedChildCount === 1) n = n.namedChildren[0];
  if (!n || !flow.adapter.calls.has(n.type)) return false;
  const name = calleeOf(n, flow.adapter).name;
  if (!name || flow.fns.some((f) => f.name === name)) return false;
  return flow.adapter.callArguments(n).some((a) => names.includes(a.text.trim()));
}
