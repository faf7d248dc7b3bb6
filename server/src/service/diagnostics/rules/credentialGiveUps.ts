import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { retriedByCallers } from '../callerRetries';
import { ifClauses } from '../chainSyntax';
import type { DiagContext } from '../context';
import { enclosingFn, within } from '../flow/flowModel';
import { fillMessage, ruleInfo } from '../rules';
import { giveUpData } from './giveUpData';
import { inScope } from '../decoratorPolicies';

const RULE = 'retryable-treated-as-final';

/** Errors that say the credentials are wrong: `InvalidAuth`, `WrongCredentials`, `AuthenticationError`, `Unauthorized`. */
const CREDENTIAL_ERROR =
  /^(?:[\w$]+\.)*(?:InvalidAuth\w*|Invalid_?Credentials?\w*|WrongCredentials?\w*|BadCredentials?\w*|Authentication(?:Error|Exception|Failed\w*|Failure\w*)|Auth(?:Error|Exception|Failed|Failure)|InvalidLogin\w*|Login(?:Failed|Error|Exception)\w*|InvalidPassword\w*|(?:Not)?Unauthori[sz]ed(?:Error|Exception)?|InvalidToken(?:Error|Exception)?)$/;
/** A test that holds for a success only: `== 200`, `.ok`, `IsSuccessStatusCode`, `is_success`, `in (200, 201)`. */
const SUCCESS_TEST = /(?:={2,3}|\bis)\s*(?:200|201|202|204|HTTPStatus\.OK|HttpStatusCode\.OK|http\.StatusOK|StatusCodes\.OK)\b|\b(?:ok|IsSuccessStatusCode|is_success|isSuccessful|successful|success\?)\b(?!\s*(?:={2,3}|!==?)\s*(?:false|False))/;
/** A test that holds for every failure: `!= 200`, `not resp.ok`, `!res.ok`, `>= 400`, `> 299`, `not in (200, 201)`. */
const FAILURE_TEST = /!==?\s*(?:200|201|202|204|HTTPStatus\.OK|HttpStatusCode\.OK|http\.StatusOK)\b|\bis\s+not\s+200\b|(?:\bnot\s+|!\s*)(?:\(?\s*[\w$.]+\.)?(?:ok|IsSuccessStatusCode|is_success|isSuccessful\(?\)?|successful\(?\)?|success|succeeded|isSuccess|is_ok|isOk)\b|>=?\s*(?:299|300|399|400)\b|\bnot\s+in\s*[([{]\s*200\b/;
/** A test that names the codes that do mean bad credentials: then the mapping is right. */
const AUTH_CODES = /\b(?:401|403)\b|Unauthori[sz]ed|Forbidden/;

/**
 * Every failure status reported as bad credentials: `if resp.status == 200: … else: raise InvalidAuth(…)`, `if
 * (!response.ok) throw new AuthenticationError(…)`. A 429 or a 503 from a login or token endpoint then reads as a wrong
 * password: the caller asks the user to sign in again (Home Assistant starts a re-auth, an app logs the user out)
 * instead of retrying a passing outage. Not when the test names 401/403 itself, or a retry mechanism or the
 * function's callers retry the request.
 */
export function credentialGiveUps(ctx: DiagContext, reported: ReadonlySet<number>): Finding[] {
  const findings: Finding[] = [];
  for (const raise of raisedCredentialErrors(ctx)) {
    const fn = enclosingFn(ctx.flow, raise.node);
    if (!fn) continue;
    const guard = failureGuard(ctx, raise.node, fn.node);
    if (!guard || reported.has(guard.node.id)) continue;
    // The response's status is tested here: a request of the function, or a status a helper of the file handed back
    // (`_, _, status = await _fetch(session, url, method="POST")`).
    const request = ctx.requestsIn(fn).filter((r) => r.call.start < raise.node.startIndex).pop();
    if (!request && !/\b(?:status|status_code|statusCode|StatusCode|code|response|resp|res|r)\b/.test(guard.check.text)) continue;
    if ((request && ctx.mechanisms.covering(request.call.node, request.call.receiver, request.library, true)) || retriedByCallers(ctx, fn)) continue;
    const codes = ['429', '503'];
    const data = giveUpData(ctx, { anchor: raise.node, check: guard.check, branch: guard.branch, final: raise.node, finalKind: 'raise', codes });
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes, detail: `every failure status is reported as bad credentials (${raise.name}): a rate limit or an outage of the ${request && request.method !== 'UNKNOWN' ? `${request.method} ` : ''}endpoint sends the user to sign in again instead of being retried` }),
      range: ctx.range(raise.node),
      related: ctx.related(request),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/** `raise InvalidAuth(…)`, `throw new AuthenticationError(…)`: the statement and the class it raises. */
function raisedCredentialErrors(ctx: DiagContext): Array<{ node: Node; name: string }> {
  const out: Array<{ node: Node; name: string }> = [];
  const re = /\b(?:raise|throw)\s+(?:new\s+)?([\w$.]+)\s*\(/g;
  for (const m of ctx.flow.text.matchAll(re)) {
    const name = m[1];
    if (!CREDENTIAL_ERROR.test(name)) continue;
    let node: Node | null = ctx.doc.tree!.rootNode.descendantForIndex(m.index!, m.index! + 5);
    while (node && !/^(raise_statement|throw_statement|throw_expression|expression_statement)$/.test(node.type)) node = node.parent;
    // (Written in a comment or a string it raises nothing; outside the unit an incremental pass re-reads, it is kept.)
    if (!node || !/^(raise|throw)\b/.test(node.text.trim()) || !inScope(ctx, node.startIndex)) continue;
    out.push({ node, name: name.split('.').pop()! });
  }
  return out;
}

/** The if clause around `node` in its function that runs on any failure: a failure test, or the else of a success test. */
function failureGuard(ctx: DiagContext, node: Node, fnNode: Node): { node: Node; check: Node; branch: Node } | undefined {
  for (let n: Node | null = node.parent; n && n.id !== fnNode.id; n = n.parent) {
    if (!ctx.flow.grammar.ifs.has(n.type) || !ifClauses(n).some((c) => within(node, c.body))) continue;
    // (An elif/else-if clause is its own link of the chain: start from the top of the chain.)
    let top: Node = n;
    while (top.parent && /^(elif_clause|else_clause|else_if_clause)$/.test(top.parent.type)) top = top.parent.parent ?? top;
    const clauses = ifClauses(top);
    const at = clauses.findIndex((c) => within(node, c.body));
    if (at < 0) return undefined;
    const clause = clauses[at];
    const conditions = clauses.map((c) => c.condition?.text ?? '').join(' ');
    if (AUTH_CODES.test(conditions)) return undefined;
    if (clause.condition && FAILURE_TEST.test(clause.condition.text)) return { node: top, check: clause.condition, branch: clause.body };
    // `if status == 200: … else: raise InvalidAuth(…)`: the else of a success test, with no other test before it.
    if (!clause.condition && clauses.length === 2 && clauses[0].condition && SUCCESS_TEST.test(clauses[0].condition.text) && !FAILURE_TEST.test(clauses[0].condition.text)) {
      return { node: top, check: clauses[0].condition, branch: clause.body };
    }
    return undefined;
  }
  return undefined;
}
