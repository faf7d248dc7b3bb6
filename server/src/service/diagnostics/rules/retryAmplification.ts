import type { Finding } from '../../types';
import { sdkCallIn, sdkClients } from '../amplification/sdkClients';
import { outerRetries, retriesSdkErrors } from '../amplification/outerRetries';
import type { DiagContext } from '../context';
import type { RetryAmplificationData } from '../findingData';
import { fillMessage, ruleInfo } from '../rules';

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
    if (ctx.flow.scope && (outer.anchor.startIndex < ctx.flow.scope.start || outer.anchor.endIndex > ctx.flow.scope.end)) continue;
    const inner = sdkCallIn(ctx, outer.body, clients);
    if (!inner) continue;
    const { fact } = inner.client;
    const innerAttempts = fact.defaultRetries + 1;
    const product = outer.attempts ? `${outer.attempts} × ${innerAttempts} = ${outer.attempts * innerAttempts} calls` : `${innerAttempts} calls for each of its attempts`;
    const construction = inner.client.construction;
    const args = construction?.node.childForFieldName('arguments');
    const edit = construction && args ? offEdit(ctx, args, fact.off, fact.language) : undefined;
    const data: RetryAmplificationData = {
      ...ctx.base(outer.anchor),
      sdk: fact.id,
      outerAttempts: outer.attempts ?? null,
      innerRetries: fact.defaultRetries,
      ...(edit ? { edit } : {}),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { detail: `${fact.source.library} retries each call ${fact.defaultRetries} times itself, so this ${outer.kind} makes up to ${product}` }),
      range: ctx.headRange(outer.anchor),
      related: [{ range: ctx.range(inner.call.node), message: `the ${fact.source.library} call retried twice over` }, ...(construction ? [{ range: ctx.range(construction.node), message: `the client, built with ${fact.option} left at ${fact.defaultRetries}` }] : [])],
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/** `OpenAI()` → `OpenAI(max_retries=0)`; `new OpenAI({ apiKey })` → `new OpenAI({ maxRetries: 0, apiKey })`. */
function offEdit(ctx: DiagContext, args: import('web-tree-sitter').Node, off: string, language: string): RetryAmplificationData['edit'] {
  const inner = args.text.slice(1, -1).trim();
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
