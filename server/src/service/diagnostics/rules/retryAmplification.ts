import type { Finding } from '../../types';
import { sdkCallIn, sdkClients } from '../amplification/sdkClients';
import { outerRetries, retriesSdkErrors } from '../amplification/outerRetries';
import { callbackSdkCall } from '../amplification/callbackSdk';
import type { DiagContext } from '../context';
import type { RetryAmplificationData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';
import { inScope } from '../timeouts/unbounded';

const RULE = 'retry-amplification';

/**
 * A retry written around calls of an SDK that retries them itself (server/data/sdk-retries.json): the attempts
 * multiply (tenacity 5 × openai 3 = 15 calls per operation), and a rate-limited API gets hit hardest exactly when
 * it asked for less. Silent when the client is built with its retries off (`max_retries=0`), or when the outer
 * retry only catches errors an SDK call does not raise. The fix turns the inner retries off where the client is built.
 */
export function retryAmplification(ctx: DiagContext): Finding[] {
  const clients = sdkClients(ctx);
  if (!clients.length) return [];
  const findings: Finding[] = [];
  for (const outer of outerRetries(ctx)) {
    if (!retriesSdkErrors(outer)) continue;
    if (!inScope(ctx.flow, outer.anchor)) continue;
    // (Or the operation a wrapper is handed, known as the SDK's by the error type the wrapper retries on.)
    const inner = sdkCallIn(ctx, outer.body, clients) ?? callbackSdkCall(ctx, outer, clients);
    // The client's own retries are off (`max_retries=0`): one layer only.
    if (!inner || inner.client.retries === 0) continue;
    const { fact } = inner.client;
    const innerAttempts = inner.client.retries + 1;
    const product = outer.attempts ? `${outer.attempts} × ${innerAttempts} = ${outer.attempts * innerAttempts} calls` : `${innerAttempts} calls for each of its attempts`;
    const construction = inner.client.construction;
    const args = construction?.node.childForFieldName('arguments');
    // (A switch that needs a class of its own, boto3's `Config(retries=…)`, is described, not written.)
    const edit = construction && args && !/\(/.test(fact.off) ? offEdit(ctx, args, fact.off, fact.language) : undefined;
    const data: RetryAmplificationData = {
      ...ctx.base(outer.anchor),
      sdk: fact.id,
      outerAttempts: outer.attempts ?? null,
      innerRetries: inner.client.retries,
      ...(edit ? { edit } : {}),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { detail: `${fact.source.library} retries each call ${inner.client.retries} times itself, so this ${outer.kind} makes up to ${product}` }),
      range: ctx.headRange(outer.anchor),
      related: [{ range: ctx.range(inner.call.node), message: `the ${fact.source.library} call retried twice over` }, ...(construction ? [{ range: ctx.range(construction.node), message: `the client, built with ${fact.option} ${inner.client.retries === fact.defaultRetries ? `left at ${fact.defaultRetries}` : `= ${inner.client.retries}`}` }] : [])],
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
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
