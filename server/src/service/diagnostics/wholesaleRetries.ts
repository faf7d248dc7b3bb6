import type { Node } from 'web-tree-sitter';
import { goErrorRetried } from './goErrorRetries';
import { escapeRegExp } from './regexText';
import { branchOutcome, errorViews, subjectRoot } from './branches';
import { alwaysLeaves, blockStatements, CATCH_CLAUSE, catchBody, caughtClassNames, caughtTypeNames, ifClauses, tryBlock } from './chainSyntax';
import { conditionSet, conditionSetOver, sufficientSetOver, testsNamedSet, testsWithin } from './statusSets';
import type { DiagContext } from './context';
import { failureSet, PROBED_STATUSES, SUCCESS_CHECK } from './failureSets';
import { calleeOf, enclosingFn, within } from './flow/flowModel';
import type { RetryLoop } from './retryLoops';
import { throwsOnStatus } from './requests';
import { isBreak, isContinue } from './flow/flowGrammar';
import { statusAccessorLocal } from './statusAccessors';

/** Exception types that a failure status is raised as (or a base of it): catching one catches status failures. */
const STATUS_CATCHING = /^(Exception|BaseException|Error|HTTPError|APIStatusError|HTTPStatusError|RequestException|RequestError|Throwable|ClientError|ClientResponseError|HttpRequestException|AxiosError|ApiException|APIError|ApiError|HTTPException|WebException|StandardError|RuntimeException|WebClientResponseException|WebClientException|RestClientResponseException|RestClientException|HttpStatusCodeException)$/;

const wholesale = new WeakMap<RetryLoop, Set<string>>();

/**
 * Statuses (of `PROBED_STATUSES`) a loop goes round on because its request failed as a whole, with no
 * status named where it retries: a call to a sender of the file that fails on them (`err = c.upload(b)`),
 * or a success check / a thrown failure inside a try in the loop whose catch does not leave
 * (`try: r.raise_for_status() … except HTTPError: sleep(d)`; axios rejecting a 503).
 */
export function wholesaleRetried(ctx: DiagContext, retry: RetryLoop): Set<string> {
  let set = wholesale.get(retry);
  if (set) return set;
  set = new Set();
  wholesale.set(retry, set);
  const request = retry.request as RetryLoop['request'] & { sender?: { failsOn(): Set<string> } };
  const tryNode = tryAround(ctx, request.call.node, retry.loop.node);
  if (request.sender) {
    // Go-style: the error comes back as a value and the loop goes round on it; exceptions: a catch that stays.
    if (ctx.flow.grammarName === 'go' || !tryNode || catchStays(ctx, tryNode)) for (const c of request.sender.failsOn()) set.add(c);
    // What the catch gives up on (`if (e.status < 500 && e.status !== 429) throw e`) is not retried; a give-up on a
    // test the model cannot read leaves what is retried unknown.
    if (tryNode && ctx.flow.grammarName !== 'go') {
      if (unreadableGiveUp(ctx, tryNode)) set.clear();
      for (const c of caughtGiveUps(ctx, tryNode)) set.delete(c);
    }
    // What goes round meets the loop's first test again: only what it lets stay is retried.
    const gate = topGate(ctx, retry);
    if (gate) for (const c of [...set]) if (!gate.has(c)) set.delete(c);
    // Go: a test of the error after the call that leaves (`if !isRetryable(err) { return err }`) takes its statuses out.
    if (ctx.flow.grammarName === 'go' && request.responseVar) for (const c of leftAfterCall(ctx, retry, request.responseVar)) set.delete(c);
    return set;
  }
  // Go: a stub, SDK or status-reading call whose error branch stays in the loop sends again on every failure.
  const goRetried = goErrorRetried(ctx, request, retry.loop);
  if (goRetried) {
    for (const c of goRetried) set.add(c);
    return set;
  }
  if (request.inferred === 'sdk') {
    if (tryNode) for (const c of sdkErrorsRetried(ctx, tryNode)) set.add(c);
    return set;
  }
  if (!tryNode) {
    for (const c of fallthroughRetried(ctx, retry)) set.add(c);
    return set;
  }
  if (!catchStays(ctx, tryNode)) {
    // The try catches network errors only; the status checks after the request (or in its `else:`) decide.
    for (const c of fallthroughRetried(ctx, retry)) set.add(c);
    return set;
  }
  const body = tryBlock(tryNode);
  if (throwsOnStatus(request)) PROBED_STATUSES.forEach((c) => set!.add(c));
  else if (body && request.responseVar) {
    if (ownRaisesCaught(ctx, tryNode, body)) for (const c of failureSet(ctx, body, request.responseVar, 0, true)) set.add(c);
    // What the try's body only logs (`if (!res.ok) log(…) else done = true`) goes round as well as what it throws.
    for (const c of fallthroughRetried(ctx, retry)) set.add(c);
  }
  // What the catch clause itself gives up on (`except HTTPError as e: if e.response.status_code < 500: raise`) is not retried.
  // (A give-up on a test the model cannot read leaves what is retried unknown.)
  if (unreadableGiveUp(ctx, tryNode)) {
    set.clear();
    return set;
  }
  for (const c of caughtGiveUps(ctx, tryNode)) set.delete(c);
  return set;
}

/** The innermost try statement holding `node` inside `loop`. */
export function tryAround(ctx: DiagContext, node: Node, loop: Node): Node | undefined {
  for (let n: Node | null = node.parent; n && n.id !== loop.id; n = n.parent) {
    if (/^try(_with_resources)?_statement$/.test(n.type) || (n.type === 'try_expression' && ctx.flow.grammarName !== 'go')) return n;
  }
  return undefined;
}

/** Some catch clause of the try catches a status failure and does not leave the loop (no raise/return/break). */
export function catchStays(ctx: DiagContext, tryNode: Node): boolean {
  const fnName = retryFnName(ctx, tryNode);
  for (const clause of tryNode.namedChildren) {
    if (!clause || !CATCH_CLAUSE.test(clause.type)) continue;
    const body = catchBody(clause);
    if (!catchesStatusFailures(ctx, clause) && !catchesOwnThrow(ctx, tryNode, clause, body)) continue;
    if (!body) return true;
    const outcome = branchOutcome(ctx, body, fnName);
    if (outcome.continues || outcome.retries || !outcome.final) return true;
    // `except RequestException as e: if not retryable(e): raise` then `log(e)`: what the test lets past stays.
    if (outcome.final.kind === 'raise' && !alwaysLeaves(body) && conditionalGiveUp(ctx, body)) return true;
  }
  return false;
}

/** The clause's give-up sits under an if of its own (`if not retryable(e): raise`), not at its end. */
function conditionalGiveUp(ctx: DiagContext, body: Node): boolean {
  const statements = body.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
  return statements.length > 1 && ctx.flow.grammar.ifs.has(statements[0].type);
}

/**
 * The statuses an SDK call's error classes stand for, caught by clauses that stay in the loop: a class the
 * catalogs give a status (`anthropic.RateLimitError` → 429, `openai.InternalServerError` → 500), every status
 * for a base class or a bare catch (`except anthropic.APIError`, `except Exception`); a connection error none.
 */
function sdkErrorsRetried(ctx: DiagContext, tryNode: Node): Set<string> {
  const out = new Set<string>();
  for (const clause of stayingClauses(ctx, tryNode)) {
    const types = caughtTypeNames(ctx.flow.text, clause).filter((t) => /^[A-Z]/.test(t.split('.').pop() ?? ''));
    if (types.length === 0) PROBED_STATUSES.forEach((c) => out.add(c));
    for (const type of types) {
      const name = type.split('.').pop() ?? type;
      if (STATUS_CATCHING.test(name)) {
        PROBED_STATUSES.forEach((c) => out.add(c));
        continue;
      }
      const status = [...ctx.registry.errorCode(type), ...ctx.registry.errorCode(name)].map((e) => e.entry.httpStatus).find((s) => s !== undefined);
      if (status !== undefined) out.add(String(status));
    }
  }
  return out;
}

/** Some catch clause of the try around an SDK call stays in the loop: whatever it catches goes round again. */
export function sdkErrorsStay(ctx: DiagContext, tryNode: Node): boolean {
  return stayingClauses(ctx, tryNode).length > 0;
}

/** The catch clauses of a try that do not leave the loop (no raise, return or break on every path). */
export function stayingClauses(ctx: DiagContext, tryNode: Node): Node[] {
  const fnName = retryFnName(ctx, tryNode);
  return tryNode.namedChildren.filter((clause): clause is Node => {
    if (!clause || !CATCH_CLAUSE.test(clause.type)) return false;
    const body = catchBody(clause);
    const outcome = body ? branchOutcome(ctx, body, fnName) : undefined;
    return !outcome || outcome.continues || outcome.retries || !outcome.final;
  });
}

function retryFnName(ctx: DiagContext, node: Node): string | undefined {
  return enclosingFn(ctx.flow, node)?.name;
}

/** Statuses a catch clause of the try re-raises or gives up on, tested on its caught error. */
function caughtGiveUps(ctx: DiagContext, tryNode: Node): Set<string> {
  const out = new Set<string>();
  for (const clause of tryNode.namedChildren) {
    if (!clause || !CATCH_CLAUSE.test(clause.type)) continue;
    const body = catchBody(clause);
    if (!body) continue;
    const name = caughtErrorName(ctx, clause, body);
    if (name) for (const c of failureSet(ctx, body, name)) out.add(c);
  }
  return out;
}

/** The name a catch clause binds its error to (`except X as e:`, `catch (X e)`, `catch (e)`), read from the clause's head. */
export function caughtErrorName(ctx: DiagContext, clause: Node, body: Node): string | undefined {
  // (Comments between the head and the block belong to the clause in Python's tree: `except X as e:` then `# why`.)
  const head = ctx.flow.text.slice(clause.startIndex, body.startIndex).replace(/\s*(?:#|\/\/)[^\n]*/g, '');
  // (TypeScript annotates it: `catch (err: any)`, `catch (e: unknown)` — the name is before the colon.)
  return /\bas\s+([A-Za-z_]\w*)\s*:?\s*$/.exec(head)?.[1] ?? /\bcatch\s*\(\s*([A-Za-z_$][\w$]*)\s*:[^()]*\)\s*\{?\s*$/.exec(head)?.[1] ?? /([A-Za-z_$][\w$]*)\s*\)\s*(\{|when\b|$)/.exec(head)?.[1];
}

/** A catch clause gives up under an if whose condition on the caught error says nothing readable about its status. */
function unreadableGiveUp(ctx: DiagContext, tryNode: Node): boolean {
  const { grammar } = ctx.flow;
  for (const clause of tryNode.namedChildren) {
    if (!clause || !CATCH_CLAUSE.test(clause.type)) continue;
    const body = catchBody(clause);
    if (!body) continue;
    const name = caughtErrorName(ctx, clause, body);
    if (!name) continue;
    for (const s of body.namedChildren) {
      if (!s || !grammar.ifs.has(s.type)) continue;
      const condition = grammar.ifCondition(s) ?? s.childForFieldName('condition');
      const consequence = grammar.ifConsequence(s) ?? s.childForFieldName('consequence');
      // (The caught name as a word: `e` is not the `e` of `num_retries == max_retries`, a cap on the attempts.)
      if (!condition || !consequence || !alwaysLeaves(consequence) || !new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`).test(condition.text)) continue;
      // (A branch that goes round — `if (e.status === 401 && attempt === 0) continue` — gives nothing up.)
      if (branchOutcome(ctx, consequence, retryFnName(ctx, tryNode)).continues) continue;
      if (!conditionSetOver(ctx, PROBED_STATUSES, condition, testsWithin(ctx, condition, name), name)) return true;
    }
  }
  return false;
}

/**
 * The clause catches what a failure status raises: no type (`except:`, `catch (e)`), or a type that is a
 * status error or a base of one (`Exception`, `RequestException`, `HTTPError`). Network-only types
 * (`ConnectionError`, `Timeout`) and a project's own narrow types do not.
 */
export function catchesStatusFailures(ctx: DiagContext, clause: Node): boolean {
  const types = caughtTypeNames(ctx.flow.text, clause);
  const named = types.filter((t) => /^[A-Z]/.test(t.split('.').pop() ?? ''));
  if (named.length === 0) return true;
  return named.some((t) => STATUS_CATCHING.test(t.split('.').pop() ?? ''));
}

/**
 * `res = fetch(u); if (res.ok) return res.json(); await sleep(d)`: the statuses no test after the request
 * settles (by leaving the loop) reach the end of the body and go round again. Needs at least one settling
 * test on the response (else the loop does not look at statuses), and no unconditional exit after it.
 */
function fallthroughRetried(ctx: DiagContext, retry: RetryLoop): Set<string> {
  const { request, loop } = retry;
  const root = request.responseVar;
  if (!root || !loop.body) return new Set();
  const following = statementsAfter(request.statement, loop.body);
  if (!following) return new Set();
  // Ruby `begin … rescue … retry`: the end of the body leaves; only a rescued failure goes round again.
  if (ctx.flow.grammarName === 'ruby' && /^(begin|body_statement)$/.test(loop.node.type)) return new Set();
  const settled = new Set<string>();
  let tested = false;
  // The usual probes, and any other status the loop's tests name that fails the same way every time (`!= 405`).
  const probes = probedIn(ctx, loop.node);
  const fnName = loop.fn?.name;
  const { grammar } = ctx.flow;
  const aliases: string[] = [];
  const retryAfterLocals: string[] = [];
  for (const statement of following) {
    if (grammar.comments.has(statement.type)) continue;
    // (Rust's `if` is an expression: as a statement it is wrapped in an `expression_statement`.)
    const s = ifExpressionOf(grammar, statement) ?? statement;
    // `retryAfter = response.GetRetryAfter();` — a wait the server asked for, read from the response.
    const waitLocal = retryAfterLocal(s, root);
    if (waitLocal) {
      retryAfterLocals.push(waitLocal);
      continue;
    }
    const alias = aliasOf(s, root);
    if (alias) {
      aliases.push(alias);
      continue;
    }
    // Ruby `raise "…" unless res.is_a?(Net::HTTPSuccess)`: what the condition does not hold for leaves here.
    if (grammar.negatedIfs?.has(s.type)) {
      const condition = grammar.ifCondition(s);
      const body = grammar.ifConsequence(s);
      const holds = condition ? conditionSetOver(ctx, probes, condition, testsWithin(ctx, condition, root), root) : undefined;
      if (holds && body && (alwaysLeaves(body) || /^(raise|fail)\b/.test(body.text))) {
        probes.forEach((c) => !holds.has(c) && settled.add(c));
        tested = true;
      }
      continue;
    }
    if (grammar.ifs.has(s.type)) {
      const first = s.childForFieldName('condition');
      // `if (retryAfter == null) return response;`: only a response that says when to come back goes round — the
      // server's own answer to which failures are passing, not every failure status.
      if (first && retryAfterLocals.some((l) => new RegExp(`(^|[^\\w$.])\\$?${l}(?![\\w$])`).test(first.text)) && ifClauses(s).some((c) => alwaysLeaves(c.body))) return new Set();
      // About something else (`if err != nil { … }`): no status test on the response in it.
      // The status may be read through a local taken from the response (`$code = $response['response']['code']`).
      // (Or tested against a named collection of the file: `if (!TRANSIENT.includes(res.status))`, `!RETRY.contains(&status)`.)
      const testedRoot = first ? [root, ...aliases].find((r) => subjectRootIn(first.text) === r || testsWithin(ctx, first, r).length > 0 || testsNamedSet(ctx, first, r)) : undefined;
      if (!first || !testedRoot) continue;
      // A test of the response that is not about its status (`$response instanceof WP_Error`, a transport failure).
      if (testsWithin(ctx, first, testedRoot).length === 0 && !conditionSetOver(ctx, probes, first, [], testedRoot) && !sufficientSetOver(ctx, probes, first, testedRoot)) continue;
      // What the arms before an `else` take, so the `else` gets only the rest.
      const taken = new Set<string>();
      for (const clause of ifClauses(s)) {
        // (An arm that checks success, `if r.status_code not in (403, 404): r.raise_for_status()`, raises for every
        // failure it takes: those leave the loop.)
        const leaves = alwaysLeaves(clause.body) || branchOutcome(ctx, clause.body, fnName, testedRoot).continues || blockStatements(clause.body).some((b) => successCheckOn(ctx, b, testedRoot));
        if (!clause.condition) {
          if (leaves) probes.forEach((c) => !taken.has(c) && settled.add(c));
          continue;
        }
        conditionSetOver(ctx, probes, clause.condition, testsWithin(ctx, clause.condition, testedRoot), testedRoot)?.forEach((c) => taken.add(c));
        // What certainly leaves is settled (`not in RETRYABLE or last_attempt`: the codes outside the set).
        const holds = leaves ? sufficientSetOver(ctx, probes, clause.condition, testedRoot) : conditionSetOver(ctx, probes, clause.condition, testsWithin(ctx, clause.condition, testedRoot), testedRoot);
        if (!holds) return new Set();
        tested = true;
        if (leaves) holds.forEach((c) => settled.add(c));
      }
      continue;
    }
    if (grammar.returns.has(s.type) || grammar.raises.has(s.type) || isBreak(grammar, s) || isContinue(grammar, s)) return new Set();
    // `resp.raise_for_status()` as a statement: every failure status raises out of the loop here.
    if (successCheckOn(ctx, s, root)) {
      probes.forEach((c) => settled.add(c));
      tested = true;
      continue;
    }
    // `ok = True` where the loop goes on `while not ok`: whatever gets here ends the loop.
    if (setsConditionFlag(s, loop)) {
      probes.forEach((c) => settled.add(c));
      break;
    }
    // A statement that holds a conditional exit (a select whose cancel case returns, a try) passes the rest on;
    // an expression statement that gives up (`panic(…)`) does not.
    if (/^(expression_statement|local_declaration_statement|assignment_statement|short_var_declaration|assignment|variable_declaration|lexical_declaration)$/.test(s.type)) {
      const outcome = branchOutcome(ctx, s, fnName, root);
      if (outcome.final || outcome.continues) return new Set();
    }
  }
  if (!tested) return new Set();
  let retried = probes.filter((c) => !settled.has(c));
  // `while status_code == 429 and retries < 10:` with `status_code = req.status_code` in the body: the loop's own
  // condition lets only what it holds for go round again.
  const condition = loop.kind === 'collection' ? null : loop.node.childForFieldName('condition');
  for (const r of condition ? [root, ...aliases] : []) {
    const tests = testsWithin(ctx, condition!, r);
    // (What it may hold for: `and retries < 10` is not about the status.)
    const holds = tests.length ? conditionSetOver(ctx, probes, condition!, tests, r, true) : undefined;
    if (holds) retried = retried.filter((c) => holds.has(c));
  }
  return new Set(retried);
}

/** PROBED_STATUSES, with the non-retryable statuses the tests inside `scope` name besides them. */
function probedIn(ctx: DiagContext, scope: Node): readonly string[] {
  const named = ctx.clientTests().filter((t) => within(t.test, scope) && !PROBED_STATUSES.includes(t.occ.code) && /^4\d\d$/.test(t.occ.code) && ctx.isNonRetryable(t.occ.code, t.test)).map((t) => t.occ.code);
  return named.length === 0 ? PROBED_STATUSES : [...PROBED_STATUSES, ...new Set(named)];
}

/** The statement sets a name the loop's condition reads to a boolean literal (`done = True`, `success = true;`). */
function setsConditionFlag(statement: Node, loop: RetryLoop['loop']): boolean {
  const condition = loop.kind === 'conditional' ? loop.node.childForFieldName('condition') : null;
  if (!condition) return false;
  const m = /^\s*(?:\$)?([A-Za-z_$][\w$]*)\s*=(?!=)\s*(True|true|False|false)\s*;?\s*$/.exec(statement.text);
  return !!m && new RegExp(`(^|[^\\w$.])\\$?${m[1].replace(/\$/g, '\\$')}(?![\\w$])`).test(condition.text);
}

/** `$code = $response['response']['code'];`, `status := resp.StatusCode`: a local that holds part of the response. */
function aliasOf(statement: Node, root: string): string | undefined {
  const m = /^\s*(?:(?:const|let|var|val)\s+)?\$?([A-Za-z_]\w*)\s*(?::=|=(?!=))\s*\$?(\w+)\b[^;\n]*;?\s*$/.exec(statement.text);
  if (m && m[2] === root.replace(/^\$/, '') && m[1] !== m[2]) return `${statement.text.trimStart().startsWith('$') ? '$' : ''}${m[1]}`;
  return statusAccessorLocal(statement.text, root); // `$code = wp_remote_retrieve_response_code($response);`
}

/** `retryAfter = response.GetRetryAfter();`, `wait := resp.Header.Get("Retry-After")`: the local a Retry-After read of the response is kept in. */
function retryAfterLocal(statement: Node, root: string): string | undefined {
  const m = /^\s*(?:(?:const|let|var|val)\s+)?\$?([A-Za-z_]\w*)\s*(?::=|=(?!=))\s*([^;\n]*)[;\s]*$/.exec(statement.text);
  if (!m || !/retry.?after/i.test(m[2])) return undefined;
  return new RegExp(`(^|[^\\w$.])\\$?${root.replace(/^\$/, '')}\\b`).test(m[2]) ? m[1] : undefined;
}

/** `resp.raise_for_status()` / `response.EnsureSuccessStatusCode()` on the response, as a statement of its own. */
export function successCheckOn(ctx: DiagContext, statement: Node, root: string): boolean {
  if (statement.type !== 'expression_statement') return false;
  const call = statement.namedChildren.find((c) => c !== null && ctx.flow.adapter.calls.has(c.type));
  if (!call) return false;
  const { name, receiver } = calleeOf(call, ctx.flow.adapter);
  return SUCCESS_CHECK.test(name) && receiver?.split(/[.(]/)[0] === root;
}

/**
 * The statements that run after the request's statement in one round of the loop, when it sits directly in
 * the loop's body (Go: in its statement_list) or in a try there: the rest of the try block, Python's `else:`
 * of the try (it runs when nothing was raised), then the statements after the try. Undefined otherwise.
 */
export function statementsAfter(statement: Node, body: Node): Node[] | undefined {
  const inBody = (n: Node | null): boolean => !!n && (n.id === body.id || (n.type === 'statement_list' && n.parent?.id === body.id));
  const siblingsAfter = (n: Node): Node[] => {
    const out: Node[] = [];
    for (let s = n.nextNamedSibling; s; s = s.nextNamedSibling) out.push(s);
    return out;
  };
  // A statement that binds the response for its block — Python `async with session.get(u) as resp:`, Java
  // `try (Response r = call.execute()) { … }`, C# `using (var r = await c.GetAsync(u)) { … }`: the block reads the
  // response, then the loop goes on.
  const binder = statement.type === 'variable_declaration' && statement.parent?.type === 'using_statement' ? statement.parent : statement;
  if (/^(with_statement|try_with_resources_statement|using_statement)$/.test(binder.type) && inBody(binder.parent)) {
    const block = binder.childForFieldName('body');
    const inner = block?.type === 'block' || block?.type === 'statement_block' ? block.namedChildren.filter((c): c is Node => c !== null) : block ? [block] : [];
    return [...inner, ...siblingsAfter(binder)];
  }
  if (inBody(statement.parent)) return siblingsAfter(statement);
  // `try: resp = send(…) except …: … else: <checks>` directly in the loop.
  const block = statement.parent;
  const tryNode = block?.parent;
  // (Kotlin's `try_expression` holds its block without a field name.)
  if (!block || !tryNode || !/^try_(statement|expression)$/.test(tryNode.type) || !inBody(tryNode.parent) || tryBlock(tryNode)?.id !== block.id) return undefined;
  const elseClause = tryNode.namedChildren.find((c) => c?.type === 'else_clause');
  const elseBody = elseClause ? (elseClause.childForFieldName('body') ?? elseClause.namedChildren.find((c) => c?.type === 'block') ?? null) : null;
  return [...siblingsAfter(statement), ...(elseBody ? elseBody.namedChildren.filter((c): c is Node => c !== null) : []), ...siblingsAfter(tryNode)];
}

/** The if an expression statement is made of (Rust writes `if` as an expression, its statement wrapping it). */
function ifExpressionOf(grammar: DiagContext['flow']['grammar'], statement: Node): Node | undefined {
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return undefined;
  const inner = statement.namedChild(0);
  return inner && grammar.ifs.has(inner.type) ? inner : undefined;
}

/** The variable a condition reads first (`res` in `res.ok && …`, `resp` in `resp.StatusCode == 200`). */
function subjectRootIn(condition: string): string | undefined {
  return subjectRoot(condition.replace(/^[\s(!]*(not\s+)?/, ''));
}

/**
 * The clause catches an exception type the try's own body throws (`if (!response.isSuccessful()) throw new
 * IOException(…)` caught by `catch (IOException e)`): the status failure it throws is caught and retried.
 */
function catchesOwnThrow(ctx: DiagContext, tryNode: Node, clause: Node, body: Node | undefined): boolean {
  const tryBody = tryBlock(tryNode);
  if (!tryBody) return false;
  const head = (body ? ctx.flow.text.slice(clause.startIndex, body.startIndex) : clause.text).replace(/\s*(?:#|\/\/)[^\n]*/g, '');
  const caught = (head.match(/[A-Z][\w$]*/g) ?? []).filter((t) => /(Exception|Error)$/.test(t));
  if (caught.length === 0) return false;
  return raisedTypeNames(tryBody).some((t) => caught.includes(t));
}

/**
 * The statuses a loop's first statement lets stay in the loop: `if errors.As(err, &apiErr) && apiErr.StatusCode == 429
 * { wait; err = send(); … } else { break }` — every later attempt meets that test again, so only 429 goes round, however
 * its body goes on, and a failure with no status (a refused connection) leaves. Undefined when the body does not start
 * with such a gate.
 */
export function topGate(ctx: DiagContext, retry: RetryLoop): Set<string> | undefined {
  const { grammar } = ctx.flow;
  // (Declarations before it, `var apiErr *APIError`, only make room for what the test reads.)
  const first = retry.loop.body ? blockStatements(retry.loop.body).find((st) => !/^(var_declaration|lexical_declaration|variable_declaration|local_variable_declaration)$/.test(st.type) || /\(/.test(st.text)) : undefined;
  if (!first || !grammar.ifs.has(first.type) || !retry.request.responseVar) return undefined;
  const clauses = ifClauses(first);
  const last = clauses[clauses.length - 1];
  if (clauses.length !== 2 || last.condition || !alwaysLeaves(last.body) || !clauses[0].condition) return undefined;
  const condition = clauses[0].condition;
  for (const root of [retry.request.responseVar, ...errorViews(retry.loop.node, retry.request.responseVar)]) {
    const tests = testsWithin(ctx, condition, root);
    if (tests.length > 0) return conditionSet(ctx, condition, tests, root, 0, true);
  }
  return undefined;
}

/** Catch-all types: whatever the try raises, of the project's own types too, is caught. */
const CATCH_ALL_TYPE = /^(Exception|BaseException|Error|Throwable|StandardError|RuntimeException)$/;

/**
 * What the try's body raises for a status is caught by a clause that stays: a bare or catch-all clause, one naming the
 * raised type, or a raise of a status error of the libraries. `except requests.RequestException: continue` around
 * `if r.status_code >= 400: raise IntegrationError(…)` catches transport errors only: the project's own error leaves.
 */
function ownRaisesCaught(ctx: DiagContext, tryNode: Node, tryBody: Node): boolean {
  const thrown = raisedTypeNames(tryBody);
  if (thrown.length === 0 || thrown.some((t) => STATUS_CATCHING.test(t))) return true;
  for (const clause of stayingClauses(ctx, tryNode)) {
    const names = caughtClassNames(ctx.flow.text, clause);
    if (names.length === 0 || names.some((n) => CATCH_ALL_TYPE.test(n) || thrown.includes(n))) return true;
  }
  return false;
}

/**
 * Go: the statuses that an if after the call, on its error, leaves the loop for (`if !isRetryable(err) { return err }`
 * with `isRetryable` a predicate of the file read as a set): they are not retried. A test the model cannot read
 * takes nothing out.
 */
function leftAfterCall(ctx: DiagContext, retry: RetryLoop, errVar: string): Set<string> {
  const out = new Set<string>();
  const following = retry.loop.body ? statementsAfter(retry.request.statement, retry.loop.body) : undefined;
  for (const s of following ?? []) {
    if (!ctx.flow.grammar.ifs.has(s.type)) continue;
    const condition = s.childForFieldName('condition');
    const consequence = s.childForFieldName('consequence');
    if (!condition || !consequence || s.childForFieldName('alternative') || !alwaysLeaves(consequence)) continue;
    if (!new RegExp(`(?<![\\w$])${escapeRegExp(errVar)}(?![\\w$])`).test(condition.text)) continue;
    // (`if err == nil { return nil }` is the way out on success: no failure leaves there.)
    if (new RegExp(`^\\(?\\s*${escapeRegExp(errVar)}\\s*==\\s*nil\\s*\\)?$`).test(condition.text.trim())) continue;
    for (const c of conditionSetOver(ctx, PROBED_STATUSES, condition, testsWithin(ctx, condition, errVar), errVar) ?? []) out.add(c);
  }
  return out;
}

/** The types a try's body throws or raises by name (`throw new ApiException(…)`, `raise SyncError(…)`), last segments. */
function raisedTypeNames(tryBody: Node): string[] {
  return [...tryBody.text.matchAll(/\b(?:throw\s+new|raise)\s+([\w$.]+)/g)].map((m) => m[1].split('.').pop()!);
}
