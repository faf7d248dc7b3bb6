import { waitFromResponse } from '../waitCalls';
import type { Finding } from '../../types';
import { branchOutcome } from '../branches';
import type { DiagContext } from '../context';
import type { RetryIgnoresRetryAfterData } from '../findingData';
import { within } from '../flow/flowModel';
import { loopData, resendData, retryHeadRange } from '../retryLoops';
import { resendRetries } from '../resends';
import { resultPolicies } from '../resultPolicies';
import { decoratedRetryAfterFindings } from '../decoratedRetries';
import { wrappedRetryAfterFindings } from '../wrappedRetries';
import { fillMessage, ruleInfo } from '../rules';
import { decoratorRetryAfterFindings } from '../decoratorPolicies';
import { exceptionPolicyRetryAfterFindings } from '../exceptionPolicies';
import type { SenderCall } from '../senders';
import { wholesaleRetried } from '../wholesaleRetries';
import { isRetried, loopCondition, retriedSet, roundOnlyUnderNestedTest } from '../retriedSets';
import { alwaysLeaves, ancestorWithin, tryBlock } from '../chainSyntax';
import { throwsOnStatus } from '../requests';
import type { RetryLoop } from '../retryLoops';
import { RETRY_AFTER, type FnInfo } from '../flow/flowModel';
import { functionSummaries } from '../functionSummaries';
import { escapeRegExp } from '../regexText';
import { caughtNames, waitReadsAnswer } from '../answerWaits';

const RULE = 'retry-ignores-retry-after';

/** A retry loop that goes round again on 429 or 503 (or a range holding them) and never reads Retry-After. */
export function retryIgnoresRetryAfter(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const retry of ctx.retryLoops()) {
    const { loop } = retry;
    if ((loop.fn?.readsRetryAfter ?? ctx.flow.fileReadsRetryAfter) && !(loop.fn && readsOnlyOnSuccess(retry, loop.fn))) continue;
    // The wait is a retry policy's, and the policy gets the response: it can read Retry-After itself.
    if (retry.delegatedWait) continue;
    const sender = (retry.request as Partial<SenderCall>).sender;
    if (sender?.readsRetryAfter) continue;
    // The wait is computed by a function of the file that reads Retry-After (`delay := c.backoffDelay(attempt, lastErr)`).
    if (waitFromRetryAfterReader(ctx, retry)) continue;
    // The wait is read off the answer in another form: a body field (`data.retry_after`, `retryDelay`), an attribute
    // of the caught error (`exc.wait_seconds`), a local taken from either.
    // (Not a wait of the good answer: after a call that throws on every failure status, the try block runs on success.)
    const answers = [retry.request.responseVar, ...caughtNames(loop.body)];
    const successBody = throwsOnStatus(retry.request) ? tryBlock(ancestorWithin(retry.request.call.node, loop.node, /^try_statement$/)) : undefined;
    if (retry.delays.some((d) => !(successBody && within(d.call, successBody)) && waitReadsAnswer(d.arg, loop.body, answers, ownFunctionNames(ctx)))) continue;
    let found = false;
    // `while resp.status_code == 503:` — the loop's own condition: going round is the retry.
    const condition = loopCondition(loop);
    for (const test of ctx.clientTests()) {
      if (!within(test.test, loop.node)) continue;
      const inCondition = !!condition && within(test.test, condition);
      if (!test.branch && !inCondition) continue;
      const code = Number(test.occ.code);
      const codes = coveredCodes(test.op, test.positive, code);
      if (codes.length === 0) continue;
      const outcome = inCondition ? undefined : branchOutcome(ctx, test.branch!, loop.fn?.name, retry.request.responseVar);
      if (outcome?.final && !outcome.continues && !outcome.retries) continue;
      // A branch that leaves the loop (`if ($code >= 200 && $code < 500) break;`) takes its statuses out of the retry.
      if (outcome && !outcome.continues && !outcome.retries && alwaysLeaves(test.branch!)) continue;
      // (`if status >= 400:` whose branch goes round only under `if status in RETRYABLE:`: the inner test says what.)
      if (outcome && roundOnlyUnderNestedTest(ctx, test.branch!, retry)) continue;
      findings.push(make(ctx.range(test.test), codes, { ...loopData(ctx, retry), codes, checkRange: ctx.range(test.test) }, ctx.related(retry.request)));
      found = true;
      break;
    }
    if (found) continue;
    // No status named where it retries, but the failure it goes round on includes 429/503 (a sender that
    // fails on every status, a success check in a try whose catch waits and stays).
    // (Or a branch goes round on what a predicate of the file says: `IsTooManyRequests(response.StatusCode)`.)
    const codes = ['429', '503'].filter((c) => wholesaleRetried(ctx, retry).has(c) || isRetried(retriedSet(ctx, retry), c));
    if (codes.length === 0) continue;
    const head = retryHeadRange(ctx, retry);
    findings.push(make(head, codes, { ...loopData(ctx, retry), codes, checkRange: head }, ctx.related(retry.request)));
  }
  findings.push(...resendFindings(ctx));
  findings.push(...resultPolicyFindings(ctx));
  findings.push(...decoratedRetryAfterFindings(ctx));
  findings.push(...wrappedRetryAfterFindings(ctx));
  findings.push(...decoratorRetryAfterFindings(ctx));
  findings.push(...exceptionPolicyRetryAfterFindings(ctx));
  return findings;
}

/** Retry policies whose result predicate retries 429/503 on a wait that never reads Retry-After. */
function resultPolicyFindings(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const policy of resultPolicies(ctx)) {
    if (policy.readsRetryAfter || !policy.waits) continue;
    // From the predicate's own name, not the start of the chain it ends (`HttpPolicyExtensions` lines above).
    const callee = ctx.flow.adapter.callee(policy.predicate);
    const name = policy.predicate.childForFieldName('name') ?? callee?.childForFieldName('name') ?? callee?.lastNamedChild ?? policy.predicate;
    const range = ctx.doc.lines.rangeOf(name.startIndex, Math.min(policy.predicate.endIndex, name.startIndex + 200));
    findings.push(make(range, policy.codes, { ...ctx.base(policy.predicate), codes: policy.codes, checkRange: range, declarative: 'result-predicate' }));
  }
  return findings;
}

/** Re-sends from a failure branch (recursion, the file's retry method) that 429/503 reach. */
function resendFindings(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  for (const resend of resendRetries(ctx)) {
    if (resend.readsRetryAfter || resend.delegatedWait || !resend.condition) continue;
    const codes = ['429', '503'].filter((c) => resend.retried?.has(c));
    if (codes.length === 0) continue;
    const range = ctx.range(resend.condition);
    findings.push(make(range, codes, { ...resendData(ctx, resend), codes, checkRange: range }, ctx.related(resend.request)));
  }
  return findings;
}

function make(range: Finding['range'], codes: string[], data: RetryIgnoresRetryAfterData | Record<string, unknown>, related?: Finding['related']): Finding {
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { codes }),
    range,
    ...(related ? { related } : {}),
    data: data as unknown as Record<string, unknown>,
  };
}

/** Which of 429/503 a test lets through to its retrying branch. */
function coveredCodes(op: string, positive: boolean, code: number): string[] {
  if (positive) return code === 429 || code === 503 ? [String(code)] : [];
  if ((op === '!=' || op === '!==') && code >= 200 && code < 300) return ['429', '503'];
  if (op === '>=' || op === '>') {
    const bound = op === '>' ? code + 1 : code;
    return ['429', '503'].filter((c) => Number(c) >= bound);
  }
  return [];
}

/**
 * The function reads Retry-After (or a rate-limit reset) only where the request has succeeded: in the try block,
 * after a call that throws on every failure status (axios, got, superagent…). Those headers are a 2xx response's
 * (`x-ratelimit-remaining` of a good answer); the 429 that sends the loop round is only seen in the catch, and
 * its Retry-After is never read there.
 */
function readsOnlyOnSuccess(retry: RetryLoop, fn: FnInfo): boolean {
  const { call } = retry.request;
  if (!throwsOnStatus(retry.request)) return false;
  const body = tryBlock(ancestorWithin(call.node, retry.loop.node, /^try_statement$/));
  if (!body || body.startIndex > call.start || body.endIndex < call.end) return false;
  const text = fn.node.text;
  let mentions = 0;
  for (const m of text.matchAll(RETRY_AFTER)) {
    const at = fn.start + m.index;
    if (at < call.end || at >= body.endIndex) return false;
    mentions++;
  }
  return mentions > 0;
}

/**
 * A delay of the loop is a call of a function of the file that reads Retry-After, or a local set from one in the loop
 * (`delay := c.backoffDelay(attempt, lastErr)` … `clock.Sleep(ctx, delay)`, the helper reading `apiErr.RetryAfter`).
 */
function waitFromRetryAfterReader(ctx: DiagContext, retry: RetryLoop): boolean {
  const summaries = functionSummaries(ctx.flow);
  const reader = (text: string) => {
    const name = /([A-Za-z_$][\w$]*)\s*\(/.exec(text.replace(/^await\s+/, ''))?.[1];
    return !!name && summaries.get(name)?.readsRetryAfter === true;
  };
  const body = retry.loop.body?.text ?? '';
  return retry.delays.some(({ arg }) => {
    if (!arg) return false;
    if (waitFromResponse(ctx.flow, arg, [retry.request.responseVar])) return true;
    const text = arg.text.trim();
    if (/\(/.test(text)) return reader(text.replace(/^[\w$.]*?\.(?=[A-Za-z_$][\w$]*\s*\()/, ''));
    if (!/^[A-Za-z_$][\w$]*$/.test(text)) return false;
    const set = new RegExp(`(?<![\\w$.])${escapeRegExp(text)}\\s*(?::=|=(?!=))\\s*(?:await\\s+)?[\\w$.]*?([A-Za-z_$][\\w$]*)\\s*\\(`).exec(body);
    return !!set && summaries.get(set[1])?.readsRetryAfter === true;
  });
}

/** The names of the functions and methods the file defines. */
export function ownFunctionNames(ctx: DiagContext): Set<string> {
  return new Set(ctx.flow.fns.map((f) => f.name).filter((n): n is string => !!n));
}
