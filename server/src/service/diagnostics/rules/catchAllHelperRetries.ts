import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import { alwaysLeaves, CATCH_CLAUSE, catchBody, caughtClassNames } from '../chainSyntax';
import type { DiagContext } from '../context';
import type { NonRetryableRetriedData } from '../findingData';
import { retryHeadRange } from '../retryLoops';
import { fillMessage, ruleInfo } from '../rules';
import { tryAround } from '../wholesaleRetries';

const RULE = 'non-retryable-retried';
/** Catch clauses that take every failure: no type, or the language's root of all errors. */
const EVERYTHING = /^(Exception|BaseException|Error|Throwable|StandardError|object)$/;

/**
 * A retry helper handed its operation (`retryPromise(fn, max, wait)`, `Retry.DoAsync(action)`) whose loop catches every
 * failure and goes round, with nothing in the catch that looks at what failed: a 400, 401 or 404 the operation throws
 * (an `EnsureSuccessStatusCode`, an axios rejection, `raise_for_status`) is sent again like a timeout, every attempt
 * failing the same way.
 */
export function catchAllHelperRetries(ctx: DiagContext, already: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const retry of ctx.retryLoops()) {
    const { loop, request } = retry;
    if (request.inferred !== 'callback' || loop.kind === 'collection') continue;
    const tryNode = tryAround(ctx, request.call.node, loop.node);
    if (!tryNode) continue;
    const clauses = tryNode.namedChildren.filter((c) => c !== null && CATCH_CLAUSE.test(c.type));
    if (clauses.length !== 1) continue;
    const clause = clauses[0]!;
    const types = caughtClassNames(ctx.flow.text, clause);
    if (types.length > 0 && !types.every((t) => EVERYTHING.test(t))) continue;
    const body = catchBody(clause);
    // (A catch that asks what failed — a test, a rethrow under a condition — decides what goes round.)
    if (body && (alwaysLeaves(body) || decides(body))) continue;
    const head = retryHeadRange(ctx, retry);
    if (already.some((f) => f.rule === RULE && f.range.start.line === head.start.line)) continue;
    const data: NonRetryableRetriedData = { ...ctx.base(loop.node), codes: ['4xx'], codeRanges: [], checkRange: head, loopRange: ctx.range(loop.node) };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { codes: ['4xx'] }).replace(/:/, ' (this helper catches every failure of the operation it is handed and tries it again, whatever failed):'),
      range: head,
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/** Statements that choose by what failed: an if, a switch or match, a `when`, a `case`. */
const CHOICE = /^(if_statement|if_expression|if|unless|switch_statement|switch_expression|match_expression|when_expression|case|case_statement)$/;

function decides(body: Node): boolean {
  if (CHOICE.test(body.type)) return true;
  for (const c of body.namedChildren) if (c && decides(c)) return true;
  return false;
}
