import type { Node } from 'web-tree-sitter';
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

/** A call that waits before the next attempt: named as a wait (DELAY), and no task put on a queue. */
export function isDelayCall(call: { name: string; receiver?: string }, grammarName: string): boolean {
  return DELAY.test(call.name) && !enqueuesTask(call, grammarName);
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
