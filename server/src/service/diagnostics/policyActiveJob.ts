import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { PolicyProblem } from './configPolicies';
import { policyDefaults } from './policyDefaults';
import { nodes } from './policyOptions';
import { numberValue } from './policyValues';

/**
 * Rails jobs' retries read as data (Ruby): `retry_on SomeError, wait: 5.seconds, attempts: 3` re-enqueues the job
 * when `perform` raises one of the errors. `wait` defaults to the same 3 seconds every time (`:polynomially_longer`,
 * `:exponentially_longer` or a proc grow it); `attempts` defaults to 5 and `:unlimited` never stops
 * (server/data/retry-policies.json, activejob-retry-on). The job re-runs on an error, not on a response: Retry-After
 * is not its to read.
 */
export function activeJobRetryProblems(ctx: DiagContext): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const text = ctx.flow.text;
  const defaults = policyDefaults('activejob-retry-on');
  for (const r of activeJobRetries(ctx)) {
    const { options } = r;
    const attempts = options.get('attempts');
    if (attempts && UNLIMITED.test(attempts.text)) {
      out.push({
        rule: 'retry-without-backoff', library: 'activejob-retry-on', anchor: attempts, problem: 'no-cap',
        detail: `(ActiveJob retry_on) re-runs the job with no cap on attempts (attempts: ${attempts.text})`,
      });
      continue;
    }
    // One attempt is no retry (`retry_on X, attempts: 1 do … end` handles the error once); without `wait:` the
    // default 3 s is left alone: only a wait the code chose is reported.
    const tries = attempts ? numberValue(text, attempts.text) : defaults.retries;
    if (tries !== undefined && tries <= 1) continue;
    const wait = options.get('wait');
    const seconds = wait ? fixedSeconds(text, wait.text) : undefined;
    if (wait && seconds !== undefined) {
      out.push({
        rule: 'retry-without-backoff', library: 'activejob-retry-on', anchor: wait, problem: seconds === 0 ? 'no-delay' : 'fixed-delay',
        detail: seconds === 0 ? '(ActiveJob retry_on) re-runs the job at once: wait is 0' : `(ActiveJob retry_on) waits the same ${wait.text} before every attempt`,
      });
    }
  }
  out.push(...discardedTransients(ctx));
  return out;
}

/** Error classes of Ruby's HTTP clients that stand for a passing failure, and the codes each stands for. */
const TRANSIENT_ERRORS: ReadonlyArray<[RegExp, string[]]> = [
  [/^(::)?Faraday::ServerError$/, ['500', '502', '503', '504']],
  [/^(::)?Faraday::TooManyRequestsError$/, ['429']],
  [/^(::)?(Faraday::ConnectionFailed|Errno::ECONNREFUSED)$/, ['ECONNREFUSED']],
  [/^(::)?Errno::ECONNRESET$/, ['ECONNRESET']],
  [/^(::)?(Faraday::TimeoutError|Net::ReadTimeout|Net::OpenTimeout|Timeout::Error)$/, ['ETIMEDOUT']],
  [/^(::)?RestClient::(ServiceUnavailable|BadGateway|GatewayTimeout|InternalServerError)$/, ['503']],
  [/^(::)?RestClient::TooManyRequests$/, ['429']],
];

/**
 * `discard_on Faraday::ServerError`: a job whose request meets a 503, a 429 or a reset connection is thrown away — the
 * work is lost on a failure that a later attempt would get through. Left alone when a `retry_on` of the file names the
 * same error (the job chose to retry it too).
 */
function discardedTransients(ctx: DiagContext): PolicyProblem[] {
  if (ctx.flow.grammarName !== 'ruby' || !ctx.flow.text.includes('discard_on')) return [];
  const retried = new Set(activeJobRetries(ctx).flatMap((r) => r.errors.map((e) => e.text.replace(/^::/, ''))));
  const out: PolicyProblem[] = [];
  for (const call of nodes(ctx, 'call')) {
    if (call.childForFieldName('method')?.text !== 'discard_on' || call.childForFieldName('receiver')) continue;
    for (const error of errorArguments(call)) {
      const name = error.text.replace(/^::/, '');
      const codes = TRANSIENT_ERRORS.find(([pattern]) => pattern.test(name))?.[1];
      if (!codes || retried.has(name)) continue;
      out.push({
        rule: 'retryable-treated-as-final', library: 'activejob-retry-on', anchor: error, codes,
        detail: `ActiveJob's discard_on ${name} drops the job instead of retrying it`,
      });
    }
  }
  return out;
}

/** The error classes a `retry_on` / `discard_on` names (its constant arguments before the options). */
function errorArguments(call: Node): Node[] {
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
  return args.filter((a) => a.type === 'constant' || a.type === 'scope_resolution');
}

/** `retry_on StandardError` / `Exception`: every error the job raises comes round again, a 400 or a 404 included. */
export function activeJobCatchAllRetries(ctx: DiagContext): Node[] {
  return activeJobRetries(ctx).filter((r) => r.errors.some((e) => CATCH_ALL.test(e.text))).map((r) => r.call);
}

interface ActiveJobRetry {
  call: Node;
  errors: Node[];
  options: Map<string, Node>;
}

/** The `retry_on` declarations of the file (class-level calls with the errors first and the options after). */
function activeJobRetries(ctx: DiagContext): ActiveJobRetry[] {
  if (ctx.flow.grammarName !== 'ruby' || !ctx.flow.text.includes('retry_on')) return [];
  const out: ActiveJobRetry[] = [];
  for (const call of nodes(ctx, 'call')) {
    if (call.childForFieldName('method')?.text !== 'retry_on' || call.childForFieldName('receiver')) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    const errors = errorArguments(call);
    if (errors.length === 0) continue;
    const options = new Map<string, Node>();
    for (const a of args) {
      const pairs = a.type === 'pair' ? [a] : a.type === 'hash' ? a.namedChildren.filter((p): p is Node => p?.type === 'pair') : [];
      for (const p of pairs) {
        const key = p.childForFieldName('key')?.text.replace(/^:|:$/g, '');
        const value = p.childForFieldName('value');
        if (key && value) options.set(key, value);
      }
    }
    out.push({ call, errors, options });
  }
  return out;
}

const UNLIMITED = /^(:unlimited|Float::INFINITY)$/;
const CATCH_ALL = /^(::)?(StandardError|Exception)$/;

/** `5.seconds`, `2.minutes`, `30` (seconds): a wait that does not change between attempts; undefined for anything else. */
function fixedSeconds(fileText: string, text: string): number | undefined {
  const t = text.replace(/\s+/g, '');
  const bare = numberValue(fileText, t);
  if (bare !== undefined) return bare;
  const m = /^(\d+(?:\.\d+)?)\.(seconds?|minutes?|hours?)$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * (m[2].startsWith('second') ? 1 : m[2].startsWith('minute') ? 60 : 3600);
}
