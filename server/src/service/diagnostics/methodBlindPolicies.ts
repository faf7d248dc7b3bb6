import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { CallInfo, FnInfo } from './flow/flowModel';
import { policyDefaults, type PolicyId } from './policyDefaults';
import { retryTransportReplaced } from './mechanisms';
import { statementOf } from './requestStatements';

/**
 * A retry policy installed on a client that re-sends every method it is given, POST and PATCH included: the
 * library never looks at the method (server/data/retry-policies.json, `retryMethods`) and the configuration
 * written here does not either. Found where it is configured:
 *
 * - go-retryablehttp `retryablehttp.NewClient()` (DefaultRetryPolicy, or a CheckRetry of the file that tests no method);
 * - Polly `HandleTransientHttpError()` / `AddTransientHttpErrorPolicy(…)` / `OrTransientHttpError()` with a retry;
 * - Ktor `install(HttpRequestRetry) { retryOnServerErrors(…) }` (or `retryOnException…`, or a `retryIf` admitting 5xx);
 * - axios-retry `axiosRetry(client, { retryCondition })` whose condition admits a failed connection or a 5xx for any method;
 * - Guzzle `Middleware::retry($decider)` whose decider retries a connection error or a 5xx and reads no method;
 * - Symfony `new GenericRetryStrategy([0, 500, 502, …])`: a status listed with no method list is retried for every method.
 */
export interface MethodBlindPolicy {
  id: PolicyId;
  /** Where the policy is configured: the finding's place. */
  anchor: Node;
}

/** Words of a configuration that chooses by method, or says which methods are safe to send again. */
const METHOD_AWARE = /\.Method\b|\bmethod\b|getMethod|idempoten|isSafe|safe_?methods|allowed_?methods|retryMethods|DisableFor/i;
/** A predicate admitting a server error or a failed connection. */
const ADMITS_FAILURE = /\b5\d\d\b|>=?\s*500|\b5\d\d\s*\.\.|isServerError|InternalServerError|BadGateway|ServiceUnavailable|GatewayTimeout|ConnectException|RequestException|TransferException|isNetworkError|isNetworkOrIdempotentRequestError|isRetryableError|!\s*[\w$.?]*\.response\b/;

/** The method-blind policies of an analysis, read once. */
export function methodBlindPolicies(ctx: DiagContext): readonly MethodBlindPolicy[] {
  let found = byContext.get(ctx);
  if (!found) byContext.set(ctx, (found = read(ctx)));
  return found;
}
const byContext = new WeakMap<DiagContext, readonly MethodBlindPolicy[]>();

function read(ctx: DiagContext): MethodBlindPolicy[] {
  const { flow } = ctx;
  const out: MethodBlindPolicy[] = [];
  const blind = (id: PolicyId): boolean => (policyDefaults(id).retryMethods ?? []).includes('POST') || (policyDefaults(id).networkRetryMethods ?? []).includes('POST');
  switch (flow.grammarName) {
    case 'go':
      if (!flow.text.includes('go-retryablehttp') || retryTransportReplaced(flow.text) || !blind('go-retryablehttp') || checkRetryReadsMethod(ctx)) break;
      for (const call of flow.calls) {
        if (call.name !== 'NewClient' || call.receiver !== 'retryablehttp') continue;
        // Where the retrying client is handed to the code that sends (`httpClient: rc.StandardClient()`), when the file does.
        const name = /(\w+)\s*:?=\s*$/.exec(flow.text.slice(Math.max(0, call.start - 80), call.start))?.[1];
        const installed = name ? flow.calls.find((c) => c.name === 'StandardClient' && c.receiver === name && c.start > call.start) : undefined;
        out.push({ id: 'go-retryablehttp', anchor: (installed ?? call).node });
      }
      break;
    case 'c-sharp':
      if (!blind('polly-transient-http-error')) break;
      for (const call of flow.calls) {
        if (!/^(HandleTransientHttpError|AddTransientHttpErrorPolicy|OrTransientHttpError)$/.test(call.name)) continue;
        const statement = statementOf(call.node).text;
        // (A circuit breaker alone re-sends nothing; a policy picked per request by its method is not blind.)
        if (!/Retry/.test(statement) || METHOD_AWARE.test(statement)) continue;
        if (!out.some((p) => within(call.node, statementOf(p.anchor)))) out.push({ id: 'polly-transient-http-error', anchor: call.node });
      }
      break;
    case 'kotlin':
      if (!blind('ktor-http-request-retry')) break;
      for (const call of flow.calls) {
        if (call.name !== 'install' || !/^\s*\(?\s*HttpRequestRetry\b/.test(argsText(ctx, call))) continue;
        const body = call.node.text;
        if (METHOD_AWARE.test(body)) continue;
        const condition = /retryOn(ServerErrors|ExceptionOrServerErrors|Exception)\b/.test(body) || (/\bretryIf\b/.test(body) && ADMITS_FAILURE.test(body.slice(body.indexOf('retryIf'))));
        if (condition) out.push({ id: 'ktor-http-request-retry', anchor: call.node });
      }
      break;
    case 'javascript': case 'typescript': case 'tsx':
      if (!blind('axios-retry')) break;
      for (const call of flow.calls) {
        if (call.name !== 'axiosRetry' && !(call.name === 'default' && call.receiver === 'axiosRetry')) continue;
        const condition = /\bretryCondition\s*:\s*([\s\S]*)$/.exec(argsText(ctx, call))?.[1];
        // (Left out, the default keeps 5xx retries to idempotent methods; only the condition written here is judged.)
        if (!condition || /\bmethod\b|isSafeRequestError|\bisIdempotentRequestError\b/.test(condition) || !ADMITS_FAILURE.test(condition)) continue;
        out.push({ id: 'axios-retry', anchor: call.node });
      }
      break;
    case 'php':
      for (const call of flow.calls) {
        if (call.name === 'retry' && call.receiver?.replace(/^.*\\/, '') === 'Middleware' && blind('guzzle-retry-middleware')) {
          const decider = ctx.flow.adapter.callArguments(call.node)[0];
          const text = decider?.text ?? '';
          // (A decider handed over by name is not read.)
          if (/function\s*\(|fn\s*\(/.test(text) && ADMITS_FAILURE.test(text) && !METHOD_AWARE.test(text)) out.push({ id: 'guzzle-retry-middleware', anchor: call.node });
        }
        if (call.name === 'GenericRetryStrategy') {
          const codes = ctx.flow.adapter.callArguments(call.node)[0]?.text ?? '';
          // A flat list (`[0, 500, 502]`) gives every status to every method; `500 => IDEMPOTENT_METHODS` does not.
          if (/^\s*(statusCodes\s*:\s*)?\[/.test(codes) && !codes.includes('=>') && /\b(0|500|504)\b/.test(codes)) out.push({ id: 'symfony-generic-retry-strategy', anchor: call.node });
        }
      }
      break;
    default:
      break;
  }
  return out;
}

function argsText(ctx: DiagContext, call: CallInfo): string {
  return ctx.flow.adapter.callArguments(call.node).map((a) => a.text).join(', ');
}

function within(node: Node, outer: Node): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/**
 * The file hands go-retryablehttp a CheckRetry of its own (`rc.CheckRetry = myPolicy`, or a function literal) that
 * reads the request's method: it may keep writes from being re-sent.
 */
export function checkRetryReadsMethod(ctx: DiagContext): boolean {
  const { flow } = ctx;
  for (const m of flow.text.matchAll(/\.CheckRetry\s*=\s*(func\b|[\w.]+)/g)) {
    if (/^retryablehttp\.(DefaultRetryPolicy|ErrorPropagatedRetryPolicy)$/.test(m[1])) continue;
    const at = m.index + m[0].length - m[1].length;
    const fn: FnInfo | undefined = m[1] === 'func' ? flow.fns.find((f) => f.start === at) : flow.fns.find((f) => f.name === m[1].split('.').pop());
    if (!fn || /\.Method\b|idempoten/i.test(fn.node.text)) return true;
  }
  return false;
}
