/**
 * Retry-handling templates: the single source of truth for the quick fixes that insert retry
 * handling and for the snippets shipped in `snippets/`.
 *
 * Template text (`helper`) is written as plain code in which LSP snippet tab stops appear as
 * `${n:default}` (n = digits). Every other `$`, `\` or `}` is literal code; `renderTemplate`
 * escapes it for snippets or strips the tab stops for plain insertion.
 *
 * Conventions shared by every helper:
 * - retryable outcomes: 408, 429, 500, 502, 503, 504 and network errors (reset, refused, timeout);
 * - Retry-After honoured in both forms (delta-seconds and HTTP-date), capped (60 s by default);
 * - otherwise capped exponential backoff with full jitter: random(0, min(cap, base * 2^attempt));
 * - at most `${1}` attempts; giving up returns the last response or rethrows the last error;
 * - only idempotent methods (GET HEAD OPTIONS PUT DELETE TRACE) or requests carrying an
 *   `Idempotency-Key` header are retried.
 * Tab stops: ${1} max attempts, ${2} base delay, ${3} backoff cap.
 */
import type { LanguageId } from '../types';

export type RetryLibrary =
  | 'requests'
  | 'httpx'
  | 'aiohttp'
  | 'fetch'
  | 'axios'
  | 'got'
  | 'net/http'
  | 'java.net.http'
  | 'Net::HTTP'
  | 'guzzle'
  | 'reqwest'
  | 'ureq'
  | 'okhttp'
  | 'HttpClient';

export interface RetryTemplate {
  /** Stable id; also the snippet prefix, e.g. `retry-requests`. */
  id: string;
  languages: LanguageId[];
  library: RetryLibrary;
  description: string;
  /** Import lines the helper needs; the fix code deduplicates them against the file. */
  imports: string[];
  /** Helper source with `${n:default}` tab stops. */
  helper: string;
  /** Name whose presence in a file means the helper is already there. */
  helperName: string;
  /**
   * Every top-level name the helper defines (helperName included), so callers can detect a clash
   * with a helper of another template (e.g. the request helpers contain their Retry-After parser).
   */
  defines: string[];
  /** How a call site uses the helper; `$REQUEST` stands for the original request expression/args. */
  call: string;
}

/** The placeholder in `RetryTemplate.call` that the fix code replaces with the original request. */
export const REQUEST_PLACEHOLDER = '$REQUEST';

/** Statuses every template retries; kept here so tests can check the helpers against one list. */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** Methods retried without an Idempotency-Key (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];

/** Default cap applied to a server's Retry-After, in seconds. */
export const RETRY_AFTER_CAP_SECONDS = 60;
