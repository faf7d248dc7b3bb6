import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { subjectRoot, type StatusTest } from './branches';
import { imports, nodes } from './policyOptions';
import { policyDefaults, type PolicyId } from './policyDefaults';
import { fillMessage, ruleInfo } from './rules';
import { conditionSet, TRANSIENT_STATUSES } from './statusSets';
import { cachedRegExp } from '../regexCache';

const RULE = 'retryable-treated-as-final';

/** A retry condition written in place of a library's default one: the predicate, the parameter holding the response or error, and its value. */
interface WrittenCondition {
  library: PolicyId;
  /** How the finding names the library and the setting. */
  name: string;
  /** The call or option that sets the condition (the finding's anchor). */
  at: Node;
  param: string;
  value: Node;
}

/**
 * A retry policy whose default condition retries some transient statuses, given a condition of its own that leaves some
 * of them out: Ktor's HttpRequestRetry retries 5xx by default and `retryIf { _, r -> r.status.value == 429 }` replaces
 * that, so a 503 is not retried any more; axios-retry retries 429 and 5xx by default and `retryCondition: (e) =>
 * e.response?.status === 503` keeps only the 503. The statuses the default retried and the written condition does not
 * hold for come back to the caller as final failures. (A library with no default condition — Polly, resilience4j — is
 * not read here: what its policy leaves out was never retried.) Conditions the status sets cannot read are left alone.
 */
export function narrowedDefaultConditions(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const written of writtenConditions(ctx)) {
    const ranges = policyDefaults(written.library).retriedStatuses ?? [];
    const byDefault = TRANSIENT_STATUSES.filter((c) => ranges.some(([lo, hi]) => Number(c) >= lo && Number(c) <= hi));
    const { value, param } = throughLet(written.value, written.param);
    const tests = testsOn(ctx, value, param);
    // Every read of the response must be one of the tests: a part the sets do not read (`status.value in 500..599`) could hold for anything.
    if (tests.length === 0 || !readsOnlyThroughTests(value, param, tests)) continue;
    // The statuses the written condition may hold for (a superset when it also reads attempts or methods).
    const holds = conditionSet(ctx, value, tests, param, 0, true);
    if (!holds) continue;
    const left = byDefault.filter((c) => !holds.has(c));
    if (left.length === 0) continue;
    const kept = TRANSIENT_STATUSES.filter((c) => holds.has(c));
    const detail = `${written.name} replaces the default condition, which retried ${rangeText(ranges)}, with one that retries ${kept.length ? `only ${kept.join('/')}` : 'none of them'}; they come back to the caller as final failures`;
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes: left, detail }),
      range: ctx.headRange(written.at),
      data: { ...ctx.base(written.at), codes: left, declarative: written.library },
    });
  }
  return findings;
}

/** Kotlin `response.status.value.let { it == 429 }`: the condition is the inner lambda's, on `it` (or the name it gives). */
function throughLet(value: Node, param: string): { value: Node; param: string } {
  if (value.type !== 'call_expression' || !cachedRegExp(`^${param}\\b[\\w.?]*\\.let\\s*\\{`).test(value.text)) return { value, param };
  const lambda = value.descendantsOfType('lambda_literal')[0];
  if (!lambda) return { value, param };
  const named = lambda.namedChildren.find((c) => c?.type === 'lambda_parameters')?.text.replace(/:.*$/s, '').trim();
  const inner = lambda.namedChildren.filter((c): c is Node => c !== null && c.type !== 'lambda_parameters' && !/comment/.test(c.type)).pop();
  return inner ? { value: lastExpression(inner), param: named || 'it' } : { value, param };
}

/** Each mention of `param` in the condition lies inside one of the status tests. */
function readsOnlyThroughTests(value: Node, param: string, tests: readonly StatusTest[]): boolean {
  const mention = cachedRegExp(`(^|[^\\w$.])${param.replace(/[$]/g, '\\$')}\\b`, 'g');
  for (const m of value.text.matchAll(mention)) {
    const at = value.startIndex + (m.index ?? 0) + m[1].length;
    if (!tests.some((t) => t.test.startIndex <= at && at < t.test.endIndex)) return false;
  }
  return true;
}

function rangeText(ranges: number[][]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : lo === 500 && hi === 599 ? '5xx' : `${lo}-${hi}`)).join(' and ');
}

/** The status tests inside the condition on its parameter, whatever role their codes were given (they configure the retry). */
function testsOn(ctx: DiagContext, value: Node, param: string): StatusTest[] {
  const tests: StatusTest[] = [];
  for (const occ of ctx.occurrences) {
    const node = ctx.nodeOf(occ);
    if (!node || node.startIndex < value.startIndex || node.endIndex > value.endIndex) continue;
    const test = ctx.testOf(occ);
    if (test && subjectRoot(test.subject) === param) tests.push(test);
  }
  return tests;
}

function writtenConditions(ctx: DiagContext): WrittenCondition[] {
  switch (ctx.flow.grammarName) {
    case 'kotlin': return ktorRetryIfs(ctx);
    case 'javascript': case 'typescript': case 'tsx': return axiosRetryConditions(ctx);
    default: return [];
  }
}

/** Ktor `retryIf { request, response -> … }` inside `install(HttpRequestRetry) { … }` (or a per-request `retry { … }`). */
function ktorRetryIfs(ctx: DiagContext): WrittenCondition[] {
  if (!/\bHttpRequestRetry\b/.test(ctx.flow.text)) return [];
  const out: WrittenCondition[] = [];
  for (const call of ctx.flow.calls) {
    if (call.name !== 'retryIf' || call.receiver) continue;
    const config = configBlock(call.node);
    // `retryOnServerErrors()` (or the combined form) written in the same block keeps the 5xx retried.
    if (!config || /\bretryOn(ExceptionOr)?ServerErrors\s*\(/.test(config.text)) continue;
    const lambda = call.node.descendantsOfType('lambda_literal')[0];
    const params = lambda?.namedChildren.find((c) => c?.type === 'lambda_parameters');
    const names = params?.namedChildren.filter((c): c is Node => c !== null).map((c) => c.text.replace(/:.*$/s, '').trim()) ?? [];
    const value = lambda?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'lambda_parameters' && !/comment/.test(c.type)).pop();
    const param = names[1];
    if (!lambda || !value || !param || param === '_') continue;
    out.push({ library: 'ktor-http-request-retry', name: 'retryIf (Ktor HttpRequestRetry)', at: call.node, param, value: lastExpression(value) });
  }
  return out;
}

/** The `install(HttpRequestRetry) { … }` or `retry { … }` call a configuration call sits in. */
function configBlock(call: Node): Node | undefined {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === 'call_expression' && (/^install\s*\(\s*(\w+\.)*HttpRequestRetry\s*\)/.test(n.text) || /^retry\s*\{/.test(n.text))) return n;
  }
  return undefined;
}

/** Kotlin's `statements` wrapper: the value of a lambda is its last statement. */
function lastExpression(n: Node): Node {
  if (n.type !== 'statements') return n;
  return n.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type)).pop() ?? n;
}

/** axios-retry `retryCondition: (error) => …` (an arrow with an expression body, or a block with one return). */
function axiosRetryConditions(ctx: DiagContext): WrittenCondition[] {
  if (!imports(ctx, /^axios-retry$/) && !/require\(\s*['"]axios-retry['"]\s*\)/.test(ctx.flow.text)) return [];
  const out: WrittenCondition[] = [];
  for (const pair of nodes(ctx, 'pair')) {
    if (pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') !== 'retryCondition') continue;
    const fn = pair.childForFieldName('value');
    if (!fn || !/^(arrow_function|function_expression|function)$/.test(fn.type)) continue;
    // (A condition that calls the library's own predicates keeps what they retry.)
    if (/\bis(NetworkOrIdempotentRequestError|RetryableError|IdempotentRequestError|SafeRequestError|NetworkError)\b/.test(fn.text)) continue;
    const param = [...parameterNamesOf(fn)][0];
    const body = fn.childForFieldName('body');
    const value = body?.type === 'statement_block' ? singleReturn(body) : body;
    if (!param || !value) continue;
    out.push({ library: 'axios-retry', name: 'retryCondition (axios-retry)', at: pair, param, value });
  }
  return out;
}

function parameterNamesOf(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single.text];
  const list = fn.childForFieldName('parameters');
  return (list?.namedChildren ?? []).filter((c): c is Node => c !== null).map((c) => (c.childForFieldName('pattern') ?? c).text.replace(/[:=].*$/s, '').trim());
}

function singleReturn(block: Node): Node | undefined {
  const statements = block.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  if (statements.length !== 1 || statements[0].type !== 'return_statement') return undefined;
  return statements[0].namedChildren.find((c) => c !== null) ?? undefined;
}
