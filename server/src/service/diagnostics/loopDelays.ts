import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { calleeOf, type LoopInfo } from './flow/flowModel';
import { ancestorWithin } from './chainSyntax';
import { parameterNames } from './branches';
import { DELAY } from './waitCalls';
import { escapeRegExp } from './regexText';
import { withoutBackoffSettings } from './backoffSettings';
import { caughtNames } from './answerWaits';

/*
 * The delays of a hand-written retry loop, read as values: whether a delay stays the same between attempts
 * (a constant, a constant plus random jitter, a local declared afresh each round), the fixed fallback of a
 * delay that honours Retry-After only when the header is there, and whether a delay is the wait after a
 * network error.
 */

/** What makes a delay grow between attempts (or follow the server): powers, shifts, a backoff or Retry-After. */
const GROWING = /\*\*|<<|\bpow\b|backoff|retry_?after|retryafter|\bexp|exponent/i;
/** Random spread around a delay: it does not grow, so a fixed delay plus jitter is still a fixed delay. */
const JITTER = /^(random|rand|randint|uniform|randrange|Next|NextDouble|nextInt|nextDouble|nextLong|Intn|Int63n|Float64|random_jitter|jitter)$|^Math\.random$/;
const CONVERSIONS = /^(Duration|int|float|Number|parseInt|FromSeconds|FromMilliseconds|ofSeconds|ofMillis|toMillis|Millisecond|Second|long|milliseconds|seconds|from_secs|from_millis|from_secs_f64|from_secs_f32|from_micros)$/;

/** A delay whose length never changes between attempts (random jitter around a constant included). */
export function isFixedDelay(ctx: DiagContext, loop: LoopInfo, arg: Node | null, depth = 0): boolean {
  if (!arg) return true;
  // `throttle(wait=wait)`, `delay(ms: pause)`: the value of a named argument.
  if (/^(keyword_argument|named_argument|value_argument)$/.test(arg.type)) return isFixedDelay(ctx, loop, arg.childForFieldName('value') ?? arg.lastNamedChild, depth);
  const text = arg.text;
  // (A setting named for backing off that the file never makes grow, `sleep(method.backoff_time)`, is one value.)
  if (GROWING.test(withoutBackoffSettings(ctx.flow.text, text))) return false;
  const ids = new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  if (loop.counterVar && ids.has(loop.counterVar)) return false;
  const body = loop.body?.text ?? '';
  // The caught error is a new one each round: a wait it carries (`time.sleep(exc.wait_seconds)`) is the server's.
  const caught = new Set(caughtNames(loop.body));
  for (const id of ids) {
    if (caught.has(id)) return false;
    // Bound by what a call hands out or a pattern matches (C# `out var wait`, `… is TimeSpan wait`): read afresh.
    if (new RegExp(`\\b(?:out\\s+(?:var|[A-Z][\\w.<>]*)|is\\s+[A-Z][\\w.<>?]*)\\s+${escapeRegExp(id)}\\b`).test(body)) return false;
    // Assigned inside the loop (`delay *= 2`, `secs, _ := strconv.Atoi(...)`): it changes between attempts —
    // unless it is a local declared afresh each round from a fixed value (`var wait = _delay + jitter()`).
    // (Or stepped before it is read: `++$sleep`, `++delay`.)
    if (new RegExp(`(^|[^\\w$.])${escapeRegExp(id)}\\s*(,\\s*[\\w$]+\\s*)*(:=|\\*=|\\+=|<<=|=(?!=)|\\+\\+)|\\+\\+\\s*${escapeRegExp(id)}(?![\\w$])`).test(body)) {
      const fresh = depth === 0 && id === text && loop.body ? freshLocal(loop.body, id, arg.startIndex) : undefined;
      if (fresh ? !isFixedDelay(ctx, loop, fresh, depth + 1) : !(id === text && setOnlyToSettings(body, id))) return false;
    }
  }
  let hasCall = false;
  const visit = (n: Node): void => {
    if (ctx.flow.adapter.calls.has(n.type)) {
      const name = calleeOf(n, ctx.flow.adapter).name;
      if (!CONVERSIONS.test(name) && !JITTER.test(name)) hasCall = true;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(arg);
  return !hasCall;
}

/**
 * Every assignment to `name` in the loop gives it a setting, a constant or a number (`wait = self.retry_wait_sec`,
 * `delay = RETRY_DELAY`): the same value each round.
 */
function setOnlyToSettings(body: string, name: string): boolean {
  // Statements of their own (not a keyword argument: `throttle(wait=wait)` hands the value on).
  const values = [...body.matchAll(new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*=(?!=)[ \\t]*([^\\n;]+)`, 'gm'))].map((m) => m[1].trim());
  return values.length > 0 && values.every((v) => /^((self|this)\.[A-Za-z_$][\w$]*|[A-Z][A-Z0-9_]*|\d+(\.\d+)?)$/.test(v));
}

/**
 * The value of `name` when it is a local declared once in the loop body before `before` and assigned nowhere
 * else there (`var jittered = delay + TimeSpan.FromMilliseconds(rng.Next(0, 100));`).
 */
function freshLocal(body: Node, name: string, before: number): Node | undefined {
  const found: Node[] = [];
  let others = 0;
  const visit = (n: Node): void => {
    if (n.startIndex >= before) return;
    if (/^(variable_declarator|short_var_declaration|lexical_declaration|local_variable_declaration|let_declaration)$/.test(n.type)) {
      const target = n.childForFieldName('name') ?? n.childForFieldName('left') ?? n.childForFieldName('pattern') ?? n.firstNamedChild;
      const value = n.childForFieldName('value') ?? n.childForFieldName('right') ?? (n.namedChildCount >= 2 ? n.lastNamedChild : null);
      if (target?.text === name && value && value.id !== target.id) {
        found.push(value);
        return;
      }
    }
    if (/assignment/.test(n.type) && (n.childForFieldName('left') ?? n.firstNamedChild)?.text === name) others++;
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(body);
  return found.length === 1 && others === 0 ? found[0] : undefined;
}

const RETRY_AFTER_READ = /retry_?after|retryafter|ratelimit_?reset/i;

/**
 * The fixed fallback of a delay that honours Retry-After only when the header is there:
 * `retry_after if retry_after is not None else 1`, `retryAfterMs ?? 1000`, `.orElse(250L)`,
 * Go's `d := 2 * time.Second` overwritten under `if … parseRetryAfter(…)`. Most 5xx and network
 * errors carry no Retry-After, so those attempts wait a fixed time.
 */
export function fixedFallback(ctx: DiagContext, loop: LoopInfo, arg: Node | null): Node | undefined {
  if (!arg) return undefined;
  let value: Node = arg;
  // A variable: its first assignment inside the loop.
  if (/^[A-Za-z_$][\w$]*$/.test(arg.text) && loop.body) {
    const assigned = firstAssignment(loop.body, arg.text, arg.startIndex);
    if (!assigned) return undefined;
    value = assigned;
    // `if (ra != null) wait = ra * 1000; else wait = 1000;`: the other assignment is the fallback.
    if (RETRY_AFTER_READ.test(value.text) && !fallbackOf(ctx, value)) {
      const other = laterAssignments(loop.body, arg.text, value.endIndex, arg.startIndex).find((v) => !RETRY_AFTER_READ.test(v.text));
      if (other) return isFixedDelay(ctx, loop, other) ? other : undefined;
    }
    // Go: `d := X` then `if …Retry-After… { d = wait }`: X is the fallback.
    if (!RETRY_AFTER_READ.test(value.text)) {
      const rest = ctx.flow.text.slice(value.endIndex, arg.startIndex);
      return RETRY_AFTER_READ.test(rest) && new RegExp(`\\b${escapeRegExp(arg.text)}\\s*=[^=]`).test(rest) && isFixedDelay(ctx, loop, value) ? value : undefined;
    }
  }
  if (!RETRY_AFTER_READ.test(value.text)) return undefined;
  const fallback = fallbackOf(ctx, value);
  return fallback && !RETRY_AFTER_READ.test(fallback.text) && isFixedDelay(ctx, loop, fallback) ? fallback : undefined;
}

function fallbackOf(ctx: DiagContext, value: Node): Node | undefined {
  for (let n: Node | null = value, depth = 0; n && depth < 4; depth++) {
    if (n.type === 'conditional_expression' && ctx.flow.grammarName === 'python') return n.namedChildren[n.namedChildren.length - 1] ?? undefined;
    // `ra == null ? 1000 : ra.Delta…`, `h ? parse(h) : 5000`: the arm that does not read the header is the fallback.
    if (/^(conditional_expression|ternary_expression)$/.test(n.type) && ctx.flow.grammarName !== 'python') {
      const arms = n.namedChildren.slice(-2).filter((c): c is Node => c !== null);
      const plain = arms.filter((a) => !RETRY_AFTER_READ.test(a.text));
      if (arms.length === 2 && plain.length === 1) return plain[0];
    }
    if (ctx.flow.adapter.binaries.has(n.type) && /^(\?\?|\|\||or)$/.test(ctx.flow.adapter.operatorOf(n).trim())) return n.namedChildren[n.namedChildren.length - 1] ?? undefined;
    if (ctx.flow.adapter.calls.has(n.type) && /^(orElse|getOrElse|GetValueOrDefault)$/.test(calleeOf(n, ctx.flow.adapter).name)) return ctx.flow.adapter.callArguments(n)[0];
    // Look through conversions: `(int)(x ?? 250)`, `Duration.ofMillis(x.orElse(250))`.
    n = n.namedChildren.length === 1 ? n.namedChildren[0] : n.namedChildren.find((c) => c !== null && RETRY_AFTER_READ.test(c.text)) ?? null;
  }
  return undefined;
}

/** Values given to `name` by plain assignments in `scope` between `from` and `before`. */
function laterAssignments(scope: Node, name: string, from: number, before: number): Node[] {
  const found: Node[] = [];
  const visit = (n: Node): void => {
    if (n.endIndex <= from || n.startIndex >= before) return;
    const left = n.childForFieldName('left') ?? n.childForFieldName('name');
    const right = n.childForFieldName('right') ?? n.childForFieldName('value');
    if (left && right && n.startIndex >= from && left.text === name && /assignment/.test(n.type)) {
      found.push(right);
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(scope);
  return found;
}

/** The delay sits in the loop's catch/except clause: the wait after a network error. */
export function inCatchClause(node: Node, loop: LoopInfo): boolean {
  return !!ancestorWithin(node.parent, loop.node, /^(catch_clause|except_clause|catch_declaration)$/);
}

/** The value first given to `name` in `scope` before `before` (`name = v`, `name := v`, `long name = v`, `var name = v`). */
function firstAssignment(scope: Node, name: string, before: number): Node | undefined {
  let found: Node | undefined;
  const visit = (n: Node): void => {
    if (found || n.startIndex >= before) return;
    const left = n.childForFieldName('left') ?? n.childForFieldName('name');
    const right = n.childForFieldName('right') ?? n.childForFieldName('value');
    if (left && right && (left.text === name || left.firstNamedChild?.text === name)) {
      found = right.type === 'expression_list' ? right.firstNamedChild ?? right : right;
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(scope);
  return found;
}


/** A constant's name (`RETRY_DELAY`, `BACKOFF_RANGE`): whatever it says, it holds one value. */
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;

/**
 * The wait a retry hands to a function of the file that takes nothing (Ruby's bare `backoff`, `self._pause()`) and
 * only sleeps a constant time — a literal, a constant, a random pick between constants: it cannot grow between
 * attempts. Its delay call, when it is one; undefined for anything the helper could vary.
 */
export function constantWaitOf(ctx: DiagContext, at: Node): Node | undefined {
  const { flow } = ctx;
  const name = flow.adapter.calls.has(at.type) ? calleeOf(at, flow.adapter).name : at.type === 'identifier' ? at.text : undefined;
  const fns = name ? flow.fns.filter((f) => f.name === name) : [];
  if (fns.length !== 1) return undefined;
  const fn = fns[0];
  if (fn.readsRetryAfter || [...parameterNames(fn)].some((p) => p !== 'self' && p !== 'this')) return undefined;
  const calls = flow.callsByFn.get(fn) ?? [];
  const delays = calls.filter((c) => DELAY.test(c.name));
  if (delays.length !== 1 || calls.some((c) => !DELAY.test(c.name) && !JITTER.test(c.name) && !CONVERSIONS.test(c.name))) return undefined;
  const arg = flow.adapter.callArguments(delays[0].node)[0];
  if (!arg) return undefined;
  const names = arg.text.match(/[A-Za-z_$@][\w$.]*/g) ?? [];
  if (names.some((n) => !CONSTANT.test(n) && !JITTER.test(n) && !CONVERSIONS.test(n))) return undefined;
  return GROWING.test(arg.text.replace(/[A-Z][A-Z0-9_]*/g, '')) ? undefined : delays[0].node;
}
