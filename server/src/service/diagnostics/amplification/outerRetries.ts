import type { Node } from 'web-tree-sitter';
import { ancestorWithin, CATCH_CLAUSE, catchBody, caughtTypeNames } from '../chainSyntax';
import type { DiagContext } from '../context';
import { decoratorPolicies } from '../decoratorPolicies';
import { goErrorPath } from '../goErrorRetries';
import type { LoopInfo } from '../flow/flowModel';

/** A retry written by the code around some statements: a decorator, a loop that catches and goes round, a wrapper. */
export interface OuterRetry {
  kind: 'decorator' | 'loop' | 'wrapper';
  /** Where the finding goes: the decorator, the loop's header, the wrapper call. */
  anchor: Node;
  /** The code it re-runs. */
  body: Node;
  /** Attempts, when the code says (`stop_after_attempt(5)`, `range(3)`, `retries: 4` → 5). */
  attempts?: number;
  /** The exception types it retries on, as written ('' for any). */
  catches: string[];
  /**
   * The retry is one by its shape, not only because it goes round after a catch: a decorator or wrapper, a loop of the
   * retry-loop model, a loop that counts attempts and leaves on success, a retry executor. A worker loop that logs
   * and goes on (`while True: try: handle(q.get()) except Exception: log…`) is not one.
   */
  certain?: boolean;
  /** Read from the retry-loop model or Go's error paths rather than a catch that goes round: the call's failure path is checked. */
  modelled?: boolean;
}

/** Exception types an SDK's failed call raises, or a base of them (Azure.Core's RequestFailedException included). */
export const SDK_ERRORS = /^(Exception|BaseException|Error|ClientError|BotoCoreError|RequestFailedException|\w*(RateLimit|APIError|APIConnection|APITimeout|InternalServer|APIStatus|OpenAI|Anthropic|Overloaded|ServiceUnavailable|Timeout|Throttl)\w*)$/;

/** Exception types no request raises: a retry catching only these goes round on the parsing of an answer, not on a call. */
const NOT_CALL_ERRORS = /^(JSONDecodeError|JsonException|JsonParseException|JsonSyntaxException|JsonProcessingException|SyntaxError|ValueError|KeyError|IndexError|TypeError|AttributeError|AssertionError|StopIteration|KeyboardInterrupt|NumberFormatException|FormatException|ArgumentException|ArgumentNullException|NullPointerException|NullReferenceException|InvalidCastException|ClassCastException|ParseException|UnicodeDecodeError)$/;

const WRAPPERS = /^(pRetry|retry|asyncRetry|backoff|backOff|withRetry|withRetries|retryAsync|promiseRetry|retryable)$/;
/** The loop counts its attempts (`attempt < 3`, `retries--`, `for tries in range(5)`). */
const ATTEMPT_COUNTER = /\b(attempts?|attemptCount|retr(y|ies)(Count|Left|Remaining)?|tries|numTries|tryCount|triesLeft|retryNumber)\b|\bmax_?\w*(retr|attempt|tries)\w*\b/i;

export function outerRetries(ctx: DiagContext): OuterRetry[] {
  const out: OuterRetry[] = [];
  const { flow } = ctx;
  for (const policy of decoratorPolicies(ctx)) {
    const definition = policy.decorator.parent?.childForFieldName('definition');
    if (!definition) continue;
    const text = policy.decorator.text;
    const attempts = Number(/stop_after_attempt\(\s*(\d+)\s*\)|max_tries\s*=\s*(\d+)/.exec(text)?.slice(1).find(Boolean)) || undefined;
    const types = /retry_if_exception_type\(\s*\(?([^)]*)\)?\s*\)/.exec(text)?.[1] ?? (policy.library === 'backoff' ? /on_exception\([^,]+,\s*\(?([^),]+(?:,[^),=]+)*)\)?/.exec(text)?.[1] : undefined);
    out.push({ kind: 'decorator', anchor: policy.decorator, body: definition, attempts, catches: types ? splitTypes(types) : [''], certain: true });
  }
  for (const loop of flow.loops) {
    const header = loopHeader(loop.node, flow.text);
    const counted = attemptsOf(header, flow.text);
    if (counted === undefined && !/^\s*(while|for\s*\(\s*;\s*;)/.test(header)) continue;
    const clause = firstCatchIn(loop.node);
    if (!clause) continue;
    const body = catchBody(clause);
    // A catch that re-raises or leaves does not go round again.
    if (body && /^\s*\{?\s*(raise|throw|return|break)\b/.test(body.text)) continue;
    const attempts = counted || undefined;
    // A JavaScript catch names a variable, not a type: it catches everything.
    const types = /^(javascript|typescript|tsx)$/.test(flow.grammarName) ? [] : caughtTypeNames(flow.text, clause);
    const certain = loop.exits.length > 0 && (ATTEMPT_COUNTER.test(attemptText(loop)) || (counted !== undefined && !argumentsUse(loop)));
    out.push({ kind: 'loop', anchor: loop.node, body: loop.node, attempts, catches: types.length ? types : [''], certain });
  }
  // The hand-written retry loops of the retry-loop model (every language, Go's `if err != nil` rounds included), and
  // Go loops that count attempts around a call whose error goes round again.
  const seen = new Set(out.map((o) => o.anchor.id));
  for (const { loop } of ctx.retryLoops()) {
    if (seen.has(loop.node.id)) continue;
    seen.add(loop.node.id);
    out.push({ kind: 'loop', anchor: loop.node, body: loop.node, attempts: attemptsOf(loopHeader(loop.node, flow.text), flow.text) ?? loop.attempts, catches: [''], certain: true, modelled: true });
  }
  if (flow.grammarName === 'go') {
    for (const loop of flow.loops) {
      if (seen.has(loop.node.id) || loop.kind === 'collection' || loop.exits.length === 0 || !ATTEMPT_COUNTER.test(attemptText(loop))) continue;
      if (!loop.calls.some((c) => c.loops[0] === loop && goErrorPath(c, loop)?.stays)) continue;
      seen.add(loop.node.id);
      out.push({ kind: 'loop', anchor: loop.node, body: loop.node, attempts: attemptsOf(loopHeader(loop.node, flow.text), flow.text) ?? loop.attempts, catches: [''], certain: true, modelled: true });
    }
    out.push(...retryExecutors(ctx));
  }
  for (const call of flow.calls) {
    if (call.receiver || !WRAPPERS.test(call.name)) continue;
    const args = flow.adapter.callArguments(call.node);
    const fn = args[0];
    if (!fn || !/function|arrow_function|lambda/.test(fn.type)) continue;
    const retries = /\bretries\s*:\s*(\d+)/.exec(args[1]?.text ?? '');
    const tries = /\bnumOfAttempts\s*:\s*(\d+)/.exec(args[1]?.text ?? '');
    out.push({ kind: 'wrapper', anchor: call.node, body: fn, attempts: retries ? Number(retries[1]) + 1 : tries ? Number(tries[1]) : undefined, catches: [''], certain: true });
  }
  out.push(...policyExecutions(ctx));
  return out;
}

/** Calls that run the function they are handed under a retry policy, on a receiver named for one. */
const POLICY_RUNS = /^(Execute|ExecuteAsync|ExecuteAndCapture|ExecuteAndCaptureAsync|execute|get|run|getAsync|runAsync|executeSupplier|executeCallable|executeRunnable|decorateSupplier|decorateCallable|executeSuspendFunction)$/;
const POLICY_RECEIVER = /polic|pipeline|retr|resilien|failsafe/i;

/**
 * A retry policy running the function it is handed: Polly's `policy.ExecuteAsync(() => …)` and a resilience pipeline's
 * `pipeline.ExecuteAsync(…)`, Failsafe's `Failsafe.with(retryPolicy).get(() -> …)`, resilience4j's
 * `retry.executeSupplier(() -> …)`, Spring's `retryTemplate.execute(ctx -> …)`. The attempts are read where the policy
 * is built when the file says (`WaitAndRetryAsync(4, …)`, `RetryAsync(3)`, `MaxRetryAttempts = 3`, `withMaxRetries(3)`).
 */
function policyExecutions(ctx: DiagContext): OuterRetry[] {
  const out: OuterRetry[] = [];
  const { flow } = ctx;
  for (const call of flow.calls) {
    if (!call.receiver || !POLICY_RUNS.test(call.name) || !POLICY_RECEIVER.test(call.receiver)) continue;
    const fn = flow.adapter.callArguments(call.node).map(unwrapArgument).find((a) => /lambda|arrow_function|function|anonymous_method/.test(a.type));
    if (!fn) continue;
    // Where the policy is built: the receiver's own text, or what its name is given in the file.
    const name = /([A-Za-z_]\w*)$/.exec(call.receiver)?.[1];
    const built = `${call.receiver} ${name ? (new RegExp(`\\b${name}\\s*=\\s*([^;\\n]+(?:\\n\\s*\\.[^;\\n]+)*)`).exec(flow.text)?.[1] ?? '') : ''}`;
    const retries = /(?:WaitAndRetry|Retry)(?:Forever)?(?:Async)?\(\s*(\d+)|MaxRetryAttempts\s*=\s*(\d+)|withMaxRetries\(\s*(\d+)|maxAttempts\(\s*(\d+)/.exec(built);
    const n = retries?.slice(1).find((g) => g !== undefined);
    // (maxAttempts counts the first one; the others count retries.)
    const attempts = n === undefined ? undefined : retries![4] !== undefined ? Number(n) : Number(n) + 1;
    out.push({ kind: 'wrapper', anchor: call.node, body: fn, attempts, catches: [''], certain: true });
  }
  return out;
}

function unwrapArgument(node: Node): Node {
  return /^(argument|value_argument)$/.test(node.type) && node.namedChildCount === 1 ? node.namedChild(0)! : node;
}

/** The outer retry goes round on an SDK's failures: it catches everything, or an SDK error type or a base of one. */
export function retriesSdkErrors(outer: OuterRetry): boolean {
  return outer.catches.some((t) => t === '' || SDK_ERRORS.test(t.split('.').pop() ?? ''));
}

/** The outer retry goes round on some failure of a call: it catches anything but only errors of parsing an answer. */
export function retriesCallErrors(outer: OuterRetry): boolean {
  return outer.catches.some((t) => t === '' || !NOT_CALL_ERRORS.test(t.split('.').pop() ?? '') && /^[A-Z]/.test(t.split('.').pop() ?? ''));
}

/**
 * Go: a retry executor built as a struct whose type is named for retrying, handed the operation as a function field
 * (`utils.RetryExecutor{MaxRetries: n, ExecutionHandler: func() (bool, error) { … }}`): it re-runs that function.
 */
function retryExecutors(ctx: DiagContext): OuterRetry[] {
  const out: OuterRetry[] = [];
  const root = ctx.flow.fns[0]?.node.tree.rootNode;
  if (!root || !/Retr/.test(ctx.flow.text)) return out;
  for (const literal of root.descendantsOfType('composite_literal')) {
    if (!literal || !/Retr(y|ier)\w*$/.test(literal.childForFieldName('type')?.text ?? '')) continue;
    const body = literal.childForFieldName('body');
    // The operation is a function field of this literal (not of a literal or function nested in it).
    const handler = body?.descendantsOfType('func_literal').find((f) => f && !ancestorWithin(f.parent, literal, /^(composite_literal|func_literal)$/));
    if (!handler) continue;
    const max = /\bMax\w*(?:Retries|Attempts)\s*:\s*(\d+)/.exec(body!.text);
    // (The finding goes on the statement that builds it: `retryExecutor := utils.RetryExecutor{`.)
    let anchor: Node = literal;
    for (let n = literal.parent; n && /^(expression_list|short_var_declaration|assignment_statement|var_spec|var_declaration|unary_expression)$/.test(n.type); n = n.parent) anchor = n;
    out.push({ kind: 'wrapper', anchor, body: handler, attempts: max ? Number(max[1]) + 1 : undefined, catches: [''], certain: true });
  }
  return out;
}

/** Where a loop keeps its attempt count: its condition, its counter, its increments, the tests that leave it. */
function attemptText(loop: LoopInfo): string {
  const condition = loop.node.childForFieldName('condition')?.text ?? loop.node.childForFieldName('left')?.text ?? '';
  const exitTests = loop.exits.map((e) => ancestorWithin(e.parent, loop.node, /^if_statement$/)?.childForFieldName('condition')?.text).filter((t): t is string => !!t);
  return [condition, loop.counterVar ?? '', ...loop.increments.map((n) => n.text), ...exitTests].join(' ');
}

/** The loop's counter is handed to a call in it (`fetch(page)`, `items[i]`): it walks something, it does not count attempts. */
function argumentsUse(loop: LoopInfo): boolean {
  const v = loop.counterVar;
  if (!v) return false;
  const re = new RegExp(`[(,\\[]\\s*${v}\\b`);
  return loop.calls.some((c) => re.test(c.node.text.slice(c.node.text.indexOf('('))));
}

/**
 * The attempts a counted loop makes: `range(n)`, `range(a, b)`, `range(4, -1, -1)`, `i < n`, `i <= n` from 1, where
 * a bound may be a constant of the file (`APP_RETRIES = 2`). Undefined for a loop that is not counted.
 */
function attemptsOf(header: string, text: string): number | undefined {
  const value = (v: string): number | undefined => {
    const word = v.trim();
    if (/^-?\d+$/.test(word)) return Number(word);
    // A constant of the file (`APP_RETRIES = 2`); anything else (an expression, half a call) is not read.
    if (!/^[A-Za-z_$][\w$]*$/.test(word)) return NaN;
    return Number(new RegExp(`(?<![\\w$])${word.replace(/\$/g, '\\$')}\\s*(?::\\s*\\w+\\s*)?=\\s*(\\d+)\\b`).exec(text)?.[1] ?? NaN);
  };
  const range = /\bin\s+range\(([^)]*)\)/.exec(header);
  if (range) {
    const [a, b, step] = range[1].split(',').map(value);
    const n = b === undefined ? a : step === undefined ? (b as number) - (a as number) : Math.ceil(((b as number) - (a as number)) / (step as number));
    return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
  }
  // (C-style `for (let i = 0; i < n; i++)`, Go's `for i := 0; i < n; i++`.)
  const c = /\(\s*(?:let|var|int|auto)?\s*\w+\s*=\s*(\w+)\s*;\s*\w+\s*(<=?)\s*(\w+)\s*;/.exec(header) ?? /^\s*for\s+\w+\s*:=\s*(\w+)\s*;\s*\w+\s*(<=?)\s*(\w+)\s*;/.exec(header);
  if (!c) return undefined;
  const from = value(c[1]);
  const to = value(c[3]);
  if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  const n = to - from + (c[2] === '<=' ? 1 : 0);
  return n > 0 ? n : undefined;
}

function splitTypes(list: string): string[] {
  return list.split(/[,|]/).map((t) => t.trim()).filter(Boolean);
}

function loopHeader(loop: Node, text: string): string {
  const body = loop.childForFieldName('body');
  return text.slice(loop.startIndex, body ? body.startIndex : Math.min(loop.endIndex, loop.startIndex + 120));
}

function firstCatchIn(node: Node): Node | undefined {
  const types = ['catch_clause', 'except_clause', 'catch_block'].filter((t) => node.tree.language.idForNodeType(t, true));
  for (const child of node.descendantsOfType(types)) if (child && CATCH_CLAUSE.test(child.type)) return child;
  return undefined;
}
