import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { branchOutcome, parameterNames, subjectRoot } from '../branches';
import { retriedByCallers } from '../callerRetries';
import { alwaysLeaves, blockStatements, ifClauses, LEAVES } from '../chainSyntax';
import type { DiagContext } from '../context';
import { within } from '../flow/flowModel';
import { isRetried, loopCondition, retriedSet } from '../retriedSets';
import type { RetryLoop } from '../retryLoops';
import { fillMessage, ruleInfo } from '../rules';
import { giveUpData } from './giveUpData';
import { allTransient, conditionSet, sufficientSetOver, testsWithin, TRANSIENT_STATUSES } from '../statusSets';

const RULE = 'retryable-treated-as-final';
/** The statuses whose leaving a status-retry loop untried is worth a finding: a rate limit and an outage. */
const MUST_RETRY = ['429', '503'];
const TRY = /^try_statement$/;
/** A parameter that holds a request or a response (whose request is re-sent). */
const HANDED = /^(req|request|resp|response|res|prepared|r)$/i;

/** Where some transient statuses leave one attempt of a retry loop without another attempt. */
export interface Exit {
  /** The arm, statement or loop that lets them out. */
  at: Node;
  codes: Set<string>;
  final: { node: Node; kind: 'raise' | 'return' | 'exit' };
}

/**
 * Statuses a hand-written retry loop never retries and lets out of the loop as its result, when it retries server
 * failures: `if 200 <= s < 500: break` lets a 429 out of a loop that goes round on 5xx; `if s in (500, 502): sleep;
 * continue` then `return r` hands a 503 back untried. (A loop that retries one condition only — 429, or 503 — is a
 * handler for it and is left alone: the rest is another layer's to retry, or the caller's.)
 *
 * One attempt of the loop is followed statement by statement, narrowing the transient statuses still there: an arm
 * that goes round (continue, a wait) retries what it takes, an arm that leaves (break, return, raise) lets it out,
 * and what reaches the end of the body goes round unless the loop's condition holds only for some statuses. Loops
 * with anything the walk cannot read (a status test nested elsewhere, a success check that raises) are left alone.
 */
export function loopLeftovers(ctx: DiagContext, already: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const retry of ctx.retryLoops()) {
    if (retry.loop.kind === 'collection' || !retry.loop.body || retry.request.inferred === 'callback') continue;
    if (already.some((f) => f.rule === RULE && inside(ctx, f, retry.loop.node))) continue;
    const root = statusRoot(ctx, retry);
    if (!root) continue;
    const walk = walkAttempt(ctx, retry, root);
    // A loop that retries one condition (rate limits only, 503 only) is a handler for it: the rest is another
    // layer's concern. One that retries server failures in general and lets a 429 (or a 503) out untried has a gap.
    if (!walk || [...walk.retried].filter((c) => c.startsWith('5')).length < 2) continue;
    const { request } = retry;
    // (A function named for retrying is this loop itself, not a mechanism around it.)
    const covering = ctx.mechanisms.covering(retry.loop.node, request.call.receiver, request.library, true);
    if ((covering && covering !== `retried function ${retry.loop.fn?.name}`) || retriedByCallers(ctx, retry.loop.fn)) continue;
    // Another retry structure of the file goes round on it: a chain of handlers, one per condition
    // (`rate_limit_sleeper` for 429, `maintenance_sleeper` for 503), each leaving the others' statuses alone.
    // (Handlers re-send what they are handed — `api.session.send(response.request)` — and are chained by whoever
    // calls them; loops that each send their own request are not one another's retry.)
    const elsewhere = new Set(
      resendsHandedRequest(ctx, retry)
        ? ctx.retryLoops().filter((other) => other !== retry && resendsHandedRequest(ctx, other)).flatMap((other) => MUST_RETRY.filter((c) => isRetried(retriedSet(ctx, other), c)))
        : [],
    );
    for (const exit of walk.exits) {
      const later = exit.final.node.type.startsWith('break') || exit.final.node.text === 'break' ? testedAfterLoop(ctx, retry, root) : new Set<string>();
      const left = MUST_RETRY.filter((c) => exit.codes.has(c) && !walk.retried.has(c) && !elsewhere.has(c) && !later.has(c));
      if (left.length === 0) continue;
      findings.push(finding(ctx, retry, exit, left, [...walk.retried].sort()));
      break;
    }
  }
  return findings;
}

/** The loop re-sends a request its function was handed (an argument of the send is rooted in a parameter). */
function resendsHandedRequest(ctx: DiagContext, retry: RetryLoop): boolean {
  const fn = retry.loop.fn;
  if (!fn) return false;
  const params = parameterNames(fn);
  return ctx.flow.adapter.callArguments(retry.request.call.node).some((a) => {
    const root = a.text.split(/[.[(]/)[0];
    return params.has(root) && root !== 'self' && root !== 'this' && (HANDED.test(root) || /\.request$/.test(a.text));
  });
}

/**
 * The codes the function picks out again after the loop (`break` out of a loop that retries 5xx, then
 * `if r.status_code == 429: raise RateLimitError(wait)`): what the loop lets out is handled there, and a give-up
 * there is that statement's own finding, not the loop's.
 */
function testedAfterLoop(ctx: DiagContext, retry: RetryLoop, root: string): Set<string> {
  const fn = retry.loop.fn;
  const codes = new Set<string>();
  for (const test of ctx.clientTests()) {
    if (!test.positive || test.negated || test.test.startIndex < retry.loop.node.endIndex || (fn && test.test.endIndex > fn.end)) continue;
    if (subjectRoot(test.subject) === root) codes.add(test.occ.code);
  }
  return codes;
}

function inside(ctx: DiagContext, f: Finding, node: Node): boolean {
  const range = ctx.range(node);
  return f.range.start.line >= range.start.line && f.range.end.line <= range.end.line;
}

/** The name the loop's status tests read the response's status through (`r`, `status_code`, `$status_code`). */
export function statusRoot(ctx: DiagContext, retry: RetryLoop): string | undefined {
  const responseVar = retry.request.responseVar;
  const wraps = resendsLast(retry);
  for (const test of ctx.clientTests()) {
    if (!within(test.test, retry.loop.node)) continue;
    // Tests after the request, in the loop's own condition (`while status == 429`), or anywhere in a body the re-send ends.
    if (!wraps && test.test.startIndex < retry.request.call.end && !within(test.test, loopCondition(retry.loop) ?? retry.request.call.node)) continue;
    const root = subjectRoot(test.subject);
    if (!root) continue;
    if (root === responseVar || /status|code/i.test(root)) return root;
  }
  return undefined;
}

/** The re-send is the last statement of a loop with no condition of its own, after others: the attempt wraps to the top. */
function resendsLast(retry: RetryLoop): boolean {
  if (!retry.loop.body || loopCondition(retry.loop)) return false;
  const statements = blockStatements(retry.loop.body);
  const at = statements.findIndex((s) => within(retry.request.call.node, s));
  return at > 0 && at === statements.length - 1;
}

/** One attempt of the loop, statement by statement after the request: which statuses go round, which leave where. */
export function walkAttempt(ctx: DiagContext, retry: RetryLoop, root: string): { retried: Set<string>; exits: Exit[] } | undefined {
  let statements = blockStatements(retry.loop.body!);
  let from = statements.findIndex((s) => within(retry.request.call.node, s));
  if (from < 0) return undefined;
  // `try: r = send(); if r.status in RETRIED: continue … except RequestException: log` then `return r`: the
  // attempt goes on inside the try's body, then after the try (its handlers take errors, not statuses).
  const tryBody = TRY.test(statements[from].type) ? statements[from].childForFieldName('body') : null;
  if (tryBody) {
    const inner = blockStatements(tryBody);
    const at = inner.findIndex((s) => within(retry.request.call.node, s));
    if (at >= 0) {
      statements = [...inner.slice(at), ...statements.slice(from + 1)];
      from = 0;
    }
  }
  // The re-send as the body's last statement (`r = send()` before the loop; in it `if r.status != 429: return r`,
  // wait, `r = send()`): the attempt goes on at the top of the body, where the tests of its response are.
  const wrapped = !tryBody && resendsLast(retry) ? statements.slice(0, from) : [];
  const fnName = retry.loop.fn?.name;
  const retried = new Set<string>();
  const exits: Exit[] = [];
  let remaining = allTransient();
  for (const stmt of [...statements.slice(from + 1), ...wrapped]) {
    if (remaining.size === 0) break;
    if (/comment/.test(stmt.type)) continue;
    if (stmt.type === 'if_statement') {
      const after = new Set<string>();
      let narrowed = new Set(remaining);
      let hasElse = false;
      for (const clause of ifClauses(stmt)) {
        let possible: Set<string> | undefined;
        let certain: Set<string> | undefined;
        if (clause.condition) {
          const tests = testsWithin(ctx, clause.condition, root);
          const exact = conditionSet(ctx, clause.condition, tests, root);
          possible = exact ?? conditionSet(ctx, clause.condition, tests, root, 0, true);
          certain = exact ?? sufficientSetOver(ctx, TRANSIENT_STATUSES, clause.condition, root);
          // A test of something else (an error value, an attempt counter): what it does is not a status's doing.
          if (!possible && !certain) {
            if (testsWithin(ctx, clause.body, root).length > 0) return undefined;
            continue;
          }
        } else {
          hasElse = true;
          possible = certain = new Set(narrowed);
        }
        const entering = new Set([...(possible ?? narrowed)].filter((c) => narrowed.has(c)));
        const sure = new Set([...(certain ?? [])].filter((c) => narrowed.has(c)));
        const how = armKind(ctx, clause.body, fnName, root);
        if (how === 'unknown') return undefined;
        if (how === 'round') entering.forEach((c) => retried.add(c));
        else if (how === 'through') entering.forEach((c) => after.add(c));
        else if (sure.size) exits.push({ at: clause.node, codes: sure, final: how });
        narrowed = new Set([...narrowed].filter((c) => !sure.has(c)));
      }
      if (!hasElse) narrowed.forEach((c) => after.add(c));
      remaining = after;
      continue;
    }
    if (LEAVES.test(stmt.type) || (stmt.type === 'expression_statement' && stmt.namedChildren[0] && LEAVES.test(stmt.namedChildren[0].type))) {
      const how = armKind(ctx, stmt, fnName, root);
      if (how === 'round') remaining.forEach((c) => retried.add(c));
      else if (typeof how === 'object') exits.push({ at: stmt, codes: new Set(remaining), final: how });
      return { retried, exits };
    }
    // A status test or a success check somewhere the walk does not follow: not a loop this reading can settle.
    // (A flag taken from a test, `var limited = r.StatusCode == TooManyRequests;`, branches nothing: its ifs read it.)
    if ((testsWithin(ctx, stmt, root).length > 0 && !flagAssignment(stmt)) || /raise_for_status|EnsureSuccessStatusCode|error_for_status/.test(stmt.text)) return undefined;
  }
  // What reaches the end of the body goes round, unless the loop's condition holds only for some statuses.
  const condition = loopCondition(retry.loop);
  const tests = condition ? testsWithin(ctx, condition, root) : [];
  const holds = condition && tests.length ? conditionSet(ctx, condition, tests, root, 0, true) : undefined;
  if (!holds) {
    remaining.forEach((c) => retried.add(c));
    return { retried, exits };
  }
  for (const c of remaining) if (holds.has(c)) retried.add(c);
  const out = new Set([...remaining].filter((c) => !holds.has(c)));
  if (out.size) exits.push({ at: condition!, codes: out, final: { node: condition!, kind: 'return' } });
  return { retried, exits };
}

/**
 * What an arm (or a leaving statement) does with the attempt: goes round (`continue`, a wait, a retry call), lets it
 * through to the next statement, or leaves the loop — with the node that leaves and how.
 */
function armKind(ctx: DiagContext, body: Node, fnName: string | undefined, root: string): 'round' | 'through' | 'unknown' | { node: Node; kind: 'raise' | 'return' | 'exit' } {
  const outcome = branchOutcome(ctx, body, fnName, root);
  if (outcome.continues || outcome.retries) return 'round';
  if (!alwaysLeaves(body)) return testsWithin(ctx, body, root).length > 0 ? 'unknown' : 'through';
  const statements = LEAVES.test(body.type) ? [body] : blockStatements(body);
  const last = statements[statements.length - 1];
  if (!last) return 'through';
  const leaving = last.type === 'expression_statement' && last.namedChildren[0] ? last.namedChildren[0] : last;
  if (/^(raise_statement|throw_statement|throw_expression)$/.test(leaving.type) || /^(raise|fail)\b/.test(leaving.text)) return { node: leaving, kind: 'raise' };
  if (/^(return_statement|return_expression|return|break_statement|break)$/.test(leaving.type) || /^break$/.test(leaving.text)) return { node: leaving, kind: 'return' };
  return outcome.final ?? 'unknown';
}

/** A declaration or assignment with no way out in it (`var limited = r.StatusCode == 429;`, `ok = r.ok`). */
function flagAssignment(stmt: Node): boolean {
  return FLAG_STATEMENT.test(stmt.type) && !/\b(return|throw|raise|break|continue)\b/.test(stmt.text);
}

const FLAG_STATEMENT = /^(local_declaration_statement|lexical_declaration|variable_declaration|local_variable_declaration|short_var_declaration|assignment|expression_statement|let_declaration|property_declaration)$/;


function finding(ctx: DiagContext, retry: RetryLoop, exit: Exit, codes: string[], retried: string[]): Finding {
  // No request data: the fixes that wrap the request in a retry would put a retry inside this one.
  const data = { ...giveUpData(ctx, { anchor: exit.at, check: exit.at, branch: exit.at, final: exit.final.node, finalKind: exit.final.kind, codes }), checkRange: ctx.headRange(exit.at), checkText: ctx.doc.text.slice(exit.at.startIndex, exit.at.endIndex).split('\n')[0] };
  const how = exit.final.kind === 'raise' ? (ctx.language === 'python' ? 'raises it' : 'throws it') : 'hands it back as the result';
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes, detail: `leaves the retry loop untried and ${how}; the loop retries only ${retried.join('/')}` }),
    range: ctx.headRange(exit.at),
    related: [{ range: ctx.headRange(retry.loop.node, retry.loop.body), message: 'the retry loop, which retries other statuses only' }, ...(ctx.related(retry.request) ?? [])],
    data: data as unknown as Record<string, unknown>,
  };
}
