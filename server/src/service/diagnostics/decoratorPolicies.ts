import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { configPolicyProblems, type PolicyProblem } from './configPolicies';
import { fillMessage, ruleInfo } from './rules';
import { wrapsSwallowingFunction } from './swallowedRetries';
import { policyDefaults } from './policyDefaults';
import type { StatusRaise } from './decoratedStatusRaises';
import { escapingRaises, excludedRaises, leavesStatusFailures, namesStatusErrors } from './decoratedExceptionTypes';

/**
 * Python retry decorators read as data: tenacity `@retry(wait=…, stop=…, retry=…)` and
 * `@backoff.on_exception(wait_gen, exceptions, …)`. What they decide — the delay between attempts, whether
 * attempts end, whether a rate-limit retry waits for the server's Retry-After — is read from the
 * arguments, with each library's defaults (tenacity: no wait, never stops; backoff: no cap unless
 * max_tries/max_time). A wait given by a function of the project's own is trusted, not guessed.
 */
export interface DecoratorPolicy {
  decorator: Node;
  library: 'tenacity' | 'backoff' | 'celery';
  delay: 'none' | 'fixed' | 'growing' | 'custom';
  capped: boolean;
  /** The retried condition names a rate-limit failure (RateLimitError, TooManyRequests, 429, throttling). */
  rateLimited: boolean;
  /**
   * It retries the exceptions a failure status raises: every exception (tenacity's default), or a type that
   * is a status error or a base of one (`Exception`, `RequestException`, `HTTPError`, `HTTPStatusError`).
   */
  catchesStatusFailures: boolean;
  /** It names the exceptions it retries, none of them a status error, around a function that raises for statuses. */
  leavesStatusFailures?: boolean;
  /** The function's own status tests that raise a type the decorator does not retry (`if s >= 400: raise Failed(…)`). */
  escapes?: StatusRaise[];
}

const GROWING = /\bwait_(exponential|random_exponential|exponential_jitter|random|incrementing|chain)\b|\bexpo\b|\bfibo\b/;
const FIXED = /\bwait_fixed\b|\bconstant\b/;
const NONE = /\bwait_none\b/;
const RATE_LIMIT = /rate_?limit|too_?many_?requests|throttl|\b429\b/i;

/** The decorated function is a generator (sync or async): a `yield` of its own, not of a nested function. */
function decoratesGenerator(decorator: Node): boolean {
  const definition = decorator.parent?.childForFieldName('definition');
  const body = definition?.type === 'function_definition' ? definition.childForFieldName('body') : null;
  if (!body) return false;
  const visit = (n: Node): boolean => {
    if (n.type === 'yield') return true;
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return false;
    return n.namedChildren.some((c) => c !== null && visit(c));
  };
  return visit(body);
}

/** The decorator policies of an analysis, read once (five rules and helpers ask; each reading walks the tree). */
export function decoratorPolicies(ctx: DiagContext): readonly DecoratorPolicy[] {
  let policies = policiesByContext.get(ctx);
  if (!policies) policiesByContext.set(ctx, (policies = readDecoratorPolicies(ctx)));
  return policies;
}
const policiesByContext = new WeakMap<DiagContext, readonly DecoratorPolicy[]>();

/** The tenacity/backoff decorators of a Python file, as policies. */
function readDecoratorPolicies(ctx: DiagContext): DecoratorPolicy[] {
  if (ctx.flow.grammarName !== 'python' || !ctx.doc.tree) return [];
  const tenacity = ctx.flow.imports.some((m) => m === 'tenacity' || m.startsWith('tenacity.'));
  const backoff = ctx.flow.imports.some((m) => m === 'backoff' || m.startsWith('backoff.'));
  // (The project's own Celery app is imported too: `from core.celery import celery`; `autoretry_for` is Celery's alone.)
  const celery = ctx.flow.imports.some((m) => m === 'celery' || m.startsWith('celery.') || m.endsWith('.celery')) || /\bautoretry_for\s*=/.test(ctx.flow.text);
  if (!tenacity && !backoff && !celery) return [];
  const policies: DecoratorPolicy[] = [];
  for (const decorator of ctx.doc.tree.rootNode.descendantsOfType('decorator')) {
    if (!decorator || wrapsSwallowingFunction(ctx, decorator)) continue;
    const expr = decorator.namedChildren[0];
    // tenacity and backoff wrap the call of a generator function, which returns the generator at once and never
    // raises: what fails while it is iterated is outside the decorator, so it retries nothing.
    if (decoratesGenerator(decorator) && /\b(retry|on_exception|on_predicate)\b/.test(expr?.text.split('(')[0] ?? '')) continue;
    if (!expr) continue;
    const call = expr.type === 'call' ? expr : null;
    const callee = (call ? call.childForFieldName('function') : expr)?.text ?? '';
    const last = callee.split('.').pop() ?? '';
    const args = call?.childForFieldName('arguments') ?? null;
    const keyword = (name: string): Node | undefined =>
      args?.namedChildren.find((a): a is Node => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? undefined;
    if (tenacity && last === 'retry' && (callee === 'retry' || callee.startsWith('tenacity.'))) {
      const wait = keyword('wait');
      // (`retry=(retry_if_exception_type(A) | retry_if_exception_type(B))`: the parenthesised union reads as its members.)
      const retryCondition = keyword('retry')?.text.replace(/^\(\s*/, '');
      policies.push({
        decorator,
        library: 'tenacity',
        delay: !wait ? 'none' : GROWING.test(wait.text) ? 'growing' : FIXED.test(wait.text) ? 'fixed' : NONE.test(wait.text) ? 'none' : 'custom',
        capped: keyword('stop') !== undefined,
        rateLimited: RATE_LIMIT.test(keyword('retry')?.text ?? ''),
        // No `retry=`: every exception; `retry_if_exception_type(T)`: T; anything else (a predicate): not known.
        catchesStatusFailures: !retryCondition || (/^(tenacity\.)?retry_if_exception_type\(/.test(retryCondition) && namesStatusErrors(retryCondition.replace(/^[^(]*\(/, ''))),
        leavesStatusFailures: /^(tenacity\.)?retry_if_exception_type\(/.test(retryCondition ?? '') && leavesStatusFailures(ctx, decorator, retryCondition!.replace(/^[^(]*\(/, '')),
        escapes: /^(tenacity\.)?retry_if_exception_type\(/.test(retryCondition ?? '')
          ? escapingRaises(ctx, decorator, retryCondition!.replace(/^[^(]*\(/, ''))
          : /^(tenacity\.)?retry_if_not_exception_type\(/.test(retryCondition ?? '')
            ? excludedRaises(ctx, decorator, retryCondition!.replace(/^[^(]*\(/, ''))
            : undefined,
      });
    } else if (backoff && (last === 'on_exception' || last === 'on_predicate') && args) {
      const positional = args.namedChildren.filter((a): a is Node => a !== null && a.type !== 'keyword_argument' && a.type !== 'comment');
      // (`on_exception(wait_gen=backoff.expo, exception=RequestException, …)`: the same two, by name.)
      const gen = (positional[0] ?? keyword('wait_gen'))?.text ?? '';
      const caught = (positional[1] ?? keyword('exception') ?? keyword('predicate'))?.text ?? '';
      policies.push({
        decorator,
        library: 'backoff',
        delay: GROWING.test(gen) ? 'growing' : FIXED.test(gen) ? 'fixed' : 'custom',
        capped: keyword('max_tries') !== undefined || keyword('max_time') !== undefined,
        rateLimited: RATE_LIMIT.test(caught),
        catchesStatusFailures: last === 'on_exception' && !keyword('giveup') && namesStatusErrors(caught),
        leavesStatusFailures: last === 'on_exception' && leavesStatusFailures(ctx, decorator, caught),
        escapes: last === 'on_exception' ? escapingRaises(ctx, decorator, caught) : undefined,
      });
    } else if (celery && (last === 'task' || last === 'shared_task') && keyword('autoretry_for')) {
      // Celery re-runs the task on the errors `autoretry_for` names: after `default_retry_delay` (the same every
      // time) unless `retry_backoff` makes it grow; `max_retries` caps it unless None (server/data/retry-policies.json).
      const defaults = policyDefaults('celery-autoretry');
      const growing = keyword('retry_backoff');
      const max = keyword('max_retries');
      policies.push({
        decorator,
        library: 'celery',
        delay: growing && !/^(False|0|None)$/.test(growing.text) ? 'growing' : 'fixed',
        capped: max ? max.text !== 'None' : (defaults.retries ?? 0) > 0,
        rateLimited: RATE_LIMIT.test(keyword('autoretry_for')!.text),
        catchesStatusFailures: namesStatusErrors(keyword('autoretry_for')!.text),
        leavesStatusFailures: leavesStatusFailures(ctx, decorator, keyword('autoretry_for')!.text),
        escapes: escapingRaises(ctx, decorator, keyword('autoretry_for')!.text),
      });
    }
  }
  return policies;
}

/** retry-without-backoff for decorator policies: no delay, a fixed delay, or attempts that never end. */
export function decoratorBackoffFindings(ctx: DiagContext): Finding[] {
  const rule = 'retry-without-backoff';
  const findings: Finding[] = [];
  for (const p of decoratorPolicies(ctx)) {
    if (!inScope(ctx, p.decorator.startIndex)) continue;
    const detail =
      p.delay === 'none' ? `(${p.library} decorator) retries immediately, with no wait`
        : p.delay === 'fixed' ? `(${p.library} decorator) waits a fixed time between attempts`
          : !p.capped ? `(${p.library} decorator) never stops retrying` : undefined;
    if (!detail) continue;
    const problem = p.delay === 'none' ? 'no-delay' : p.delay === 'fixed' ? 'fixed-delay' : 'no-cap';
    findings.push({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, { detail }),
      range: ctx.headRange(p.decorator),
      data: { ...ctx.base(p.decorator), problem, declarative: p.library },
    });
  }
  return [...findings, ...configFindings(ctx, rule)];
}

/** Whole-file readers report only inside the unit an incremental pass re-analyses (the rest is kept from before). */
export function inScope(ctx: DiagContext, offset: number): boolean {
  const scope = ctx.flow.scope;
  return !scope || (offset >= scope.start && offset < scope.end);
}

/** Findings of the declarative configurations (configPolicies.ts) for one rule, each carrying its configuration edit. */
function configFindings(ctx: DiagContext, rule: PolicyProblem['rule']): Finding[] {
  return configPolicyProblems(ctx)
    .filter((p) => p.rule === rule && inScope(ctx, p.at?.start ?? p.anchor.startIndex))
    .map((p) => ({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, rule === 'retry-without-backoff' ? { detail: p.detail } : rule === 'retryable-treated-as-final' ? { codes: p.codes ?? ['429'], detail: p.detail } : { codes: p.codes ?? ['429'] }),
      range: p.at ? ctx.doc.lines.rangeOf(p.at.start, p.at.end) : ctx.headRange(p.anchor),
      data: {
        ...ctx.base(p.anchor),
        ...(p.problem ? { problem: p.problem } : {}),
        ...(p.codes ? { codes: p.codes } : {}),
        declarative: p.library,
        ...(p.fix?.edits.length ? { configFix: { title: p.fix.title, edits: p.fix.edits.map((e) => ({ range: ctx.doc.lines.rangeOf(e.start, e.end), newText: e.newText })) } } : {}),
      },
    }));
}

/** retry-ignores-retry-after for decorator policies retrying a rate-limit failure on the library's own wait. */
export function decoratorRetryAfterFindings(ctx: DiagContext): Finding[] {
  const rule = 'retry-ignores-retry-after';
  const findings: Finding[] = [];
  for (const p of decoratorPolicies(ctx)) {
    if (!p.rateLimited || p.delay === 'custom' || !inScope(ctx, p.decorator.startIndex)) continue;
    findings.push({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, { codes: ['429'] }),
      range: ctx.headRange(p.decorator),
      data: { ...ctx.base(p.decorator), codes: ['429'], declarative: p.library },
    });
  }
  return [...findings, ...configFindings(ctx, rule)];
}

/** retryable-treated-as-final for declarative policies: a retried set that leaves a rate limit out. */
export function policyGiveUpFindings(ctx: DiagContext): Finding[] {
  const rule = 'retryable-treated-as-final';
  const findings: Finding[] = [];
  // A decorator retrying named failures (connection errors, a timeout) around a function whose success check raises
  // for every failure status: a 429 or a 503 raises a type the decorator lets through, on the first attempt.
  for (const p of decoratorPolicies(ctx)) {
    if (!inScope(ctx, p.decorator.startIndex)) continue;
    // Each status test of the function that raises a type the decorator lets through, reported where it raises.
    for (const e of p.escapes ?? []) {
      const codes = e.codes.filter((c) => c === '429' || c === '503');
      if (codes.length === 0) continue;
      const detail = `raises ${e.type}, which this ${p.library} decorator does not retry`;
      findings.push({
        rule,
        severity: ruleInfo(rule)!.defaultSeverity,
        message: fillMessage(rule, { codes, detail }),
        range: ctx.headRange(e.at),
        related: [{ range: ctx.headRange(p.decorator), message: `the ${p.library} decorator, which retries other failures only` }],
        data: { ...ctx.base(e.at), codes, declarative: p.library },
      });
    }
    if (!p.leavesStatusFailures || p.escapes?.length) continue;
    const codes = ['429', '500', '502', '503', '504'];
    const detail = `raises for them through its success check, and this ${p.library} decorator retries none of the types that raises`;
    findings.push({
      rule,
      severity: ruleInfo(rule)!.defaultSeverity,
      message: fillMessage(rule, { codes, detail }),
      range: ctx.headRange(p.decorator),
      data: { ...ctx.base(p.decorator), codes, declarative: p.library },
    });
  }
  return [...findings, ...configFindings(ctx, rule)];
}
