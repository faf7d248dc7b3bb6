import type { Node } from 'web-tree-sitter';
import { errorViews, negatedMembershipCall, PREFIX_OPERATOR, type StatusTest, subjectRoot } from './branches';
import { membershipOf } from './constantSets';
import type { DiagContext } from './context';
import { calleeOf, enclosingFn, type FnInfo, functionBodyOf } from './flow/flowModel';
import { rubyFamilyTest, rubySuccessTest } from './rubyStatusTests';
import { kotlinSuccessFlag } from './kotlinStatusTests';
import { digitFamilyTest, STATUS_READ } from './statusDigitTests';
import { booleanReturnSet } from './booleanPredicates';
import { holdsFor, overUniverse, statusUniverse, TRANSIENT_STATUSES } from './statusUniverse';
import { escapeRegExp } from './regexText';

export { holdsFor, TRANSIENT_STATUSES } from './statusUniverse';

/**
 * Status sets: which of the transient statuses (429, 500, 502, 503, 504) can make a condition hold.
 * Conditions are read from the status tests the spotting found, bounds that are not codes (`> 399`),
 * memberships in named collections, the response's success flag and predicates of the file, combined
 * through `and`/`or`/`not`. Anything else in a condition (an attempt counter, a body check) makes the set
 * unknown, and an unknown set never produces a finding; the `necessary` reading keeps what an `and` with
 * such a term still requires (`status in S and attempts_left` holds only for codes of S).
 */
export type StatusSet = ReadonlySet<string>;

const ALL: StatusSet = new Set(TRANSIENT_STATUSES);


export function allTransient(): Set<string> {
  return new Set(ALL);
}


/**
 * The statuses for which a condition certainly holds, when an `or` joins a status test with something else
 * (`status not in RETRYABLE or is_last_attempt`): the status side suffices. Exact sets otherwise.
 */
export function sufficientSetOver(ctx: DiagContext, codes: readonly string[], condition: Node, root: string): Set<string> | undefined {
  const exact = conditionSetOver(ctx, codes, condition, testsWithin(ctx, condition, root), root);
  if (exact) return exact;
  const inner = condition.namedChildren.filter((c): c is Node => c !== null && !ctx.flow.grammar.comments.has(c.type));
  if (/^(parenthesized_expression|condition)$/.test(condition.type) && inner.length === 1) return sufficientSetOver(ctx, codes, inner[0], root);
  const operator = booleanOperator(condition);
  if ((operator !== 'or' && operator !== 'and') || inner.length !== 2) return undefined;
  const sides = inner.map((side) => sufficientSetOver(ctx, codes, side, root));
  if (sides.every((side) => side === undefined)) return undefined;
  if (operator === 'or') return new Set(sides.flatMap((side) => [...(side ?? [])]));
  // `status == 200 and body_ok`: no status certainly passes while the other side is unknown; both known, where both hold.
  if (sides.some((side) => side === undefined)) return new Set();
  return new Set([...sides[0]!].filter((c) => sides[1]!.has(c)));
}

/** `conditionSet` over other statuses than the transient ones (`codes` are numeric statuses). */
export function conditionSetOver(ctx: DiagContext, codes: readonly string[], condition: Node, tests: readonly StatusTest[], root?: string, necessary = false): Set<string> | undefined {
  return overUniverse(codes, () => conditionSet(ctx, condition, tests, root, 0, necessary));
}

/**
 * The set for which a whole condition holds, or undefined when it depends on something else. `tests`
 * are the status tests inside the condition, all on one subject.
 */
export function conditionSet(ctx: DiagContext, condition: Node, tests: readonly StatusTest[], root?: string, depth = 0, necessary = false): Set<string> | undefined {
  const byNode = new Map<number, StatusTest[]>();
  for (const t of tests) {
    const list = byNode.get(t.test.id);
    if (list) list.push(t);
    else byNode.set(t.test.id, [t]);
  }
  const evaluate = (n: Node): Set<string> | undefined => {
    const own = byNode.get(n.id);
    if (own) {
      const sets = own.map((t) => holdsFor({ ...t, negated: false }));
      // Python's chained comparison `200 <= status < 500` holds where every link holds.
      if (own.length > 1 && n.type === 'comparison_operator' && own.every((t) => /^[<>]=?$/.test(t.op))) return intersection(sets);
      // `status not in (429, 502, 503)` (Kotlin `!in setOf(…)`): one test per code, and the status is none of them.
      if (own.length > 1 && own.every((t) => t.op === 'not in')) return intersection(sets);
      // Kotlin's `!setOf(429, 503).contains(code)`: the grammar keeps the `!` inside the membership call.
      if (own.every((t) => t.op === 'in') && negatedMembershipCall(ctx.flow.grammarName, n)) {
        const held = union(sets);
        return held && new Set(statusUniverse().filter((c) => !held.has(c)));
      }
      return union(sets);
    }
    const member = membershipOf(ctx, n);
    if (member && (!root || subjectRoot(member.subject) === root)) {
      return new Set(statusUniverse().filter((c) => member.codes.has(c) !== member.negated));
    }
    const kotlinFlag = root && ctx.flow.grammarName === 'kotlin' ? kotlinSuccessFlag(n, root) : undefined;
    if (kotlinFlag) return kotlinFlag === 'ok' ? new Set() : new Set(statusUniverse());
    if (root && successFlag(ctx, n, root)) return new Set();
    const failing = root ? failureFlag(ctx, n, root) : undefined;
    if (failing) return new Set(statusUniverse().filter((c) => Number(c) >= failing[0] && Number(c) <= failing[1]));
    const family = root ? rubyFamilyTest(n, root) ?? digitFamilyTest(n, root) : undefined;
    if (family) return new Set(statusUniverse().filter((c) => Number(c) >= family[0] && Number(c) <= family[1]));
    const errorTest = goErrorTest(ctx, n);
    if (errorTest) return errorTest === 'nil' ? new Set(statusUniverse()) : new Set();
    // `isinstance(e, (ConnectionError, Timeout))`: a failure status is none of those; `e.response is not None`: it has one.
    if (root && (ctx.flow.adapter.calls.has(n.type) || ctx.flow.adapter.binaries.has(n.type) || n.type === 'comparison_operator')) {
      const t = n.text.replace(/\s+/g, ' ').trim();
      if (networkTypeTest(t, root)) return new Set();
      if (responsePresent(t, root) || statusTypeTest(t, root)) return new Set(statusUniverse());
    }
    // `if (err.response)` (JS, Ruby: a failure that came back with an answer), PHP `$e->hasResponse()`: a status failure.
    if (root && responseTruthy(ctx, n, root)) return new Set(statusUniverse());
    // `e.code === 'ECONNRESET'`, `err.code !== "ETIMEDOUT"`: a failure that never got an answer, or anything but one.
    const networkCode = root ? networkCodeTest(ctx, n, root) : undefined;
    if (networkCode) return networkCode === 'is' ? new Set() : new Set(statusUniverse());
    const bound = root ? boundSet(ctx, n, root) ?? expectedStatusSet(ctx, n, root) : undefined;
    if (bound) return bound;
    const predicate = root ? predicateSet(ctx, n, root, depth, necessary) : undefined;
    if (predicate) return predicate;
    // A flag the function set from the status a little earlier (`isRetryable = this.isRetryableStatus(statusCode)`,
    // `retry = status in RETRY_ON`): what it was set to decides.
    const flag = root && depth < 2 ? flagValue(ctx, n, root) : undefined;
    if (flag) return conditionSet(ctx, flag, testsWithin(ctx, flag, root), root, depth + 1, necessary);
    const children = n.namedChildren.filter((c): c is Node => c !== null && !ctx.flow.grammar.comments.has(c.type));
    if (/^(parenthesized_expression|condition|expression_list|parenthesized_statements)$/.test(n.type) && children.length === 1) return evaluate(children[0]);
    if (PREFIX_OPERATOR.test(n.type) && /^(not\b|!)/.test(n.text) && children.length === 1) {
      // What is necessary for x says nothing about not-x — except for the success flag, whose set is exact.
      // (So are the presence of an answer and a network error's code: `!e.response` is every failure with none.)
      if (necessary) {
        if (!root) return undefined;
        if (successFlag(ctx, children[0], root)) return new Set(statusUniverse());
        if (responseTruthy(ctx, children[0], root)) return new Set();
        const code = networkCodeTest(ctx, children[0], root);
        return code ? (code === 'is' ? new Set(statusUniverse()) : new Set()) : undefined;
      }
      const inner = evaluate(children[0]);
      return inner && new Set(statusUniverse().filter((c) => !inner.has(c)));
    }
    const op = booleanOperator(n);
    if (op && children.length === 2) {
      const [a, b] = children.map(evaluate);
      // `status in S and attempts_left`: only S can make it hold, though not every code of S does.
      if (necessary && op === 'and' && (a || b)) return a && b ? new Set([...a].filter((c) => b.has(c))) : new Set(a ?? b);
      if (!a || !b) return undefined;
      return op === 'and' ? new Set([...a].filter((c) => b.has(c))) : new Set([...a, ...b]);
    }
    return undefined;
  };
  return evaluate(condition);
}

/**
 * The value a local flag was last given before `n` reads it, in the same function: `n` is a bare name (not the status
 * itself), assigned once with `=` between the function's start and `n` (a second assignment there: not known).
 */
function flagValue(ctx: DiagContext, n: Node, root: string): Node | undefined {
  if (!/^(identifier|simple_identifier|variable_name)$/.test(n.type) || n.text === root) return undefined;
  const fn = enclosingFn(ctx.flow, n);
  const scope = fn?.node ?? ctx.doc.tree?.rootNode;
  if (!scope) return undefined;
  const { adapter } = ctx.flow;
  let value: Node | undefined;
  let count = 0;
  const visit = (m: Node): void => {
    if (m.startIndex >= n.startIndex || count > 1) return;
    if (m.id !== scope.id && ctx.flow.grammar.functions.has(m.type)) return;
    if (adapter.assignments.has(m.type) && adapter.assignTarget(m)?.text === n.text) {
      const parts = m.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type));
      const last = parts[parts.length - 1];
      // (`let isRetryable = false` before the loop is an initial value, not the decision.)
      if (last && last.text !== n.text && !/^(true|false|True|False)$/.test(last.text)) {
        value = last;
        count++;
      }
    }
    for (const c of m.namedChildren) if (c) visit(c);
  };
  visit(scope);
  return count === 1 ? value : undefined;
}

/** Failures that come with no status: a connection that failed, a timeout, a name that did not resolve, TLS. */
const NETWORK_TYPE = /Connect|Connection|Timeout|TimedOut|Network|Socket|Dns|DNS|Resolve|SSL|Tls|TLS|Proxy|Protocol/;

/** `isinstance(e, (ConnectionError, Timeout))`, `e instanceof FetchTimeoutError`, `e is SocketException`: network types only. */
function networkTypeTest(t: string, root: string): boolean {
  const types = testedTypes(t, root);
  return types.length > 0 && types.every((x) => NETWORK_TYPE.test(x) && !/HTTP|Http|Status|Response/.test(x));
}

/**
 * `error instanceof ResponseError`, `isinstance(e, HTTPError)`, `e is ApiException`: a type named for a response, HTTP
 * status or API failure is what a failure status is raised as.
 */
function statusTypeTest(t: string, root: string): boolean {
  const types = testedTypes(t, root);
  return types.length === 1 && /^(\w*(Response|Http|HTTP|Status|Api|API)\w*(Error|Exception))$/.test(types[0]) && !NETWORK_TYPE.test(types[0]);
}

/** The types a type test of `root` names, last segments only (`isinstance(e, (a.B, C))` → B, C; `e instanceof D` → D). */
function testedTypes(t: string, root: string): string[] {
  if (!t.startsWith('isinstance(') && !/ (?:instanceof|is) /.test(t)) return [];
  const escaped = escapeRegExp(root);
  const m = new RegExp(`^isinstance\\(\\s*${escaped}\\s*,\\s*\\(?([\\w.,\\s]+?)\\)?\\s*,?\\s*\\)$`).exec(t) ?? new RegExp(`^${escaped}\\s+(?:instanceof|is)\\s+([\\w.]+)$`).exec(t);
  return m ? m[1].split(',').map((x) => x.trim().split('.').pop() ?? '').filter(Boolean) : [];
}

/** `e.response is not None`, `err.response != null`, `error.response !== undefined`: a status failure carries one. */
function responsePresent(t: string, root: string): boolean {
  if (!t.startsWith(`${root}.response`)) return false;
  return new RegExp(`^${escapeRegExp(root)}\\.response\\s*(?:is\\s+not\\s+None|!==?\\s*(?:null|undefined|nil))$`).test(t);
}


/**
 * Some part of the condition asks whether the caught error `root` got an answer at all — `!e.response`, `e.code ===
 * 'ECONNRESET'`, `isinstance(e, ConnectionError)`: a condition that holds for no status may still hold for a failure
 * that never got one (a re-send of a dropped connection).
 */
export function testsNoAnswer(ctx: DiagContext, condition: Node, root: string): boolean {
  const visit = (n: Node): boolean => {
    if (responseTruthy(ctx, n, root) || networkCodeTest(ctx, n, root) === 'is') return true;
    if (networkTypeTest(n.text.replace(/\s+/g, ' ').trim(), root)) return true;
    return n.namedChildren.some((c) => c !== null && visit(c));
  };
  return visit(condition);
}

/**
 * The caught error's answer tested for being there: `err.response` as a condition in JavaScript and Ruby (an error
 * with no answer — a refused connection, a timeout — has none), PHP Guzzle's `$e->hasResponse()`. (Not Python: a
 * requests `Response` is falsy for every failure status, so `if e.response:` says nothing of its presence.)
 */
function responseTruthy(ctx: DiagContext, n: Node, root: string): boolean {
  const t = n.text.replace(/\s+/g, '');
  const { grammarName } = ctx.flow;
  if (grammarName === 'php') return t === `${root}->hasResponse()` || t === `${root}->getResponse()`;
  if (grammarName !== 'javascript' && grammarName !== 'typescript' && grammarName !== 'tsx' && grammarName !== 'ruby') return false;
  return t === `${root}.response` || t === `${root}?.response`;
}

/** A transport failure's code as the runtime names it (Node.js `ECONNRESET`, `EAI_AGAIN`, undici `UND_ERR_SOCKET`). */
const NETWORK_CODE = /^(['"`])(E[A-Z][A-Z_]{2,}|UND_ERR_[A-Z_]+|ERR_NETWORK|ERR_SOCKET_[A-Z_]+)\1$/;

/**
 * `e.code === 'ECONNRESET'` ('is'), `err.code !== "ETIMEDOUT"` ('not'): the caught error's code compared with the code
 * of a failure that got no answer. No status failure has such a code.
 */
function networkCodeTest(ctx: DiagContext, n: Node, root: string): 'is' | 'not' | undefined {
  const { adapter } = ctx.flow;
  if (!adapter.binaries.has(n.type) && n.type !== 'comparison_operator') return undefined;
  const op = adapter.operatorOf(n).trim();
  if (!/^(==|===|!=|!==)$/.test(op)) return undefined;
  const [a, b] = n.namedChildren.filter((c): c is Node => c !== null);
  if (!a || !b) return undefined;
  const [subject, literal] = NETWORK_CODE.test(b.text) ? [a, b] : NETWORK_CODE.test(a.text) ? [b, a] : [undefined, undefined];
  if (!subject || !literal) return undefined;
  if (!new RegExp(`^${escapeRegExp(root)}(\\??\\.cause)?\\??\\.(code|errno)$`).test(subject.text.replace(/\s+/g, ''))) return undefined;
  return op.startsWith('!') ? 'not' : 'is';
}

/**
 * A comparison of the status with a number that is not itself a status (`code > 399`, `status < 300`):
 * the spotting names no code there, but the bound still splits the statuses.
 */
function boundSet(ctx: DiagContext, n: Node, root: string): Set<string> | undefined {
  const { adapter } = ctx.flow;
  if (!adapter.binaries.has(n.type)) return undefined;
  const op = adapter.operatorOf(n).trim();
  if (!/^(<|<=|>|>=|==|!=|===|!==)$/.test(op)) return undefined;
  const [a, b] = n.namedChildren.filter((c): c is Node => c !== null);
  if (!a || !b) return undefined;
  const numberFirst = adapter.numbers.has(a.type);
  const [subject, number] = numberFirst ? [b, a] : [a, b];
  if (!adapter.numbers.has(number.type) || subjectRoot(subject.text) !== root || !STATUS_READ.test(subject.text.replace(/\s+/g, ''))) return undefined;
  const bound = Number(number.text);
  if (!Number.isFinite(bound)) return undefined;
  const flipped = numberFirst ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op : op;
  const keep = (c: number): boolean => {
    switch (flipped) {
      case '<': return c < bound;
      case '<=': return c <= bound;
      case '>': return c > bound;
      case '>=': return c >= bound;
      case '==': case '===': return c === bound;
      default: return c !== bound;
    }
  };
  return new Set(statusUniverse().filter((c) => keep(Number(c))));
}

/** A name that holds the status a call expects back (`expectedResponseCode`, `expected_status`, `successCode`). */
const EXPECTED_STATUS = /^(?:this\.|self\.|@)?_?(?:expected|wanted|success|ok)_?(?:response_?|http_?)?(?:status|code|status_?code)s?$/i;

/**
 * The status compared with the one the caller expects (`response.StatusCode != expectedResponseCode`): a success code
 * handed in, so `!=` holds for every failure status and `==` for none.
 */
function expectedStatusSet(ctx: DiagContext, n: Node, root: string): Set<string> | undefined {
  const { adapter } = ctx.flow;
  if (!adapter.binaries.has(n.type)) return undefined;
  const op = adapter.operatorOf(n).trim();
  if (!/^(==|!=|===|!==)$/.test(op)) return undefined;
  const [a, b] = n.namedChildren.filter((c): c is Node => c !== null);
  if (!a || !b) return undefined;
  const [subject, expected] = EXPECTED_STATUS.test(b.text) ? [a, b] : EXPECTED_STATUS.test(a.text) ? [b, a] : [undefined, undefined];
  if (!subject || !expected || subjectRoot(subject.text) !== root || !STATUS_READ.test(subject.text.replace(/\s+/g, ''))) return undefined;
  return op.startsWith('!') ? new Set(statusUniverse()) : new Set();
}

/**
 * The condition is `<root>'s status != <the status expected>` (`response.status !== expectedStatus`), written that way
 * round: it holds for every failure status.
 */
export function failsAgainstExpected(ctx: DiagContext, condition: Node, root: string): boolean {
  let n = condition;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChildren[0]!;
  if (!EXPECTED_STATUS.test(n.namedChildren[1]?.text ?? '')) return false;
  return (expectedStatusSet(ctx, n, root)?.size ?? 0) > 0;
}

/**
 * Go's request error against nil (`err == nil`, `err != nil`): where a status is being read there is a
 * response, so the call returned no error: `err == nil` holds for every status and `err != nil` for none.
 */
function goErrorTest(ctx: DiagContext, n: Node): 'nil' | 'not-nil' | undefined {
  if (ctx.flow.grammarName !== 'go' || !ctx.flow.adapter.binaries.has(n.type)) return undefined;
  const op = ctx.flow.adapter.operatorOf(n).trim();
  const [a, b] = n.namedChildren.filter((c): c is Node => c !== null);
  if (!a || !b || (op !== '==' && op !== '!=')) return undefined;
  const [value, nil] = b.text === 'nil' ? [a, b] : [b, a];
  if (nil.text !== 'nil' || !/^(err|\w+Err|error)$/.test(value.text)) return undefined;
  return op === '==' ? 'nil' : 'not-nil';
}

/** Failure flags of a response and the statuses they hold for: httpx `is_error`, Spring `is5xxServerError()`. */
const FAILURE_FLAGS: Record<string, [number, number]> = {
  is_error: [400, 599], isError: [400, 599], is_client_error: [400, 499], is_server_error: [500, 599],
  is4xxClientError: [400, 499], is5xxServerError: [500, 599], isClientError: [400, 499], isServerError: [500, 599],
};

/** `resp.is_error`, `res.statusCode().is5xxServerError()`, `status.isError()`: a flag on the response (or its status). */
function failureFlag(ctx: DiagContext, n: Node, root: string): [number, number] | undefined {
  const { adapter } = ctx.flow;
  let name: string | undefined;
  let object: string | undefined;
  if (adapter.calls.has(n.type)) {
    if (adapter.callArguments(n).length > 0) return undefined;
    const callee = calleeOf(n, adapter);
    name = callee.name;
    object = callee.receiver;
  } else if (adapter.members.has(n.type)) {
    const parts = adapter.memberParts(n);
    name = parts?.property;
    object = parts?.object?.text;
  }
  if (!name || !object || !Object.hasOwn(FAILURE_FLAGS, name)) return undefined;
  return subjectRoot(object) === root ? FAILURE_FLAGS[name] : undefined;
}

/**
 * The response's own success flag: `res.ok`, `response.IsSuccessStatusCode`, `r.is_success`,
 * `response.isSuccessful()`, `res.ok()`. It holds for 2xx only, so for none of the transient statuses.
 */
function successFlag(ctx: DiagContext, n: Node, root: string): boolean {
  const { adapter } = ctx.flow;
  const FLAG = /^(ok|IsSuccessStatusCode|is_success|isSuccessful|isSuccess|is2xxSuccessful|Successful|success\?|successful\?|ok\?)$/;
  if (adapter.calls.has(n.type)) {
    // Ruby `res.is_a?(Net::HTTPSuccess)`
    if (rubySuccessTest(n, root)) return true;
    if (adapter.callArguments(n).length > 0) return false;
    const { name, receiver } = calleeOf(n, adapter);
    // (Or asked of the response's status: Rust `resp.status().is_success()`, Ktor `response.status.isSuccess()`.)
    return FLAG.test(name) && (receiver === root || (!!receiver && statusOf(receiver, root)));
  }
  if (!adapter.members.has(n.type)) return false;
  const parts = adapter.memberParts(n);
  return !!parts && FLAG.test(parts.property) && parts.object?.text === root;
}

/** `text` reads the status of `root`: `resp.status()`, `response.status`, `r.status_code`. */
function statusOf(text: string, root: string): boolean {
  return text.startsWith(root) && /^\s*\.\s*(status|status_code|statusCode|StatusCode|code)\s*(\(\s*\))?$/.test(text.slice(root.length));
}

/**
 * A call to a predicate of the file handed the response (`shouldRetry(response)`, `isTransient(r)`):
 * the set is its single `return <condition>` read on its parameter.
 */
function predicateSet(ctx: DiagContext, n: Node, root: string, depth: number, necessary: boolean): Set<string> | undefined {
  const { adapter } = ctx.flow;
  if (depth > 2 || !adapter.calls.has(n.type)) return undefined;
  const args = adapter.callArguments(n);
  // The response itself, or its status read on the way in (`IsServerError(response.StatusCode)`).
  const index = args.findIndex((a) => a.text === root || (subjectRoot(a.text) === root && STATUS_READ.test(a.text)));
  if (index < 0) return undefined;
  // (Kotlin's grammar puts a `!` on the callee: `!shouldRetry(response.code)` is a call of `!shouldRetry`.)
  const callee = n.namedChild(0);
  const bang = ctx.flow.grammarName === 'kotlin' && callee?.type === 'unary_expression' && /^!\s*[A-Za-z_]\w*$/.test(callee.text);
  const name = bang ? callee!.text.replace(/^!\s*/, '') : calleeOf(n, adapter).name;
  // Overloads (`shouldRetry(Response)`, `shouldRetry(ApiException)`): the one that reads a status decides.
  // (What is necessary for the predicate says nothing about its negation.)
  const sets = ctx.flow.fns.filter((f) => f.name === name).map((fn) => returnedSet(ctx, fn, index, depth, necessary && !bang)).filter((set) => set !== undefined);
  if (sets.length !== 1) return undefined;
  return bang ? new Set(statusUniverse().filter((c) => !sets[0].has(c))) : sets[0];
}

function returnedSet(ctx: DiagContext, fn: FnInfo, index: number, depth: number, necessary: boolean): Set<string> | undefined {
  const { grammar } = ctx.flow;
  const paramName = parameterAt(fn, index);
  if (!paramName) return undefined;
  const returns: Node[] = [];
  const visit = (m: Node): void => {
    if (m.id !== fn.node.id && grammar.functions.has(m.type)) return;
    if (grammar.returns.has(m.type)) returns.push(m);
    else for (const c of m.namedChildren) if (c) visit(c);
  };
  visit(fn.node);
  // An expression body (`static bool IsServerError(HttpStatusCode code) => code >= …;`, `fun f(c: Int) = c == 429`) is its value.
  const value = returns.length === 1 ? returns[0].namedChildren.find((c) => c !== null && !/comment/.test(c.type)) : returns.length === 0 ? expressionBody(fn.node) : undefined;
  // Arms that each return true or false (`switch code { case 429, 503: return true }; return false`).
  if (!value) {
    // Go: the arms read the error's typed view (`var apiErr *APIError; if !errors.As(err, &apiErr) { return false }`,
    // then `apiErr.StatusCode == 429`); the arm that finds no such view holds for no status.
    const view = ctx.flow.grammarName === 'go' ? errorViews(fn.node, paramName)[0] : undefined;
    const root = view ?? paramName;
    const noView = view ? new RegExp(`^!\\s*errors\\.As\\(\\s*${escapeRegExp(paramName)}\\s*,\\s*&${escapeRegExp(view)}\\s*\\)$`) : undefined;
    return booleanReturnSet(ctx, fn, returns, root, statusUniverse(), (c) => (noView?.test(c.text.trim()) ? new Set<string>() : conditionSet(ctx, c, testsWithin(ctx, c, root), root, depth + 1, necessary)));
  }
  return conditionSet(ctx, value, testsWithin(ctx, value, paramName), paramName, depth + 1, necessary);
}

function expressionBody(fn: Node): Node | undefined {
  // (Kotlin keeps either form in an unnamed `function_body`, `= expr` or a block: functionBodyOf reads both.)
  const body = functionBodyOf(fn) ?? fn.namedChildren.find((c) => c?.type === 'arrow_expression_clause') ?? undefined;
  if (!body) return undefined;
  if (body.type === 'arrow_expression_clause') return body.namedChildren.find((c) => c !== null && !/comment/.test(c.type)) ?? undefined;
  // (Kotlin `= expr` and JavaScript `x => expr`: a body that is no block.)
  return /block|statement|body$/.test(body.type) ? undefined : body;
}

/** The name of a function's parameter at a call's argument index (Python's `self`/`cls` skipped). */
export function parameterAt(fn: FnInfo, index: number): string | undefined {
  // (Kotlin's `function_value_parameters` has no field name.)
  const params = fn.node.childForFieldName('parameters') ?? fn.node.childForFieldName('parameter') ?? fn.node.namedChildren.find((c) => c?.type === 'function_value_parameters') ?? null;
  const list = params?.namedChildren.filter((c): c is Node => c !== null && !/comment/.test(c.type)) ?? [];
  const param = list[index + (/^(self|cls)\b/.test(list[0]?.text ?? '') ? 1 : 0)];
  const name = param ? (param.childForFieldName('name') ?? param.childForFieldName('pattern') ?? param).text.replace(/[:=].*$/s, '').trim().split(/\s+/).pop() : undefined;
  return name && /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
}

function intersection(sets: Array<Set<string> | undefined>): Set<string> | undefined {
  if (sets.some((set) => !set)) return undefined;
  const [first, ...rest] = sets as Array<Set<string>>;
  return new Set([...first].filter((c) => rest.every((set) => set.has(c))));
}

function union(sets: Array<Set<string> | undefined>): Set<string> | undefined {
  const out = new Set<string>();
  for (const s of sets) {
    if (!s) return undefined;
    for (const c of s) out.add(c);
  }
  return out;
}

/** `and` / `or` for boolean operators of every grammar (`&&`, `||`, Python's words). */
export function booleanOperator(n: Node): 'and' | 'or' | undefined {
  if (!/^(boolean_operator|binary_expression|binary)$/.test(n.type)) return undefined;
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (!c || c.isNamed) continue;
    if (c.type === '&&' || c.type === 'and') return 'and';
    if (c.type === '||' || c.type === 'or') return 'or';
    // Java/C# `a == 400 | a == 401`: the non-short-circuit operators on comparisons are logical too.
    if ((c.type === '|' || c.type === '&') && n.namedChildren.every((o) => !!o && (COMPARISON.test(o.text) || booleanOperator(o) !== undefined))) return c.type === '|' ? 'or' : 'and';
  }
  return undefined;
}

const COMPARISON = /^[^|&]*(==|!=|<=|>=|<|>)[^|&]*$/s;

/** The status tests inside `node` (a condition or case label) on the subject `root` (binary search by offset). */
export function testsWithin(ctx: DiagContext, node: Node, root: string | undefined): StatusTest[] {
  const index = testIndex(ctx);
  const start = node.startIndex;
  const end = node.endIndex;
  let lo = 0;
  let hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.starts[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  const found: StatusTest[] = [];
  for (let i = lo; i < index.starts.length && index.starts[i] < end; i++) {
    const t = index.tests[i];
    if (index.ends[i] <= end && (!root || subjectRoot(t.subject) === root)) found.push(t);
  }
  return found;
}

const testIndexes = new WeakMap<DiagContext, { tests: StatusTest[]; starts: number[]; ends: number[] }>();

/** The file's client tests in start order, with their offsets read once (node accessors cross into wasm). */
function testIndex(ctx: DiagContext): { tests: StatusTest[]; starts: number[]; ends: number[] } {
  let index = testIndexes.get(ctx);
  if (!index) {
    const tests = ctx.clientTests().map((t) => ({ t, start: t.test.startIndex, end: t.test.endIndex })).sort((a, b) => a.start - b.start);
    index = { tests: tests.map((x) => x.t), starts: tests.map((x) => x.start), ends: tests.map((x) => x.end) };
    testIndexes.set(ctx, index);
  }
  return index;
}

/** The condition holds a membership test on one of the file's named status collections about `root`. */
export function testsNamedSet(ctx: DiagContext, condition: Node, root: string): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    const member = membershipOf(ctx, n);
    if (member && subjectRoot(member.subject) === root) found = true;
    else for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(condition);
  return found;
}
