import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { branchOutcome } from '../branches';
import { alwaysLeaves, catchBody, caughtTypeNames, caughtVariable, CATCH_CLAUSE } from '../chainSyntax';
import type { DiagContext } from '../context';
import { within } from '../flow/flowModel';
import { fillMessage, ruleInfo } from '../rules';
import { conditionSet, testsWithin } from '../statusSets';
import { giveUpData } from './giveUpData';

const RULE = 'retryable-treated-as-final';
/** Errors a request raises for a failure status (whatever else they cover). */
const STATUS_ERRORS = /^(RequestException|HTTPError|HTTPStatusError|ClientResponseError|HttpRequestException|WebException|RestClientException|HttpClientErrorException|HttpServerErrorException|WebClientResponseException|ResponseException|ApiException|AxiosError|FetchError|Exception|Error|BaseException|Throwable)$/;

/**
 * A retry loop's catch clause that asks a predicate of the file whether the caught failure is worth another attempt and
 * gives up otherwise: `except RequestException as e: if not _retryable_error(e): raise AirflowException(…)`, where the
 * predicate says `isinstance(e, (ConnectionError, Timeout)) or e.response.status_code >= 500` — a 429 reaches the raise.
 * The statuses that reach the give-up are the ones the condition holds for (the predicate read through the status
 * sets); the transient ones among them are reported.
 */
export function predicateGiveUps(ctx: DiagContext, reported: Set<number>): Finding[] {
  const findings: Finding[] = [];
  const { grammar } = ctx.flow;
  for (const retry of ctx.retryLoops()) {
    const loopFn = retry.loop.fn?.name;
    for (const clause of catchClausesIn(ctx, retry.loop.node)) {
      const body = catchBody(clause);
      if (!body || alwaysLeaves(body) || !within(retry.request.call.node, clause.parent ?? clause)) continue;
      const variable = caughtVariable(ctx.flow.text, clause, body);
      const caught = caughtTypeNames(ctx.flow.text, clause).filter((t) => t !== variable).map((t) => t.split(/[.:\\]/).pop() ?? t);
      if (!variable || !/^[a-z_$][\w$]*$/.test(variable) || (caught.length > 0 && !caught.some((t) => STATUS_ERRORS.test(t)))) continue;
      for (const stmt of body.namedChildren) {
        if (!stmt || !grammar.ifs.has(stmt.type) || reported.has(stmt.id)) continue;
        const condition = grammar.ifCondition(stmt);
        const branch = grammar.ifConsequence(stmt);
        // Only a condition that calls something with the caught error: a predicate of the file decides.
        if (!condition || !branch || !new RegExp(`\\w\\s*\\(\\s*${variable}\\s*[,)]`).test(condition.text)) continue;
        const outcome = branchOutcome(ctx, branch, loopFn, variable);
        if (!outcome.final || outcome.final.kind !== 'raise' || outcome.continues || outcome.retries) continue;
        const reaching = conditionSet(ctx, condition, testsWithin(ctx, condition, variable), variable);
        // (A rate limit and an outage: leaving 500 out of what is retried is a choice many clients make on purpose.)
        const codes = [...(reaching ?? [])].filter((c) => c === '429' || c === '503');
        if (codes.length === 0 || ctx.mechanisms.covering(stmt, retry.request.call.receiver, retry.request.library, true)) continue;
        reported.add(stmt.id);
        findings.push(finding(ctx, stmt, condition, outcome.final.node, codes, retry.loop.node));
      }
    }
  }
  return findings;
}

function catchClausesIn(ctx: DiagContext, loop: Node): Node[] {
  const found: Node[] = [];
  const visit = (n: Node): void => {
    if (n.id !== loop.id && ctx.flow.grammar.functions.has(n.type)) return;
    if (CATCH_CLAUSE.test(n.type)) found.push(n);
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(loop);
  return found;
}

function finding(ctx: DiagContext, guard: Node, condition: Node, final: Node, codes: string[], loop: Node): Finding {
  const data = giveUpData(ctx, { anchor: condition, check: condition, branch: guard, final, finalKind: 'raise', codes });
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes, detail: `${ctx.language === 'python' ? 'raises' : 'throws'}: the check of what is worth retrying leaves them out` }),
    range: ctx.headRange(guard, condition),
    related: [{ range: ctx.headRange(loop), message: 'the retry loop, which retries other failures only' }],
    data: data as unknown as Record<string, unknown>,
  };
}
