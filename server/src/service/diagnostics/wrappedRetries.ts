import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { inScope } from './decoratorPolicies';
import { failureSet, PROBED_STATUSES, repeatingCodes } from './failureSets';
import { calleeOf, type CallInfo } from './flow/flowModel';
import { throwsOnStatus } from './requests';
import { fillMessage, ruleInfo } from './rules';
import { codeText } from './policyValues';
import { conditionSetOver, testsWithin } from './statusSets';
import { statusAliases } from './branches';
import { importedAs } from './jsClientNames';

/*
 * What a retry library's wrapper retries, read from the callback it is handed: `pRetry(async () => { const r =
 * await fetch(u); if (!r.ok) throw new Error(…) })` retries every status the callback throws on, 404 and 429
 * alike, on p-retry's own schedule — unless the callback stops the retries for some (`throw new AbortError(…)`,
 * async-retry's `bail(err)`, `backoff.Permanent(err)`, `retry.Unrecoverable(err)`).
 */

export interface WrappedRetry {
  wrapper: CallInfo;
  callback: Node;
  /** Statuses (of PROBED_STATUSES) whose failure the callback throws and the wrapper retries. */
  retried: Set<string>;
  /** Where the callback stops the retries (`throw new AbortError(…)`, `bail(err)`), and for which statuses. */
  stops: Stop[];
  readsRetryAfter: boolean;
}

interface Stop {
  node: Node;
  codes: Set<string>;
}

/** Mechanisms whose wrapper retries any error by default (p-retry and friends, cenkalti/backoff, retry-go, Songmu/retry, RetryTemplate). */
const RETRY_ALL_ERRORS = new Set(['p-retry', 'cenkalti-backoff', 'avast-retry-go', 'songmu-retry', 'spring-retry']);

/** Calls that end a wrapper's retries for the failure they are given. */
const STOPS = /\bAbortError\b|\bbail\s*\(|\bPermanent\s*\(|\bUnrecoverable\s*\(|\bStopRetry|\bNonRetryable/;

export function wrappedRetries(ctx: DiagContext): WrappedRetry[] {
  let list = cache.get(ctx);
  if (list) return list;
  list = [];
  const { adapter, grammar } = ctx.flow;
  for (const wrapper of ctx.flow.calls) {
    // Wrappers that retry every error they are given unless told to stop; Polly's and Failsafe's policies say what
    // they handle where they are built (their result predicates are read in resultPolicies.ts).
    if (!RETRY_ALL_ERRORS.has(ctx.mechanisms.wrapperMechanism(wrapper.name) ?? '')) continue;
    const args = adapter.callArguments(wrapper.node);
    const callback = args.find((a) => grammar.functions.has(a.type)) ?? (args[0]?.type === 'identifier' ? boundLiteral(ctx, wrapper, args[0].text) : undefined);
    if (!callback) continue;
    // The requests the callback sends, or those of the file's function it calls (`pRetry(() => fetchOwner(org))`):
    // that function's checks and stops are what the wrapper sees.
    const sent = (scope: Node) => ctx.requests.filter((r) => r.call.start >= scope.startIndex && r.call.end <= scope.endIndex);
    let scope: Node = callback;
    let requests = sent(callback);
    if (requests.length === 0) {
      const helper = calledHelper(ctx, callback);
      if (helper) requests = sent((scope = helper));
    }
    if (requests.length === 0) continue;
    const retried = new Set<string>();
    const stops: Stop[] = [];
    for (const r of requests) {
      if (throwsOnStatus(r)) PROBED_STATUSES.forEach((c) => retried.add(c));
      // (Go's wrappers retry when the callback returns an error, `return fmt.Errorf(…)`: that is its failure, not a throw.)
      else if (r.responseVar) failureSet(ctx, scope, r.responseVar, 0, ctx.flow.grammarName !== 'go').forEach((c) => retried.add(c));
      if (!r.responseVar) continue;
      for (const stop of stopped(ctx, scope, r.responseVar)) {
        stop.codes.forEach((c) => retried.delete(c));
        stops.push(stop);
      }
    }
    // promise-retry retries only what the callback hands the `retry` it is given: called only under tests that are not
    // about the status (`if (error instanceof got.ParseError) return retry(error)`), it retries no failure status.
    if (importedAs(ctx.flow, 'promise-retry').has(wrapper.name) && retriesNoStatus(callback)) retried.clear();
    // p-retry's `shouldRetry: ({ error }) => error.status >= 500` keeps only what it holds for; one not read keeps nothing known.
    const filter = shouldRetryFilter(ctx, wrapper);
    if (filter === 'unread') retried.clear();
    else if (filter) for (const c of [...retried]) if (!filter.has(c)) retried.delete(c);
    const readsRetryAfter = /retry[-_]?after/i.test(codeText(wrapper.node)) || (wrapper.fn?.readsRetryAfter ?? false);
    if (retried.size > 0 || stops.length > 0) list.push({ wrapper, callback, retried, stops, readsRetryAfter });
  }
  cache.set(ctx, list);
  return list;
}

const cache = new WeakMap<DiagContext, WrappedRetry[]>();

/**
 * The statuses a `shouldRetry` / `retryIf` option of the wrapper's options lets be retried, read from a test on the
 * error it is given (`({ error }) => error.status >= 500`, `(err) => err.response?.status === 429`); 'unread' when the
 * option is there but its test is not about the status; undefined when there is none.
 */
function shouldRetryFilter(ctx: DiagContext, wrapper: CallInfo): Set<string> | 'unread' | undefined {
  const { adapter, grammar } = ctx.flow;
  for (const arg of adapter.callArguments(wrapper.node)) {
    if (arg.type !== 'object') continue;
    for (const pair of arg.namedChildren) {
      if (pair?.type !== 'pair' || !/^(shouldRetry|retryIf|shouldRetryError)$/.test(pair.childForFieldName('key')?.text ?? '')) continue;
      const fn = pair.childForFieldName('value');
      if (!fn || !grammar.functions.has(fn.type)) return 'unread';
      const root = /^\(?\s*(?:\{\s*)?([A-Za-z_$][\w$]*)/.exec(fn.childForFieldName('parameters')?.text ?? fn.childForFieldName('parameter')?.text ?? '')?.[1];
      const body = fn.childForFieldName('body');
      if (!root || !body) return 'unread';
      const tests = testsWithin(ctx, body, root);
      if (tests.length === 0) return 'unread';
      return conditionSetOver(ctx, PROBED_STATUSES, body, tests, root) ?? 'unread';
    }
  }
  return undefined;
}

/**
 * A promise-retry callback (`(retry, attempt) => …`) that hands its `retry` on only where a test not about the status
 * holds (`if (error instanceof ParseError) return retry(error)`): a failure status is thrown past it and not retried.
 * Handed on as a value (`.catch(retry)`) or called under a status test, it may retry any.
 */
function retriesNoStatus(callback: Node): boolean {
  const params = callback.childForFieldName('parameters') ?? callback.childForFieldName('parameter');
  const name = /^\(?\s*([A-Za-z_$][\w$]*)/.exec(params?.text ?? '')?.[1];
  if (!name) return false;
  const uses = callback.descendantsOfType('identifier').filter((n): n is Node => !!n && n.text === name && n.startIndex >= (params?.endIndex ?? 0));
  return uses.every((use) => {
    const call = use.parent;
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.id !== use.id) return false;
    for (let n: Node | null = call.parent; n && n.id !== callback.id; n = n.parent) {
      if (n.type === 'if_statement') return !/status|code/i.test(n.childForFieldName('condition')?.text ?? 'status');
    }
    return false;
  });
}

/** The one function of this file the callback calls (by name, or on `this`), outside the callback: its body. */
function calledHelper(ctx: DiagContext, callback: Node): Node | undefined {
  const names = new Set(ctx.flow.calls.filter((c) => c.start >= callback.startIndex && c.end <= callback.endIndex && (!c.receiver || /^(this|self)$/.test(c.receiver))).map((c) => c.name));
  const helpers = ctx.flow.fns.filter((f) => f.name && names.has(f.name) && (f.end <= callback.startIndex || f.start >= callback.endIndex));
  return helpers.length === 1 ? helpers[0].node : undefined;
}

/**
 * Where the callback stops the retries, and for which statuses: an if on the response whose branch throws a stop
 * (`if (res.status === 401) throw new AbortError(…)`), or a choice between a stop and a retried error
 * (`throw res.status >= 500 ? err : new AbortError(err)`), whose other side holds for what the enclosing test lets in.
 */
function stopped(ctx: DiagContext, callback: Node, root: string): Stop[] {
  const out: Stop[] = [];
  // (The status may be tested through a local taken from the response: `statusCode := resp.StatusCode`.)
  const roots = [root, ...statusAliases(callback, root)];
  const setOf = (condition: Node): Set<string> | undefined => {
    for (const r of roots) {
      const tests = testsWithin(ctx, condition, r);
      if (tests.length > 0 || r === root) {
        const set = conditionSetOver(ctx, PROBED_STATUSES, condition, tests, r);
        if (set || tests.length > 0) return set;
      }
    }
    return undefined;
  };
  const visit = (n: Node, entered: Set<string> | undefined): void => {
    if (ctx.flow.grammar.ifs.has(n.type)) {
      const condition = n.childForFieldName('condition');
      const body = n.childForFieldName('consequence');
      const holds = condition ? setOf(condition) : undefined;
      if (condition && body && STOPS.test(body.text) && !choiceStop(body) && !alsoRetries(ctx, body)) {
        if (holds?.size) out.push({ node: body, codes: holds });
        return;
      }
      for (const c of n.namedChildren) if (c) visit(c, c.id === body?.id ? holds : entered);
      return;
    }
    if (CHOICE_NODE.test(n.type)) {
      const condition = n.childForFieldName('condition');
      const [yes, no] = [n.childForFieldName('consequence') ?? n.namedChildren[1], n.childForFieldName('alternative') ?? n.namedChildren[2]];
      const holds = condition ? setOf(condition) : undefined;
      if (condition && yes && no && holds) {
        if (STOPS.test(yes.text) && !STOPS.test(no.text) && holds.size) out.push({ node: yes, codes: holds });
        else if (STOPS.test(no.text) && !STOPS.test(yes.text)) {
          const rest = new Set([...(entered ?? PROBED_STATUSES)].filter((c) => !holds.has(c)));
          if (rest.size) out.push({ node: no, codes: rest });
        }
        return;
      }
    }
    for (const c of n.namedChildren) if (c) visit(c, entered);
  };
  visit(callback, undefined);
  return out;
}

/** A conditional expression (`a ? b : c`): its arms may be a stop and a retried error. */
const CHOICE_NODE = /^(ternary_expression|conditional_expression)$/;

function choiceStop(body: Node): boolean {
  return body.descendantsOfType(['ternary_expression', 'conditional_expression']).some((n) => !!n && STOPS.test(n.text));
}

/** The wrapper call's name, for anchoring (`pRetry` in `await pRetry(…)`, `Retry` in `backoff.Retry(…)`). */
function nameRange(ctx: DiagContext, call: Node): Finding['range'] {
  const callee = ctx.flow.adapter.callee(call) ?? call;
  const name = calleeOf(call, ctx.flow.adapter).name;
  const at = callee.text.lastIndexOf(name);
  const start = callee.startIndex + Math.max(0, at);
  return ctx.doc.lines.rangeOf(start, start + name.length);
}

export function wrappedRetryAfterFindings(ctx: DiagContext): Finding[] {
  const rule = 'retry-ignores-retry-after';
  return wrappedRetries(ctx)
    .filter((w) => !w.readsRetryAfter && inScope(ctx, w.wrapper.start))
    .flatMap((w) => {
      const codes = ['429', '503'].filter((c) => w.retried.has(c));
      if (codes.length === 0) return [];
      return [{ rule, severity: ruleInfo(rule)!.defaultSeverity, message: fillMessage(rule, { codes }), range: nameRange(ctx, w.wrapper.node), data: { ...ctx.base(w.wrapper.node), codes, wrapper: w.wrapper.name } }];
    });
}

export function wrappedNonRetryableFindings(ctx: DiagContext): Finding[] {
  const rule = 'non-retryable-retried';
  return wrappedRetries(ctx)
    .filter((w) => inScope(ctx, w.wrapper.start))
    .flatMap((w) => {
      const codes = repeatingCodes(w.retried, !ctx.isNonRetryable('403', w.wrapper.node));
      if (codes.length === 0) return [];
      return [{ rule, severity: ruleInfo(rule)!.defaultSeverity, message: fillMessage(rule, { codes }), range: nameRange(ctx, w.wrapper.node), data: { ...ctx.base(w.wrapper.node), codes, codeRanges: [], wrapper: w.wrapper.name } }];
    });
}

/**
 * The branch also ends in a way that lets the wrapper retry: a throw of an error that is no stop
 * (`if (retryAfter) { await delay(retryAfter); throw new Error('rate limited') } throw new AbortError(…)`).
 */
function alsoRetries(ctx: DiagContext, body: Node): boolean {
  const { grammar } = ctx.flow;
  let found = false;
  const visit = (n: Node): void => {
    if (found || grammar.functions.has(n.type)) return;
    if (grammar.raises.has(n.type) && !STOPS.test(n.text)) found = true;
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(body);
  return found;
}

/**
 * The function literal a name handed to the wrapper is bound to in the same function (`operation := func() error {…}`
 * … `backoff.Retry(operation, b)`, `const attempt = async () => {…}` … `pRetry(attempt)`), when it is bound once.
 */
function boundLiteral(ctx: DiagContext, wrapper: CallInfo, name: string): Node | undefined {
  const scope = wrapper.fn?.node;
  if (!scope || !/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const { text, grammar } = ctx.flow;
  const found: Node[] = [];
  const visit = (n: Node): void => {
    if (n.id !== scope.id && grammar.functions.has(n.type)) {
      const lineStart = text.lastIndexOf('\n', n.startIndex) + 1;
      if (new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*(?::=|=(?!=))\\s*$`).test(text.slice(lineStart, n.startIndex))) found.push(n);
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(scope);
  return found.length === 1 && found[0].endIndex <= wrapper.start ? found[0] : undefined;
}

/**
 * `retryable-treated-as-final` where a retrying wrapper's callback stops the retries for a transient status:
 * `throw res.status >= 500 ? err : new AbortError(err)` gives a 429 up for good although p-retry is right there.
 */
export function wrappedStopFindings(ctx: DiagContext): Finding[] {
  const rule = 'retryable-treated-as-final';
  return wrappedRetries(ctx)
    .filter((w) => inScope(ctx, w.wrapper.start))
    .flatMap((w) =>
      w.stops.flatMap((stop) => {
        const codes = ['429', '503'].filter((c) => stop.codes.has(c));
        if (codes.length === 0) return [];
        const detail = `it stops ${w.wrapper.name}'s retries for it`;
        return [{ rule, severity: ruleInfo(rule)!.defaultSeverity, message: fillMessage(rule, { codes, detail }), range: ctx.range(stop.node), data: { ...ctx.base(stop.node), codes, wrapper: w.wrapper.name } }];
      }),
    );
}
