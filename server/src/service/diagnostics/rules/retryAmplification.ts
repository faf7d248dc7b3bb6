import type { Finding } from '../../types';
import { sdkCallIn, sdkClients } from '../amplification/sdkClients';
import { outerRetries, retriesCallErrors, retriesSdkErrors } from '../amplification/outerRetries';
import { callbackSdkCall } from '../amplification/callbackSdk';
import { configuredRetryIn, type InnerLayer, retryingHelperIn } from '../amplification/retryingCallees';
import { failsIntoRetry } from '../amplification/failurePaths';
import type { DiagContext } from '../context';
import type { RetryAmplificationData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';
import { inScope } from '../timeouts/unbounded';

const RULE = 'retry-amplification';

/**
 * A retry written around calls that retry themselves: an SDK client that retries by default or as built in the file
 * (server/data/sdk-retries.json), a client the file configures to retry (a mounted urllib3 Retry, axios-retry), or a
 * function of the file with a retry of its own. The attempts multiply (tenacity 5 × openai 3 = 15 calls per
 * operation), and a rate-limited API gets hit hardest exactly when it asked for less. Silent when the client is built
 * with its retries off (`max_retries=0`), or when the outer retry only catches errors such a call does not raise. The
 * fix turns the SDK client's retries off where it is built.
 */
export function retryAmplification(ctx: DiagContext): Finding[] {
  const clients = sdkClients(ctx);
  const findings: Finding[] = [];
  const outers = outerRetries(ctx);
  const reported = new Set<number>();
  for (const outer of outers) {
    if (reported.has(outer.anchor.id) || !inScope(ctx.flow, outer.anchor)) continue;
    const finding = (clients.length && retriesSdkErrors(outer) ? sdkFinding(ctx, outer, clients) : undefined) ?? layerFinding(ctx, outer, outers);
    if (!finding) continue;
    reported.add(outer.anchor.id);
    findings.push(finding);
  }
  return findings;
}

type Outer = ReturnType<typeof outerRetries>[number];

/** The outer retry around an SDK client's call. */
function sdkFinding(ctx: DiagContext, outer: Outer, clients: ReturnType<typeof sdkClients>): Finding | undefined {
  // (Or the operation a wrapper is handed, known as the SDK's by the error type the wrapper retries on.)
  const inner = sdkCallIn(ctx, outer.body, clients) ?? callbackSdkCall(ctx, outer, clients);
  // The client's own retries are off (`max_retries=0`): one layer only.
  if (!inner || inner.client.retries === 0) return undefined;
  // (A loop read from the retry-loop model must go round on the call's failure, not only on an answer it tests.)
  if (outer.modelled && !failsIntoRetry(ctx, outer, inner.call)) return undefined;
  const { fact } = inner.client;
  const construction = inner.client.construction;
  const args = construction?.node.childForFieldName('arguments') ?? construction?.node.namedChildren.find((c) => c?.type === 'argument_list') ?? undefined;
  // (A switch that needs a class of its own, boto3's `Config(retries=…)`, or a setting made after the client is built
  // — Go's `s.MaxRestRetries = 0`, .NET's `options.Retry.MaxRetries = 0` — is described, not written.)
  const edit = construction && args && fact.off && !/\(/.test(fact.off) && /^(python|javascript)$/.test(fact.language) ? offEdit(ctx, args, fact.off, fact.language) : undefined;
  const data: RetryAmplificationData = {
    ...ctx.base(outer.anchor),
    sdk: fact.id,
    outerAttempts: outer.attempts ?? null,
    innerRetries: inner.client.retries,
    ...(edit ? { edit } : {}),
  };
  const built = construction ? `built with ${fact.option} ${inner.client.retries === fact.defaultRetries ? `left at ${fact.defaultRetries}` : `= ${inner.client.retries}`}` : `left at its default of ${fact.defaultRetries} retries`;
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { detail: `${fact.source.library} retries each call ${inner.client.retries} times itself, so this ${outer.kind} makes up to ${product(outer.attempts, inner.client.retries)}` }),
    range: ctx.headRange(outer.anchor),
    related: [{ range: ctx.range(inner.call.node), message: `the ${fact.source.library} call retried twice over` }, ...(construction ? [{ range: ctx.range(construction.node), message: `the client, ${built}` }] : [])],
    data: data as unknown as Record<string, unknown>,
  };
}

/**
 * The outer retry around a client the file configures to retry, or around a function of the file that retries
 * itself. Only a retry by its shape counts here (a decorator, a wrapper, a loop that counts attempts or the retry-loop
 * model holds), and one that catches what a call raises.
 */
function layerFinding(ctx: DiagContext, outer: Outer, outers: readonly Outer[]): Finding | undefined {
  if (!outer.certain || !retriesCallErrors(outer)) return undefined;
  const inner: InnerLayer | undefined = configuredRetryIn(ctx, outer.body) ?? retryingHelperIn(ctx, outer, outers);
  if (!inner || !failsIntoRetry(ctx, outer, inner.call)) return undefined;
  const data: RetryAmplificationData = {
    ...ctx.base(outer.anchor),
    sdk: '',
    outerAttempts: outer.attempts ?? null,
    innerRetries: inner.retries ?? null,
  };
  const times = inner.retries !== undefined ? `retries each call ${inner.retries} times itself` : 'retries each call itself';
  return {
    rule: RULE,
    severity: ruleInfo(RULE)!.defaultSeverity,
    message: fillMessage(RULE, { detail: `${inner.what} ${times}, so this ${outer.kind} makes up to ${product(outer.attempts, inner.retries)}` }),
    range: ctx.headRange(outer.anchor),
    related: [
      { range: ctx.range(inner.call.node), message: 'the call retried twice over' },
      { range: ctx.headRange(inner.where), message: 'its own retry' },
    ],
    data: data as unknown as Record<string, unknown>,
  };
}

/** `5 × 3 = 15 calls`, or the inner attempts per outer attempt when the outer count is not written. */
function product(outerAttempts: number | undefined, innerRetries: number | undefined): string {
  if (innerRetries === undefined) return outerAttempts ? `${outerAttempts} attempts of several calls each` : 'several calls for each of its attempts';
  const innerAttempts = innerRetries + 1;
  return outerAttempts ? `${outerAttempts} × ${innerAttempts} = ${outerAttempts * innerAttempts} calls` : `${innerAttempts} calls for each of its attempts`;
}

/** `OpenAI()` → `OpenAI(max_retries=0)`; `new OpenAI({ apiKey })` → `new OpenAI({ maxRetries: 0, apiKey })`. */
function offEdit(ctx: DiagContext, args: import('web-tree-sitter').Node, off: string, language: string): RetryAmplificationData['edit'] {
  const inner = args.text.slice(1, -1).trim();
  // The option is written with another value (`maxRetries: 4`): set it to 0 there.
  const option = off.split(/[:=]/)[0].trim();
  const written = new RegExp(`\\b${option}\\s*[:=]\\s*(\\w+)`).exec(args.text);
  if (written) {
    const at = args.startIndex + written.index + written[0].length - written[1].length;
    return { range: ctx.doc.lines.rangeOf(at, at + written[1].length), newText: '0' };
  }
  if (language === 'javascript') {
    const object = args.namedChildren.find((a) => a?.type === 'object');
    if (object) {
      const at = object.startIndex + 1;
      return { range: ctx.doc.lines.rangeOf(at, at), newText: object.text.slice(1, -1).trim() ? ` ${off},` : ` ${off} ` };
    }
    if (inner) return undefined;
    return { range: ctx.doc.lines.rangeOf(args.startIndex + 1, args.startIndex + 1), newText: `{ ${off} }` };
  }
  const at = args.endIndex - 1;
  return { range: ctx.doc.lines.rangeOf(at, at), newText: inner ? (inner.endsWith(',') ? ` ${off}` : `, ${off}`) : off };
}
