/*
 * Evidence, in the code around a request, that sending it a second time changes nothing more than the first did —
 * read by unsafe-retry beside the request's method and name (requestPurpose.ts):
 * - its function's answer is kept in a cache (a caching decorator or annotation, or a look-up of earlier answers
 *   before sending): what is kept and handed out again is an answer to a question, not the record of an action;
 * - the retry around it is named for rate limits (`withRateLimitRetry`, `retryWhenThrottled`): it re-sends what the
 *   server refused (429), which it did not apply;
 * - the function handles the server's 409 Conflict: the server refuses a duplicate, so a second copy is answered
 *   "already there", not applied — also where it sends a conditional write (`If-Match`, `If-Unmodified-Since`) or
 *   handles its refusal (412 Precondition Failed, an optimistic-lock error): the first copy changes the version the
 *   second one names, so the second is refused (RFC 9110 §13.1.1, §15.5.13; RFC 5789 §2 asks PATCH clients for it);
 * - it is sent to a token endpoint named by a constant or field (`DEVICE_TOKEN_URL`, `self.token_endpoint`): a second
 *   one hands out another token, as the literal `/oauth/token` already says.
 */
import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import type { SenderCall } from './senders';

/**
 * Decorators and annotations that memoise a function's result: Python's `functools.lru_cache`/`cache`,
 * `cachetools.cached`, `diskcache` and `memoize` helpers, Spring's `@Cacheable`, NestJS `@CacheKey`, `@Memoize`.
 */
const CACHING_DECORATOR = /^(?:[\w$]+\.)*(lru_cache|alru_cache|cache|cached|ttl_cache|cached_method|memoize|memoized|memoise|memoised|diskcache|Cacheable|CacheResult|CacheKey|Memoize|Memoized)\b/;

/**
 * A call that reads an earlier answer out of a cache, by its name (`load_from_cache(key)`, `_retrieve_from_cache(url)`,
 * `getCached(key)`, `cache_lookup(key)`, `readCache(key)`), or a read of a cache object (`cache.get(key)`, see
 * servedFromCache in requestPurpose.ts).
 */
const CACHE_LOOKUP = /\b\w*(?:from_?cache|get_?cached|read_?cache|cache_?(?:lookup|get|read|fetch)|lookup_?cache|fetch_?cached|cached_?(?:response|result|answer)s?)\s*\(/i;
const CACHE_OBJECT_READ = /\b\w*cache\w*\??\.(?:get|get_or_none|fetch|lookup|getItem|read)\s*(?:<[^>()]*>)?\s*\(/i;

/** The function (or the named one a closure is written in) keeps or looks up its answer in a cache. */
export function answerCached(fn: FnInfo | undefined): boolean {
  for (let f = fn; f; f = f.parent) {
    if (f.decorators.some((d) => CACHING_DECORATOR.test(d.replace(/^@\s*/, '')))) return true;
    const text = f.node.text;
    if (CACHE_LOOKUP.test(text) || CACHE_OBJECT_READ.test(text)) return true;
    if (f.name) break;
  }
  return false;
}

/** A retry wrapper or decorator named for rate limits or throttling: `withRateLimitRetry`, `retry_on_throttle`, `@ratelimit_retry`. */
const RATE_LIMIT_NAME = /rate_?limit|ratelimit|throttl|too_?many_?requests|quota/i;

/** The mechanism covering the request (`wrapper withRateLimitRetry`, `decorator @retry_on_throttle`) is named for rate limits. */
export function rateLimitRetryMechanism(how: string | undefined): boolean {
  if (!how || !/^(wrapper|decorator|retried function) /.test(how)) return false;
  return RATE_LIMIT_NAME.test(how.replace(/^\S+ /, '').replace(/\(.*$/s, ''));
}

/**
 * A test of 409 Conflict in the function that sends the request: the literal, a constant named for it
 * (`HttpStatus.CONFLICT`, `http.StatusConflict`, `HttpStatusCode.Conflict`, `codes.conflict`), a predicate
 * (`is409Conflict()`), an exception class for it (`ConflictException`, `HttpClientErrorException.Conflict`), or its RPC and
 * SDK forms: gRPC `ALREADY_EXISTS` / `codes.AlreadyExists`, `EntityAlreadyExistsException`, `ResourceExistsError`.
 */
const CONFLICT = /(?<![\w.$])409(?![\w])|\bis409|\bStatus(?:Code)?\.?Conflict\b|\bHttpStatus\.CONFLICT\b|\bHttpStatusCode\.Conflict\b|\bcodes\.conflict\b|\bConflict(?:Exception|Error)\b|\.Conflict\b|\bALREADY_EXISTS\b|\bcodes\.AlreadyExists\b|\b\w*AlreadyExists(?:Exception|Error|Fault)?\b|\bResourceExistsError\b/;

/**
 * A conditional write or its refusal: the `If-Match` / `If-Unmodified-Since` header written as a string or as .NET's
 * typed header (`request.Headers.IfMatch`), a test of 412 Precondition Failed (the literal or a constant named for it),
 * or an optimistic-lock error (`ErrOptimisticLock`, `OptimisticLockException`, `ObjectOptimisticLockingFailureException`).
 */
const CONDITIONAL_WRITE = /["'`]If-(?:Match|Unmodified-Since)["'`]|\bHeaders\.(?:IfMatch|IfUnmodifiedSince)\b|(?<![\w.$])412(?![\w])|Precondition_?Failed\b|OptimisticLock/i;

/** The function sending the request (up to the named one a closure sits in) handles the server's refusal of a duplicate. */
export function handlesConflict(fn: FnInfo | undefined): boolean {
  for (let f = fn; f; f = f.parent) {
    if (CONFLICT.test(f.node.text) || CONDITIONAL_WRITE.test(f.node.text)) return true;
    if (f.name) break;
  }
  return false;
}

/** A URL argument named for a token endpoint: `TOKEN_URL`, `DEVICE_TOKEN_URL`, `self.token_endpoint`, `tokenUri`. */
const TOKEN_ENDPOINT_NAME = /^(?:[\w$]+\.)*\w*token_?(?:url|uri|endpoint|path)$/i;

/** The request's first argument (or a `url=` keyword) names a token endpoint. */
export function sentToTokenEndpoint(ctx: DiagContext, call: Node): boolean {
  const args = ctx.flow.adapter.callArguments(call);
  const urlArg = args.find((a) => /^(url|uri)\s*[=:]/i.test(a.text)) ?? args[0];
  const text = urlArg?.text.replace(/^(url|uri)\s*[=:]\s*/i, '').trim() ?? '';
  return TOKEN_ENDPOINT_NAME.test(text);
}

/**
 * The server refuses a second copy (the function handles 409 Conflict or sends a conditional write, or the file's
 * sender the request goes through does: `p.do(ctx, path, method, …)` turning a 409 into `ErrOptimisticLock`), or a
 * second copy only hands out another token.
 */
export function refusedTwice(ctx: DiagContext, request: RequestInfo): boolean {
  const sender = (request as Partial<SenderCall>).sender;
  return handlesConflict(request.call.fn) || (!!sender && (handlesConflict(sender.fn) || handlesConflict(sender.request.call.fn))) || sentToTokenEndpoint(ctx, request.call.node);
}
