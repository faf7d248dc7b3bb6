/**
 * unsafe-retry: retries that send again only what the server refused (429, 503, a refused credential…) — a loop that goes round on a refusal
 * and on nothing else, a handler that rethrows every other failure, a result policy that handles refusals only. The
 * server took none of what goes round, so a second copy duplicates nothing.
 */
import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import { type FnInfo, within } from './flow/flowModel';
import type { RetryLoop } from './retryLoops';
import { retriedSet } from './retriedSets';
import { topGate, tryAround, wholesaleRetried } from './wholesaleRetries';
import { alwaysLeaves, ancestorWithin, CATCH_CLAUSE, catchBody, caughtTypeNames, nextStatement } from './chainSyntax';
import { resultPolicies } from './resultPolicies';

/**
 * Answers that say the server did not take the request (RFC 9110: 429 Too Many Requests, 503 Service
 * Unavailable "unable to handle the request"; 401 and 407, credentials refused before anything was done — a loop
 * that renews its token and sends again; 403 refused; 408 Request Timeout, the request never fully arrived; 425 Too
 * Early, refused for fear of a replay): re-sending after them duplicates nothing. Not 502/504, which a gateway sends
 * when the upstream may have acted.
 */
export const REFUSALS = new Set(['401', '403', '407', '408', '425', '429', '503']);

/**
 * The loop goes round only on a refusal (`if r.status_code == 429: sleep; continue`, 503 too): no network
 * error is retried (no try around the request, no Go error check that goes round) and no other status.
 */
export function onlyRefusals(ctx: DiagContext, retry: RetryLoop): boolean {
  if (catchKeepsOnlyRefusals(ctx, retry)) return true;
  // Every attempt meets a first test that keeps only refusals (`if errors.As(err, &e) && e.StatusCode == 429 {…} else { break }`).
  const gate = topGate(ctx, retry);
  if (gate && gate.size > 0 && [...gate].every((c) => REFUSALS.has(c))) return true;
  const set = retriedSet(ctx, retry);
  if (set.from !== Infinity || [...set.codes].some((c) => !REFUSALS.has(c))) return false;
  const wholesale = wholesaleRetried(ctx, retry);
  const tryNode = tryAround(ctx, retry.request.call.node, retry.loop.node);
  // `except HTTPError as e: if status == 429: sleep … else: raise`: only status errors are caught and only the
  // refusals among them stay; a network error (the request may have been taken) is not caught here.
  if (tryNode && set.codes.size + wholesale.size > 0 && [...wholesale].every((c) => REFUSALS.has(c)) && catchesStatusErrorsOnly(ctx, tryNode)) return true;
  // Where errors are values (Go, Rust) a loop that goes round on the failed statuses may go round on a failed
  // connection too — a request the server may have taken; elsewhere a network error is an exception that escapes.
  // (Unless the loop's first test sends a failed connection out: `if err != nil || resp.StatusCode != 429 { return resp, err }`.)
  const errorValues = (ctx.flow.grammarName === 'go' && !GO_ERROR_LEAVES.test(retry.loop.body?.text ?? '')) || ctx.flow.grammarName === 'rust';
  if (set.codes.size + wholesale.size === 0 || (wholesale.size > 0 && errorValues) || [...wholesale].some((c) => !REFUSALS.has(c)) || (tryNode && !failuresLeave(tryNode, retry))) return false;
  return !(ctx.flow.grammarName === 'go' && /\berr\s*!=\s*nil\s*\{[^}]*continue/.test(retry.loop.body?.text ?? ''));
}

/**
 * Every handler of the try leaves the loop, itself or through what follows the try (`except RequestException:
 * log(e)` then `return status`): a failed connection — a request the server may have taken — is not sent again.
 */
function failuresLeave(tryNode: Node, retry: RetryLoop): boolean {
  const clauses = tryNode.namedChildren.filter((c): c is Node => !!c && CATCH_CLAUSE.test(c.type));
  if (clauses.length === 0 || /finally/.test(tryNode.namedChildren.map((c) => c?.type ?? '').join(' '))) return false;
  // The statement after the try, in the loop's body: where a handler that falls through goes next.
  const after = tryNode.parent?.id === retry.loop.body?.id || tryNode.parent?.parent?.id === retry.loop.body?.id ? nextStatement(tryNode) : undefined;
  const thenLeaves = !!after && /^(return_statement|raise_statement|throw_statement|break_statement)$/.test(after.type);
  return clauses.every((clause) => {
    const body = catchBody(clause);
    if (!body || /\bcontinue\b/.test(body.text)) return false;
    return alwaysLeaves(body) || thenLeaves;
  });
}

/** Errors raised for a status only, never for a connection failure or a timeout. */
/** (Not `RequestException`: requests', httpx's and Guzzle's cover failed connections too.) */
const STATUS_ERROR_ONLY = /^(HTTPError|HTTPStatusError|ClientResponseError|HttpResponseException|WebClientResponseException|HttpClientErrorException|HttpServerErrorException|HttpStatusCodeException|ResponseException|ClientRequestException|ServerResponseException)$/;

/** Every catch clause of the try names only status errors (`except requests.HTTPError`), no catch-all. */
function catchesStatusErrorsOnly(ctx: DiagContext, tryNode: Node): boolean {
  const clauses = tryNode.namedChildren.filter((c): c is Node => !!c && CATCH_CLAUSE.test(c.type));
  if (clauses.length === 0) return false;
  return clauses.every((clause) => {
    const types = caughtTypeNames(ctx.flow.text, clause).filter((t) => /^[A-Z]/.test(t.split('.').pop() ?? ''));
    return types.length > 0 && types.every((t) => STATUS_ERROR_ONLY.test(t.split('.').pop() ?? ''));
  });
}

/** A Go test of the error that leaves the loop: `if err != nil { return nil, err }`, `if err != nil || … { break }`. */
const GO_ERROR_LEAVES = /\bif\s+err\s*!=\s*nil\s*(?:\|\|[^{]*)?\{[^{}]*\b(return|break)\b/;

/**
 * A result policy configured in the function (or its class) that retries a refusal (429, 503) and nothing
 * else: no other status in its predicate and no exception handled
 * (`new RetryPolicy<Response>().handleResultIf(r -> r.code() == 429)`).
 */
export function refusalOnlyPolicyAround(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (!fn) return false;
  // The policy may be built elsewhere in the class (a constructor) and run here (`_policy.ExecuteAsync(…)`).
  const scope = enclosingClass(fn.node) ?? fn.node;
  return resultPolicies(ctx).some((p) => {
    // (A policy taking any failed response, or every error of the chain, retries more than refusals.)
    if (!within(p.scope, scope) || p.codes.length === 0 || p.codes.some((c) => !REFUSALS.has(c)) || p.anyFailure || p.unfiltered) return false;
    const args = ctx.flow.adapter.callArguments(p.predicate).map((a) => a.text).join(' ');
    const statuses = args.match(/\b[1-5]\d\d\b/g) ?? [];
    return statuses.every((c) => REFUSALS.has(c)) && !/HandleTransientHttpError|OrTransientHttpError|5xx|>=?\s*500/i.test(p.scope.text) && !/\.handle\(|\bHandle<|\.Or<|retryOn\(|retryOnException|handleIf\(|\.handle[A-Z]\w*\(\s*\w+(Exception|Error)\b/.test(p.scope.text);
  });
}

function enclosingClass(node: Node): Node | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) if (/^(class_declaration|class_definition|class_body|class)$/.test(n.type)) return n;
  return undefined;
}

/**
 * The loop's handler rethrows every failure but a refusal: `catch (ApiException ex) { if (ex.HttpCode !=
 * HttpStatusCode.Forbidden) throw; … }` around the request, where the 403 is the API's throttling answer
 * (the function speaks of rate limits or throttling), or `!= 429` / `!= 503`. What goes round was not taken by the server.
 */
function catchKeepsOnlyRefusals(ctx: DiagContext, retry: RetryLoop): boolean {
  const throttling = /throttl|rate_?limit|ratelimit|too_?many|request limit/i.test(retry.loop.node.text);
  return ctx.clientTests().some((t) => {
    if (t.positive || (t.op !== '!=' && t.op !== '!==') || !t.branch || !within(t.test, retry.loop.node)) return false;
    if (!(REFUSALS.has(t.occ.code) || (t.occ.code === '403' && throttling))) return false;
    if (!ancestorWithin(t.test.parent, retry.loop.node, CATCH_CLAUSE)) return false;
    return /^\s*\{?\s*(throw|raise)\b/.test(t.branch.text);
  });
}
