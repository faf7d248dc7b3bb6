import type { Node } from 'web-tree-sitter';
import type { Finding } from '../types';
import type { DiagContext } from './context';
import { failureSet, PROBED_STATUSES, repeatingCodes } from './failureSets';
import type { NonRetryableRetriedData } from './findingData';
import { annotationOptions, imports, lastName, nodes } from './policyOptions';
import { throwsOnStatus } from './requests';
import { numberValue } from './policyValues';
import { wrapsSwallowingFunction } from './swallowedRetries';
import { fillMessage, ruleInfo } from './rules';

/*
 * Spring Retry's `@Retryable` retries every exception unless `include`/`retryFor`/`value` names some: a RestTemplate
 * call inside throws HttpClientErrorException for a 400, 401, 403 or 404, and those are re-sent on the annotation's
 * schedule although they fail the same way every time (https://docs.spring.io/spring-retry/docs/api/current/org/springframework/retry/annotation/Retryable.html:
 * "include … Defaults to empty (and, if exclude is also empty, all exceptions are retried)"). The same holds when it
 * names a base that covers client errors (RestClientException, HttpStatusCodeException, RuntimeException, Exception).
 */

/** Exception classes whose retry takes the client errors (4xx) with it. */
const COVERS_CLIENT_ERRORS = /\b(RestClientException|RestClientResponseException|HttpStatusCodeException|HttpClientErrorException|WebClientResponseException|FeignException|Exception|RuntimeException|Throwable)\.class/;
/** Exclusions that take the client errors back out. */
const EXCLUDES_CLIENT_ERRORS = /\b(HttpClientErrorException|RestClientResponseException|HttpStatusCodeException|WebClientResponseException|FeignException\.FeignClientException)\b/;

/** non-retryable-retried: `@Retryable` methods whose retry takes in the 4xx their requests throw. */
export function springRetryableRepeats(ctx: DiagContext): Finding[] {
  if (ctx.flow.grammarName !== 'java' && ctx.flow.grammarName !== 'kotlin') return [];
  const rule = 'non-retryable-retried';
  const findings: Finding[] = [];
  for (const { annotation, options: o } of retryingAnnotations(ctx)) {
    const named = (o.values.get('include') ?? o.values.get('retryFor') ?? o.values.get('value'))?.text;
    const excluded = `${o.values.get('exclude')?.text ?? ''} ${o.values.get('noRetryFor')?.text ?? ''}`;
    if ((named && !COVERS_CLIENT_ERRORS.test(named)) || EXCLUDES_CLIENT_ERRORS.test(excluded)) continue;
    // (`exceptionExpression`/a listener may choose at run time: what is retried is not read here.)
    if (o.values.has('exceptionExpression')) continue;
    const target = methodOf(annotation);
    if (!target) continue;
    const raised = new Set<string>();
    for (const r of ctx.requests) {
      if (r.call.start < target.startIndex || r.call.end > target.endIndex) continue;
      if (throwsOnStatus(r)) PROBED_STATUSES.forEach((c) => raised.add(c));
      else if (r.responseVar) failureSet(ctx, target, r.responseVar, 0, true).forEach((c) => raised.add(c));
    }
    const codes = repeatingCodes(raised, !ctx.isNonRetryable('403', target));
    if (codes.length === 0) continue;
    const range = ctx.range(annotation);
    const data: NonRetryableRetriedData = { ...ctx.base(annotation), codes, codeRanges: [] };
    findings.push({ rule, severity: ruleInfo(rule)!.defaultSeverity, message: fillMessage(rule, { codes }), range, data: data as unknown as Record<string, unknown> });
  }
  return findings;
}

/**
 * The file's `@Retryable` annotations that retry at all (Spring Retry imported; not `maxAttempts = 1`, not on a method
 * that catches every failure itself and so throws nothing to retry: swallowedRetries.ts), with their options.
 */
export function* retryingAnnotations(ctx: DiagContext): Generator<{ annotation: Node; options: ReturnType<typeof annotationOptions> }> {
  if (!imports(ctx, /^org\.springframework\.retry/)) return;
  for (const annotation of [...nodes(ctx, 'annotation'), ...nodes(ctx, 'marker_annotation')]) {
    if (lastName(annotation.childForFieldName('name')?.text ?? '') !== 'Retryable') continue;
    if (wrapsSwallowingFunction(ctx, annotation)) continue;
    const options = annotationOptions(annotation);
    const max = options.values.get('maxAttempts');
    if (max && numberValue(ctx.flow.text, max.text) === 1) continue;
    yield { annotation, options };
  }
}

/** The method an annotation sits on (Java: its modifiers' parent; Kotlin: the function's modifiers). */
function methodOf(annotation: Node): Node | undefined {
  for (let up = annotation.parent, depth = 0; up && depth < 3; up = up.parent, depth++) {
    if (/^(method_declaration|function_declaration)$/.test(up.type)) return up;
  }
  return undefined;
}
