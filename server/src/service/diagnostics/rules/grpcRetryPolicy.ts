import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { GrpcRetryPolicyData } from '../findingData';
import { inScope } from '../decoratorPolicies';
import { nodes } from '../policyOptions';
import { fillMessage, ruleInfo } from '../rules';

const RULE = 'grpc-retry-policy';
/** gRFC A6: attempts above 5 are lowered to 5 by the client. */
const MAX_ATTEMPTS = 5;
/** Codes that fail the same way on every attempt (gRPC's status code guide: not to be retried). */
const NON_RETRYABLE = new Set(['INVALID_ARGUMENT', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'UNAUTHENTICATED', 'FAILED_PRECONDITION', 'OUT_OF_RANGE', 'UNIMPLEMENTED']);
const STRING_TYPES = ['string_literal', 'raw_string_literal', 'interpreted_string_literal', 'verbatim_string_literal', 'text_block', 'string', 'template_string'];

/**
 * gRPC service-config retry policies (gRFC A6) whose values do not do what they say: `maxAttempts` above 5
 * (silently lowered to 5), non-retryable codes in `retryableStatusCodes` (INVALID_ARGUMENT, NOT_FOUND…), and a
 * method config with both `retryPolicy` and `hedgingPolicy` (the client rejects the whole service config). Read in
 * service-config JSON written in a string (any language) and in Grpc.Net.Client's `new RetryPolicy { … }`.
 */
export function grpcRetryPolicy(ctx: DiagContext): Finding[] {
  const text = ctx.doc.text;
  if (!/retryPolicy|hedgingPolicy|RetryPolicy/.test(text)) return [];
  const findings: Finding[] = [];
  const report = (start: number, end: number, detail: string, problem: GrpcRetryPolicyData['problem']) => {
    const range = ctx.doc.lines.rangeOf(start, end);
    findings.push({ rule: RULE, severity: ruleInfo(RULE)!.defaultSeverity, message: fillMessage(RULE, { detail }), range, data: { language: ctx.language, indent: '', problem } as unknown as Record<string, unknown> });
  };
  const seen = new Set<number>();
  for (const type of STRING_TYPES) {
    for (const s of nodes(ctx, type)) {
      if (seen.has(s.startIndex) || !inScope(ctx, s.startIndex) || !/"(retryPolicy|hedgingPolicy)\\?"/.test(s.text.replace(/\\"/g, '"'))) continue;
      seen.add(s.startIndex);
      checkJson(s, report);
    }
  }
  if (ctx.flow.grammarName === 'c-sharp') checkCsharp(ctx, report);
  return findings;
}

type Report = (start: number, end: number, detail: string, problem: GrpcRetryPolicyData['problem']) => void;

function checkJson(s: Node, report: Report): void {
  const text = s.text;
  for (const m of text.matchAll(/\\?"maxAttempts\\?"\s*:\s*(\d+)/g)) {
    const n = Number(m[1]);
    if (n > MAX_ATTEMPTS) report(s.startIndex + m.index!, s.startIndex + m.index! + m[0].length, `maxAttempts ${n} is lowered to ${MAX_ATTEMPTS} by every gRPC client`, 'max-attempts');
  }
  for (const m of text.matchAll(/\\?"retryableStatusCodes\\?"\s*:\s*\[([^\]]*)\]/g)) {
    const bad = [...m[1].matchAll(/\\?"([A-Z_]+)\\?"/g)].map((c) => c[1]).filter((c) => NON_RETRYABLE.has(c));
    if (bad.length) report(s.startIndex + m.index!, s.startIndex + m.index! + m[0].length, `${bad.join(', ')} ${bad.length > 1 ? 'fail' : 'fails'} the same way on every attempt and should not be retried`, 'non-retryable-code');
  }
  // One methodConfig entry holding both policies: find each `{ … }` at the level of "name" entries.
  if (/"retryPolicy\\?"/.test(text.replace(/\\"/g, '"')) && /"hedgingPolicy\\?"/.test(text.replace(/\\"/g, '"'))) {
    for (const entry of text.matchAll(/\{[^{}]*\\?"name\\?"[\s\S]*?(?=\{\s*\\?"name\\?"|$)/g)) {
      if (/retryPolicy/.test(entry[0]) && /hedgingPolicy/.test(entry[0])) {
        const at = s.startIndex + entry.index! + entry[0].indexOf('hedgingPolicy');
        report(at, at + 'hedgingPolicy'.length, 'a method config may hold a retryPolicy or a hedgingPolicy, not both: the client rejects the service config', 'both-policies');
      }
    }
  }
}

/** Grpc.Net.Client.Configuration: `new RetryPolicy { MaxAttempts = 10, RetryableStatusCodes = { StatusCode.NotFound } }`. */
function checkCsharp(ctx: DiagContext, report: Report): void {
  for (const creation of nodes(ctx, 'object_creation_expression')) {
    if (!/^(Grpc\.Net\.Client\.Configuration\.)?RetryPolicy$/.test(creation.childForFieldName('type')?.text ?? '') || !inScope(ctx, creation.startIndex)) continue;
    const init = creation.text;
    const max = /\bMaxAttempts\s*=\s*(\d+)/.exec(init);
    if (max && Number(max[1]) > MAX_ATTEMPTS) report(creation.startIndex + max.index, creation.startIndex + max.index + max[0].length, `MaxAttempts ${max[1]} is lowered to ${MAX_ATTEMPTS} by the gRPC client`, 'max-attempts');
    const codes = /\bRetryableStatusCodes\s*=\s*\{([^}]*)\}/.exec(init);
    if (!codes) continue;
    const bad = [...codes[1].matchAll(/StatusCode\.(\w+)/g)].map((c) => c[1].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()).filter((c) => NON_RETRYABLE.has(c));
    if (bad.length) report(creation.startIndex + codes.index, creation.startIndex + codes.index + codes[0].length, `${bad.join(', ')} ${bad.length > 1 ? 'fail' : 'fails'} the same way on every attempt and should not be retried`, 'non-retryable-code');
  }
}
