import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { failureSet } from './failureSets';
import { throwsOnStatus } from './requests';
import { asyncRetryProblems } from './policyAsyncRetry';
import { annotationOptions, edits, imports, lastName, nodes, objectOptions, pythonOptions, setOption, setOptions, type OffsetEdit, type PolicyOptions } from './policyOptions';
import { builderPolicyProblems } from './policyBuilders';
import { grpcPolicyProblems } from './policyGrpc';
import { jsOptionProblems } from './policyJsOptions';
import { policyDefaults } from './policyDefaults';
import { faradayRetryProblems } from './policyFaraday';
import { activeJobRetryProblems } from './policyActiveJob';
import { retryingAnnotations } from './springRetryRepeats';
import { laravelRetryProblems } from './policyLaravel';
import { goWrapperRetryProblems } from './policyGoWrappers';
import { guzzleRetryProblems } from './policyGuzzle';
import { ktorRetryProblems } from './policyKtor';
import { rustRetryProblems } from './policyRust';
import { pollyRetryProblems } from './policyPolly';
import { boolValue, constantFunction, numberValue, readsRetryAfter, resolvedText } from './policyValues';

/**
 * Declarative retry policies evaluated as data: the options written (constants of the same file
 * resolved) merged with the library's defaults (server/data/retry-policies.json, each cited), then
 * judged like a loop would be — no delay, a fixed delay, a rate-limit retry that does not wait for
 * Retry-After. Each problem carries the configuration edit that fixes it.
 */
export interface PolicyProblem {
  rule: 'retry-without-backoff' | 'retry-ignores-retry-after' | 'retryable-treated-as-final';
  library: string;
  /** The configuration value (or the configuring call) the finding is anchored on. */
  anchor: Node;
  /** A narrower place inside the anchor (a field of a JSON string), as offsets. */
  at?: { start: number; end: number };
  problem?: 'no-delay' | 'fixed-delay' | 'no-cap';
  detail: string;
  codes?: string[];
  fix?: { title: string; edits: OffsetEdit[] };
}

/** Every declarative policy problem of the file. */
export function configPolicyProblems(ctx: DiagContext): PolicyProblem[] {
  const cached = computed.get(ctx);
  if (cached) return cached;
  const problems = readPolicies(ctx);
  computed.set(ctx, problems);
  return problems;
}

/** Both rules ask for the same file's policies: read them once per analysis. */
const computed = new WeakMap<DiagContext, PolicyProblem[]>();

function readPolicies(ctx: DiagContext): PolicyProblem[] {
  if (!ctx.doc.tree) return [];
  switch (ctx.flow.grammarName) {
    case 'python': return urllib3(ctx);
    case 'javascript': case 'typescript': case 'tsx': return [...axiosRetry(ctx), ...promiseRetry(ctx), ...asyncRetryProblems(ctx), ...jsOptionProblems(ctx)];
    case 'c-sharp': return [...pollyRetryProblems(ctx), ...grpcPolicyProblems(ctx)];
    case 'java': return [...springRetryable(ctx), ...builderPolicyProblems(ctx), ...grpcPolicyProblems(ctx)];
    case 'go': return [...builderPolicyProblems(ctx), ...grpcPolicyProblems(ctx), ...goWrapperRetryProblems(ctx)];
    case 'ruby': return [...faradayRetryProblems(ctx), ...activeJobRetryProblems(ctx)];
    case 'php': return [...laravelRetryProblems(ctx), ...guzzleRetryProblems(ctx)];
    case 'kotlin': return ktorRetryProblems(ctx);
    case 'rust': return rustRetryProblems(ctx);
    default: return [];
  }
}

/** urllib3 `Retry(...)`: backoff_factor defaults to 0 (retries at once); respect_retry_after_header defaults to True. */
function urllib3(ctx: DiagContext): PolicyProblem[] {
  if (!imports(ctx, /^(urllib3|requests)(\.|$)/)) return [];
  const text = ctx.flow.text;
  const defaults = policyDefaults('urllib3-retry');
  const out: PolicyProblem[] = [];
  // (The file's calls as the flow holds them, named once: not every call node of the tree read again.)
  for (const { node: call } of ctx.flow.calls.filter((c) => c.name === 'Retry')) {
    if (call.type !== 'call' || lastName(call.childForFieldName('function')?.text ?? '') !== 'Retry') continue;
    const o = pythonOptions(call);
    const counts = ['total', 'connect', 'read', 'status'].map((k) => o.values.get(k)).filter((v): v is Node => !!v);
    if (counts.some((v) => numberValue(text, v.text) === 0 || boolValue(text, v.text) === false || /^None$/.test(v.text))) continue;
    if (!counts.length && !o.values.has('status_forcelist')) continue;
    const factor = o.values.get('backoff_factor');
    const factorValue = factor ? numberValue(text, factor.text) : defaults.backoffFactor;
    if (factorValue === 0) {
      out.push({
        rule: 'retry-without-backoff', library: 'urllib3', anchor: factor ?? call, problem: 'no-delay',
        detail: `(urllib3 Retry) retries immediately: backoff_factor is 0${factor ? '' : ' (the default)'}`,
        fix: { title: 'Give the urllib3 Retry a growing delay (backoff_factor=0.5: exponential, capped at 120 s)', edits: edits(setOption(o, 'backoff_factor', '0.5')) },
      });
    }
    // `status_forcelist=[500, 502, 503, 504]`: server errors are retried, a rate limit comes back as the failed response.
    const forcelist = o.values.get('status_forcelist');
    const listed = forcelist ? [...resolvedText(text, forcelist.text).matchAll(/\b([1-5]\d\d)\b/g)].map((m) => m[1]) : [];
    if (forcelist && /^[[(]/.test(resolvedText(text, forcelist.text).trim()) && listed.filter((c) => c.startsWith('5')).length >= 2 && !listed.includes('429') && !/TOO_MANY_REQUESTS|TooManyRequests/.test(resolvedText(text, forcelist.text))) {
      const open = forcelist.type === 'list' || forcelist.type === 'tuple' || forcelist.type === 'set' ? forcelist.startIndex + 1 : undefined;
      out.push({
        rule: 'retryable-treated-as-final', library: 'urllib3', anchor: forcelist, codes: ['429'],
        detail: 'the urllib3 Retry\'s status_forcelist retries server errors only; a rate limit comes back as the failed response',
        ...(open !== undefined ? { fix: { title: 'Retry 429 too (urllib3 waits for its Retry-After)', edits: [{ start: open, end: open, newText: '429, ' }] } } : {}),
      });
    }
    const respect = o.values.get('respect_retry_after_header');
    if (respect && (boolValue(text, respect.text) ?? defaults.respectRetryAfterHeader) === false) {
      const list = o.values.get('status_forcelist');
      const retryAfterStatuses = (defaults.retryAfterStatuses ?? []).map(String);
      const codes = list ? retryAfterStatuses.filter((c) => new RegExp(`\\b${c}\\b|${{ '413': 'PAYLOAD_TOO_LARGE|REQUEST_ENTITY_TOO_LARGE', '429': 'TOO_MANY_REQUESTS', '503': 'SERVICE_UNAVAILABLE' }[c] ?? '^$'}`).test(resolvedText(text, list.text))) : retryAfterStatuses;
      if (codes.length) {
        out.push({
          rule: 'retry-ignores-retry-after', library: 'urllib3', anchor: respect, codes,
          detail: '(urllib3 Retry) respect_retry_after_header=False',
          fix: { title: 'Let the urllib3 Retry wait for Retry-After (respect_retry_after_header=True)', edits: edits(setOption(o, 'respect_retry_after_header', 'True')) },
        });
      }
    }
  }
  return out;
}

/** The local name a module's default export is imported as (`import axiosRetry from 'axios-retry'`, `const r = require('async-retry')`). */
function defaultImportName(ctx: DiagContext, module: RegExp): string | undefined {
  const m = new RegExp(`(?:import\\s+([A-Za-z_$][\\w$]*)\\s*(?:,\\s*\\{[^}]*\\})?\\s*from|(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*require\\()\\s*['"](${module.source})['"]`).exec(ctx.flow.text);
  return m ? m[1] ?? m[2] : undefined;
}

function callsTo(ctx: DiagContext, name: string): Node[] {
  return nodes(ctx, 'call_expression').filter((c) => c.childForFieldName('function')?.text === name);
}

const argumentsOf = (call: Node): Node[] => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');

/** axios-retry: the default retryDelay waits only when the server sends Retry-After; a constant retryDelay replaces that wait. */
function axiosRetry(ctx: DiagContext): PolicyProblem[] {
  const name = defaultImportName(ctx, /axios-retry/);
  if (!name) return [];
  const defaults = policyDefaults('axios-retry');
  const out: PolicyProblem[] = [];
  for (const call of callsTo(ctx, name)) {
    const args = argumentsOf(call);
    const object = args[1]?.type === 'object' ? args[1] : undefined;
    if (args[1] && !object) continue; // options built elsewhere are not guessed
    const o = objectOptions(object, call);
    const retries = o.values.get('retries');
    if (retries && numberValue(ctx.flow.text, retries.text) === 0) continue;
    const delay = o.values.get('retryDelay');
    const exponential = `${name}.exponentialDelay`;
    const fix = (title: string) => ({ title, edits: object ? edits(setOption(o, 'retryDelay', exponential)) : args[0] ? [{ start: args[0].endIndex, end: args[0].endIndex, newText: `, { retryDelay: ${exponential} }` }] : [] });
    if (!delay && defaults.delay !== 'growing') {
      out.push({
        rule: 'retry-without-backoff', library: 'axios-retry', anchor: object ?? call, problem: 'no-delay',
        detail: '(axios-retry) retries immediately: the default retryDelay waits only when the server sends Retry-After',
        fix: fix(`Give axios-retry exponential backoff (retryDelay: ${exponential}, which also honours Retry-After)`),
      });
    } else if (delay && constantFunction(delay) && !readsRetryAfter(delay)) {
      const fixed = fix(`Use exponential backoff that honours Retry-After (retryDelay: ${exponential})`);
      out.push({ rule: 'retry-without-backoff', library: 'axios-retry', anchor: delay, problem: 'fixed-delay', detail: '(axios-retry) waits a fixed time between attempts', fix: fixed });
      const condition = o.values.get('retryCondition')?.text;
      if ((!condition && defaults.conditionRetries429) || /429|TOO_MANY|TooMany|isRetryableError|isNetworkOrIdempotentRequestError|isIdempotentRequestError|isSafeRequestError/.test(condition ?? '')) {
        out.push({ rule: 'retry-ignores-retry-after', library: 'axios-retry', anchor: delay, codes: ['429'], detail: '(axios-retry) a custom retryDelay replaces the default wait for Retry-After', fix: fixed });
      }
    }
  }
  return out;
}

/** p-retry / async-retry: factor 2 and minTimeout 1 s by default; factor ≤ 1 is a fixed delay, minTimeout 0 with it none. */
function promiseRetry(ctx: DiagContext): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const module of [/p-retry/, /async-retry/]) {
    const name = defaultImportName(ctx, module);
    if (!name) continue;
    const library = module.source.replace(/\\/g, '');
    for (const call of callsTo(ctx, name)) {
      const object = argumentsOf(call)[1];
      if (object?.type !== 'object') continue;
      const o = objectOptions(object, call);
      const factor = o.values.get('factor');
      const f = factor ? numberValue(ctx.flow.text, factor.text) : policyDefaults('p-retry').factor;
      if (f === undefined || f > 1) continue;
      const min = o.values.get('minTimeout');
      const none = min !== undefined && numberValue(ctx.flow.text, min.text) === 0;
      out.push({
        rule: 'retry-without-backoff', library, anchor: factor ?? object, problem: none ? 'no-delay' : 'fixed-delay',
        detail: none ? `(${library}) retries immediately: minTimeout 0` : `(${library}) waits a fixed time: factor ${factor?.text ?? f}`,
        fix: { title: `Give ${library} a growing delay (factor: 2${none ? ', minTimeout: 1000' : ''})`, edits: setOptions(o, none ? [['factor', '2'], ['minTimeout', '1000']] : [['factor', '2']]) },
      });
    }
  }
  return out;
}

/** Spring Retry `@Retryable`: without `backoff`, a fixed 1 s (`@Backoff` value 1000); `@Backoff` without a multiplier is fixed too. */
function springRetryable(ctx: DiagContext): PolicyProblem[] {
  const defaults = policyDefaults('spring-retryable');
  const out: PolicyProblem[] = [];
  // (A method that catches every failure itself throws nothing to retry: its catch is the finding, not the backoff.)
  for (const { annotation, options: o } of retryingAnnotations(ctx)) {
    const backoff = o.values.get('backoff');
    const b = backoff?.type === 'annotation' ? annotationOptions(backoff) : undefined;
    if (backoff && !b) continue;
    // Statuses it retries: every exception unless `include`/`retryFor`/`value` names some; RestClientException,
    // WebClientResponseException and their bases are what a 429/503 is thrown as; `exclude` takes some back.
    const named = (o.values.get('include') ?? o.values.get('retryFor') ?? o.values.get('value'))?.text;
    const excluded = o.values.get('exclude')?.text ?? o.values.get('noRetryFor')?.text ?? '';
    const statusErrors = !named || /\b(RestClientException|RestClientResponseException|HttpStatusCodeException|HttpServerErrorException|WebClientResponseException|WebClientException|FeignException|Exception|RuntimeException|Throwable)\.class/.test(named);
    const retriedCodes = statusErrors ? [['429', /TooManyRequests/], ['503', /ServiceUnavailable|HttpServerErrorException\.class/]].filter(([, ex]) => !(ex as RegExp).test(excluded)).map(([c]) => c as string) : [];
    const b2 = b;
    const readsHeader = b2 ? /retry[-_]?after/i.test(backoff!.text) : false;
    // Only where it retries HTTP calls: the annotated method sends a request (then it retries what that request
    // makes it throw: every status for RestTemplate, the statuses the method raises on otherwise), or the
    // annotation names HTTP errors (an annotated interface whose implementations send).
    const target = annotation.parent?.parent;
    const sent = target ? ctx.requests.filter((r) => r.call.start >= target.startIndex && r.call.end <= target.endIndex) : [];
    const sendsHttp = sent.length > 0 || /RestClient|HttpClientError|HttpServerError|HttpStatusCode|WebClient|Feign/.test(`${named ?? ''} ${excluded}`);
    if (sent.length > 0 && target) {
      const raised = new Set<string>();
      for (const r of sent) {
        if (throwsOnStatus(r)) ['429', '503'].forEach((c) => raised.add(c));
        else if (r.responseVar) failureSet(ctx, target, r.responseVar, 0, true).forEach((c) => raised.add(c));
      }
      for (let i = retriedCodes.length - 1; i >= 0; i--) if (!raised.has(retriedCodes[i])) retriedCodes.splice(i, 1);
    }
    if (sendsHttp && retriedCodes.length > 0 && !readsHeader && !(b?.values.has('delayExpression') && /retry[-_]?after/i.test(b.values.get('delayExpression')!.text))) {
      out.push({ rule: 'retry-ignores-retry-after', library: 'spring-retry', anchor: backoff ?? annotation, codes: retriedCodes, detail: '(@Retryable) waits its own @Backoff, never the server\'s Retry-After' });
    }
    const multiplier = b?.values.get('multiplier');
    if ((multiplier ? numberValue(ctx.flow.text, multiplier.text) ?? 2 : defaults.multiplier ?? 0) > 1) continue;
    // A delay from configuration (`delayExpression`) is still the same every time without a multiplier.
    if (b?.values.has('multiplierExpression')) continue;
    const delayExpression = b?.values.get('delayExpression');
    const delay = b?.values.get('delay') ?? b?.values.get('value');
    const delayMs = delay ? numberValue(ctx.flow.text, delay.text) : delayExpression ? undefined : defaults.delayMs;
    const base = delayExpression ? `delayExpression = ${delayExpression.text}` : `delay = ${delay && delayMs && delayMs > 0 ? delay.text : '500'}`;
    const fixEdits = edits(setOption(o, 'backoff', `@Backoff(${base}, multiplier = 2, maxDelay = 10000, random = true)`));
    if (!/import\s+org\.springframework\.retry\.annotation\.(\*|Backoff)\s*;/.test(ctx.flow.text)) {
      const imp = /import\s+org\.springframework\.retry\.annotation\.Retryable\s*;/.exec(ctx.flow.text);
      if (imp) fixEdits.push({ start: imp.index + imp[0].length, end: imp.index + imp[0].length, newText: '\nimport org.springframework.retry.annotation.Backoff;' });
    }
    out.push({
      rule: 'retry-without-backoff', library: 'spring-retry', anchor: backoff ?? annotation, problem: delayMs === 0 ? 'no-delay' : 'fixed-delay',
      detail: backoff ? '(@Retryable) @Backoff without a multiplier waits a fixed time' : `(@Retryable) waits a fixed ${(defaults.delayMs ?? 1000) / 1000} s between attempts (the default @Backoff)`,
      fix: { title: 'Use exponential backoff with jitter (@Backoff(multiplier = 2, maxDelay = 10000, random = true))', edits: fixEdits },
    });
  }
  return out;
}

export type { PolicyOptions };
