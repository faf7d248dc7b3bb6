import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../types';
import type { DiagContext } from '../context';
import type { MissingRetryAfterData } from '../findingData';
import { calleeOf, enclosingFn } from '../flow/flowModel';
import { statementOf } from '../requestStatements';
import { fillMessage, ruleInfo } from '../rules';
import { isRackTriple } from '../../spotting/statusTables';

const RULE = 'missing-retry-after';
/** A message that says something is not set up, rather than busy. */
const NOT_CONFIGURED = /\bnot\s+(?:been\s+)?(?:configured|enabled|set\s*up|installed|connected|supported)\b|\b(?:un|mis)configured\b|\bdisabled\b|\bdeactivated\b|\bsuspended\b|\.\s*Suspend\b|\bmissing\s+(?:config|configuration|credentials|settings|api\s*key)\b|\bconfiguration\s+error\b|\bapi[\s_-]?key\b/i;
/** A handler for refused credentials (`rescue_from Octokit::Unauthorized, Octokit::Forbidden do … :service_unavailable`). */
const CREDENTIALS_REFUSED = /\b(rescue_from|rescue|catch|except|ExceptionHandler)\b[^\n]*\b\w*(Unauthorized|Forbidden|Unauthenticated|AccessDenied)\w*/;

/** Handlers of health, readiness and liveness probes. */
const PROBE = /health|readiness|ready|liveness|alive|probe/i;

/**
 * Server code that sends 429 or 503 with no Retry-After anywhere in the same handler. Silent when the
 * response is built for a client's own pipeline (a hook's or fake fetch's synthetic response, Go's
 * `http.Response{}` literal, a .NET message handler) and when headers come from a variable the rule cannot read.
 */
export function missingRetryAfter(ctx: DiagContext): Finding[] {
  const findings: Finding[] = [];
  let requestCalls: Set<number> | undefined;
  for (const occ of ctx.occurrences) {
    if (occ.role !== 'server-sets' || (occ.code !== '429' && occ.code !== '503')) continue;
    const node = ctx.nodeOf(occ);
    if (!node) continue;
    const fn = enclosingFn(ctx.flow, node);
    // A Rack response `[429, { 'content-type' => 'text/plain' }, body]` carries its headers with it: they decide.
    const rack = rackHeaders(node);
    if (rack) {
      if (rack.type !== 'hash' || /retry[-_]after/i.test(rack.text)) continue;
    } else if ((fn ? fn.readsRetryAfter : ctx.flow.fileReadsRetryAfter) && writesRetryAfter(fn ? fn.node.text : ctx.flow.text)) continue;
    // A status in a list (`Set.of(HttpStatus.SERVICE_UNAVAILABLE, …)`, `[503, 504]`) is data, not a response sent.
    if (!rack && inList(ctx, node)) continue;
    // Client code turning a response it received into an error (`throw new ApiException(503, …)` after a request):
    // no server answers anybody here.
    if (ctx.requestsIn(fn).some((r) => r.call.start < node.startIndex)) continue;
    // A health or readiness probe's 503 tells an orchestrator to route elsewhere; no client waits on it.
    // (An anonymous handler: the route it is registered on, `router.get('/healthz', …)`, or a file or folder named for it.)
    // (A named handler in a file named for a probe, `healthcheck_controller.rb`'s `index`, answers for it too.)
    if (occ.code === '503' && (PROBE.test(fn?.name ?? '') || PROBE.test(ctx.doc.uri.split('/').pop() ?? '') || (!fn?.name && (probeRoute(ctx, node) || PROBE.test(ctx.doc.uri.split('/').slice(-3).join('/')))))) continue;
    const setter = setterOf(ctx, node);
    requestCalls ??= new Set(ctx.requests.map((r) => r.call.node.id));
    if (builtForClient(ctx, node, requestCalls) || headersUnseen(setter)) continue;
    // A 503 that says a feature is not set up (`"Mastodon integration not configured"`): a deployment state, no
    // moment to come back at.
    // (Or the branch it answers in is taken for that state: `if receiver.Spec.Suspend || … { w.WriteHeader(503) }`.)
    if (occ.code === '503' && (NOT_CONFIGURED.test(statementOf(setter).text) || NOT_CONFIGURED.test(branchCondition(ctx, setter)))) continue;
    // A 503 answering refused credentials (a 401 or 403 caught upstream): a bad token, not a busy server.
    if (occ.code === '503' && refusedCredentials(ctx, setter)) continue;
    const data: MissingRetryAfterData = {
      ...ctx.base(setter),
      code: occ.code,
      setRange: ctx.range(setter),
      setText: setter.text,
      ...(fn ? { handlerRange: ctx.range(fn.node) } : {}),
      statementRange: ctx.range(statementOf(setter)),
    };
    findings.push({
      rule: RULE,
      severity: ruleInfo(RULE)!.defaultSeverity,
      message: fillMessage(RULE, { code: occ.code }),
      range: ctx.headRange(setter),
      data: data as unknown as Record<string, unknown>,
    });
  }
  return findings;
}

/** The headers of the Rack response triple whose status is `node` (a hash literal or a variable), else undefined. */
/**
 * The handler gives the response a Retry-After: the header's name in a string (`Headers["Retry-After"] = …`,
 * `setHeader('Retry-After', …)`), a headers object's field (`Response.Headers.RetryAfter = …`, `HeaderNames.RetryAfter`),
 * a setter named for it (`setRetryAfter(…)`), or a keyword/field of a response or error built here
 * (`Throttled(retry_after=30)`, `{ RetryAfter = delay }`). A value merely read or computed (`lease.TryGetMetadata(
 * MetadataName.RetryAfter, out var retryAfter)` put into a message) gives the client nothing.
 */
function writesRetryAfter(text: string): boolean {
  return WRITES_RETRY_AFTER.test(text);
}
const WRITES_RETRY_AFTER =
  /["'`]\s*(retry[-_]after|x-ratelimit-reset|ratelimit-reset|x-rate-limit-reset)\b|\bheaders?\w*\s*(\.|::|->|\[)\s*(retry_?after|RETRY_AFTER)\b|\b\w*Header(Names|s)?\s*\.\s*(RetryAfter|RETRY_AFTER)\b|\b(set|with|add|write|put|send|apply)_?retry_?after\w*\s*\(|[(,{]\s*:?retry_?after\s*(=>|[:=](?!=))|\bretry_?after\s*:(?!:)/i;

function rackHeaders(node: Node): Node | undefined {
  const list = node.parent;
  return list && isRackTriple(list, node) ? list.namedChild(1) ?? undefined : undefined;
}

function inList(ctx: DiagContext, node: Node): boolean {
  const { adapter, grammar } = ctx.flow;
  for (let n: Node | null = node.parent, depth = 0; n && depth < 8; n = n.parent, depth++) {
    if (grammar.functions.has(n.type) || /statement$/.test(n.type)) return false;
    // (A Python tuple is how Flask returns a status: `return body, 503`.)
    if (adapter.collections.has(n.type) && !/^(tuple|expression_list|pattern_list)$/.test(n.type)) return true;
    if (adapter.calls.has(n.type) && /^(of|asList|listOf|setOf|mutableListOf|hashSetOf|copyOf|allOf)$/.test(calleeOf(n, adapter).name)) return true;
  }
  return false;
}

/** The nearest call holding the code (`abort(429)`, `res.status(503)`), else the code itself. */
function setterOf(ctx: DiagContext, node: Node): Node {
  for (let n: Node | null = node.parent, depth = 0; n && depth < 5; n = n.parent, depth++) {
    if (ctx.flow.adapter.calls.has(n.type)) return n;
    if (/statement$/.test(n.type)) break;
  }
  return node;
}

/** Options of HTTP clients whose functions run client side: their responses never cross the network. */
const CLIENT_HOOKS = /^(hooks|beforeRequest|afterResponse|beforeRetry|beforeError|onResponse|interceptors?|fetch|transport|adapter)$/;

/** The status sits in a response made on the client side: inside a request's options, a client hook, or a Go `http.Response{}` literal. */
function builtForClient(ctx: DiagContext, node: Node, requestCalls: ReadonlySet<number>): boolean {
  const { adapter } = ctx.flow;
  // .NET: `HttpResponseMessage` is System.Net.Http's client-side type; only a legacy Web API
  // `ApiController` sends one to a client. Elsewhere it is a stub, a handler's or a chaos generator's result.
  let clientMessage = false;
  for (let n: Node | null = node.parent, depth = 0; n && depth < 4 && !clientMessage; n = n.parent, depth++) {
    if (n.type === 'object_creation_expression' && /^HttpResponseMessage\b/.test(n.childForFieldName('type')?.text ?? '')) clientMessage = true;
  }
  for (let n: Node | null = node.parent, depth = 0; n && depth < 60; n = n.parent, depth++) {
    if (clientMessage && n.type === 'class_declaration') return !/\bApiController\b/.test(n.namedChildren.find((c) => c?.type === 'base_list')?.text ?? '');
    if (requestCalls.has(n.id)) return true;
    if (adapter.pairs.has(n.type) && CLIENT_HOOKS.test(adapter.pairName(n) ?? '')) return true;
    // .NET: a message handler's response goes back up the client's own pipeline.
    if (n.type === 'class_declaration' && /\b(HttpMessageHandler|DelegatingHandler)\b/.test(n.namedChildren.find((c) => c?.type === 'base_list')?.text ?? '')) return true;
    if (n.type === 'composite_literal' && /(^|[.&*])Response$/.test(n.childForFieldName('type')?.text ?? '')) return true;
  }
  return clientMessage;
}

/** A headers value the rule cannot see into in the setter's statement (`writeHead(429, headers)`, `return body, 503, hdrs`, `.headers(h)`). */
function headersUnseen(setter: Node): boolean {
  const text = statementOf(setter).text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
  return /(^|[^\w'"])(\w*headers?|hdrs|init)\b(?!\s*[:=(])/i.test(text);
}

/** The handler around `node` is handed to a call whose first argument is a probe's route (`'/healthz'`, `"/ready"`). */
function probeRoute(ctx: DiagContext, node: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (!ctx.flow.adapter.calls.has(n.type)) continue;
    const first = ctx.flow.adapter.callArguments(n)[0];
    if (first && /^["'`]/.test(first.text) && PROBE.test(first.text)) return true;
  }
  return false;
}

/** The condition of the innermost if whose body holds `node` (empty when there is none). */
function branchCondition(ctx: DiagContext, node: Node): string {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (ctx.flow.grammar.functions.has(n.type)) return '';
    if (ctx.flow.grammar.ifs.has(n.type)) return ctx.flow.grammar.ifCondition(n)?.text ?? '';
  }
  return '';
}

/** The handler the 503 is answered in catches refused credentials (its head names an Unauthorized or Forbidden error). */
function refusedCredentials(ctx: DiagContext, node: Node): boolean {
  for (let n: Node | null = node.parent, depth = 0; n && depth < 8; n = n.parent, depth++) {
    if (ctx.flow.grammar.functions.has(n.type) && !/block|lambda|closure/.test(n.type)) return false;
    const head = n.text.split('\n')[0];
    if (/^(call|catch_clause|except_clause|rescue|do_block|block)$/.test(n.type) && CREDENTIALS_REFUSED.test(head)) return true;
  }
  return false;
}
