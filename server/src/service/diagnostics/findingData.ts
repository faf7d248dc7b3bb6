import type { Range } from '../types';

/**
 * The typed `data` each diagnostic carries (`Finding.data`). The quick-fix provider reads it to
 * build its edits, so this file is a contract: add optional fields freely, never rename or remove.
 *
 * Conventions for every field:
 * - Ranges are LSP ranges in the same document (0-based lines, UTF-16 characters).
 * - `*Range` fields point at syntax nodes: `requestRange` is the whole call expression that sends the
 *   request (`requests.get(url)`, `await fetch(url)` without the `await`, `client.Do(req)`);
 *   `requestStatementRange` is the whole statement holding it (for wrapping it in a retry helper).
 * - `*Text` fields are the exact source text of the matching range.
 * - Codes are strings as the catalogs key them: "429", "ECONNRESET".
 */

/** Which analysed language the finding is in (JSX/TSX report as javascript/typescript). */
export type FindingLanguage = 'python' | 'javascript' | 'typescript' | 'go' | 'java' | 'csharp' | 'ruby' | 'php' | 'rust' | 'kotlin';

/** The HTTP client a request goes through, as far as the call shows it. */
export type HttpLibrary =
  | 'requests'
  | 'fasthttp'
  | 'httpx'
  | 'aiohttp'
  | 'urllib3'
  | 'fetch'
  | 'axios'
  | 'got'
  | 'ky'
  | 'superagent'
  | 'octokit'
  | 'net/http'
  | 'resty'
  | 'java.net.http'
  | 'okhttp'
  | 'RestTemplate'
  | 'WebClient'
  | 'HttpClient'
  | 'urllib'
  | 'apache-httpclient'
  | 'HttpURLConnection'
  | 'RestSharp'
  | 'Net::HTTP'
  | 'faraday'
  | 'httparty'
  | 'rest-client'
  | 'excon'
  | 'http.rb'
  | 'typhoeus'
  | 'guzzle'
  | 'laravel-http'
  | 'wordpress-http'
  | 'symfony-http-client'
  | 'psr-18'
  | 'curl'
  | 'reqwest'
  | 'ureq'
  | 'ktor-client'
  | 'unknown';

/** Upper-case HTTP method, or 'UNKNOWN' when the call does not show it. */
export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'DELETE' | 'POST' | 'PATCH' | 'TRACE' | 'UNKNOWN';

/** Fields every finding about source code carries. */
export interface BaseFindingData {
  language: FindingLanguage;
  /** The enclosing function or method (whole node); absent at module level. */
  functionRange?: Range;
  /** Name of the enclosing function, when it has one. */
  functionName?: string;
  /** Leading whitespace of the line the finding starts on, for inserting lines next to it. */
  indent: string;
}

/** Fields present when the finding is about one request (the `related` entry points at it too). */
export interface RequestFindingData extends BaseFindingData {
  library: HttpLibrary;
  method: HttpMethod;
  requestRange: Range;
  requestText: string;
  requestStatementRange: Range;
  /** Variable the response is assigned to (`r`, `resp`, `response`), when there is one. */
  responseVar?: string;
}

/** `retryable-treated-as-final`: a branch tests a retryable code, then gives up. */
export interface RetryableTreatedAsFinalData extends BaseFindingData, Partial<Omit<RequestFindingData, keyof BaseFindingData>> {
  /** The retryable codes the branch tests (only those; other codes in the same test are left out). */
  codes: string[];
  /** The test (comparison, membership test or case label) that names the codes. */
  checkRange: Range;
  checkText: string;
  /** The whole if statement / case clause. */
  branchRange: Range;
  /** The statement that gives up: raise/throw/return/panic/exit. */
  finalRange: Range;
  finalKind: 'raise' | 'return' | 'exit';
}

/** `no-retry-on-request`: a success-or-fail check on a request, no retry mechanism in scope. */
export interface NoRetryOnRequestData extends RequestFindingData {
  /** How the failure is checked. */
  checkKind: 'ok-flag' | 'status-compare' | 'ignored' | 'caught';
  /** The check: the `raise_for_status()` call, the condition of the if statement, or the catch that lets every failure go. */
  checkRange: Range;
  checkText: string;
  /** The if statement holding a comparison check (absent for raise_for_status/EnsureSuccessStatusCode). */
  branchRange?: Range;
}

/** Shared by the rules about a hand-written retry loop. */
export interface RetryLoopData extends BaseFindingData, Partial<Omit<RequestFindingData, keyof BaseFindingData>> {
  /** The whole loop statement. */
  loopRange: Range;
  /** The loop's header only (`for attempt in range(5):`, `while (true)`), first line. */
  loopHeaderRange: Range;
  /** The loop's attempt counter, when there is one (`attempt`, `i`). */
  counterVar?: string;
  /** The sleep/delay call in the loop, when there is one. */
  delayRange?: Range;
  delayText?: string;
  /** The delay's argument expression (`1`, `2 ** attempt`). */
  delayArgRange?: Range;
  /**
   * The retry is not a loop: a re-send from a failure branch (recursion, a retry method) or a mechanism around
   * the request (a decorator, a wrapper, a retrying client); loop fixes do not apply.
   */
  structure?: 'recursion' | 'mechanism';
}

/** `retry-ignores-retry-after`: the loop retries on 429/503 and never reads Retry-After. */
export interface RetryIgnoresRetryAfterData extends RetryLoopData {
  codes: string[];
  /** The check naming 429/503 (or the status list configuring them). */
  checkRange: Range;
}

/** `retry-without-backoff`. */
export interface RetryWithoutBackoffData extends RetryLoopData {
  problem: 'no-delay' | 'fixed-delay' | 'no-cap';
}

/** `unsafe-retry`: a POST/PATCH retried automatically with no Idempotency-Key. */
export interface UnsafeRetryData extends RetryLoopData {
  method: HttpMethod;
  /**
   * How the retry happens: a hand-written loop around a POST/PATCH, a retry library configured for the
   * method, or a loop in a transport that re-sends whatever method its caller gave (`any-method`).
   */
  /** `fresh-key`: a key is sent, but a new one is made for every attempt inside the loop. */
  via: 'loop' | 'config' | 'any-method' | 'mechanism' | 'fresh-key';
  /** The headers argument or option of the request, if it has one (`headers={...}`, `{headers: {...}}`). */
  headersRange?: Range;
  /** For `via: 'config'`: the method list that allows POST/PATCH (`allowed_methods=[...]`). */
  configRange?: Range;
}

/** `missing-retry-after`: server code sends 429/503 without a Retry-After header. */
export interface MissingRetryAfterData extends BaseFindingData {
  code: string;
  /** The call or expression that sends the status (`abort(429)`, `res.status(503)`). */
  setRange: Range;
  setText: string;
  /** The handler function (same as functionRange; kept for readability of fixes). */
  handlerRange?: Range;
  /** The statement holding the setter, to insert a header line before it. */
  statementRange: Range;
}

/** `non-retryable-retried`: a retry path includes codes that must not be retried. */
export interface NonRetryableRetriedData extends BaseFindingData {
  /** The offending codes, or a class like "4xx" for a range test. */
  codes: string[];
  /** Each offending code in a status list (for deleting it). */
  codeRanges: Range[];
  /** The status list (`[400, 429, 503]`), when the codes come from one. */
  statusListRange?: Range;
  /** The range test (`r.status_code >= 400`), when the codes come from one. */
  checkRange?: Range;
  loopRange?: Range;
}

/** `request-without-timeout`: a request that can wait for ever. */
export interface RequestWithoutTimeoutData extends BaseFindingData {
  /** Id in server/data/request-timeouts.json. */
  timeoutLibrary: string;
  /**
   * The finding sits on the request call, on the client construction where the timeout belongs, or on a session's
   * construction standing for its requests that set none (related locations).
   */
  where: 'call' | 'client' | 'session';
  /** How the library sets a timeout, in words. */
  option: string;
  /** The documentation the default comes from. */
  source: string;
  /** The timeout is written as infinite (`timeout=None`, `Timeout.InfiniteTimeSpan`) rather than left out. */
  explicit?: boolean;
  /** The edit that sets a timeout (the value from the `requestTimeoutSeconds` setting). */
  edit?: { range: Range; newText: string };
  /** `where: 'session'`: the edits that set a timeout on each of the session's requests. */
  edits?: Array<{ range: Range; newText: string }>;
}

/** `retry-delay-unit`: a wait given a value in the wrong unit. */
export interface RetryDelayUnitData extends BaseFindingData {
  /** The wait (`setTimeout`, `time.sleep`, `time.Sleep`). */
  sink: string;
  /** The unit the wait counts in (`ns`: a Go Duration). */
  expected: 's' | 'ms' | 'ns';
  /** The unit the value is in, as the code says (`ks`: seconds divided by 1000; `us`: milliseconds multiplied by 1000; `unknown` for a Go literal). */
  found: 's' | 'ms' | 'ks' | 'us' | 'unknown';
  /** The edit that converts the value at the wait. */
  edit?: { range: Range; newText: string };
}

/** `retry-amplification`: a retry around calls of an SDK that retries them itself. */
export interface RetryAmplificationData extends BaseFindingData {
  /** Id in server/data/sdk-retries.json; '' when the inner layer is a configured client or a retrying function of the file. */
  sdk: string;
  /** The outer retry's attempts, when the code says. */
  outerAttempts: number | null;
  /** The inner layer's own retries per call, when known. */
  innerRetries: number | null;
  /** The edit that turns the SDK client's own retries off where it is built. */
  edit?: { range: Range; newText: string };
}

/** `grpc-retry-policy`: a gRPC retry policy whose values do not do what they say. */
export interface GrpcRetryPolicyData extends BaseFindingData {
  problem: 'max-attempts' | 'non-retryable-code' | 'both-policies';
}

/** `unknown-rule-in-suppression`. */
export interface UnknownRuleData {
  name: string;
  /** The name in the comment. */
  nameRange: Range;
  /** The known rule ids, for "did you mean". */
  known: string[];
}

export interface FindingDataByRule {
  'retryable-treated-as-final': RetryableTreatedAsFinalData;
  'no-retry-on-request': NoRetryOnRequestData;
  'retry-ignores-retry-after': RetryIgnoresRetryAfterData;
  'retry-without-backoff': RetryWithoutBackoffData;
  'unsafe-retry': UnsafeRetryData;
  'missing-retry-after': MissingRetryAfterData;
  'non-retryable-retried': NonRetryableRetriedData;
  'request-without-timeout': RequestWithoutTimeoutData;
  'retry-delay-unit': RetryDelayUnitData;
  'retry-amplification': RetryAmplificationData;
  'grpc-retry-policy': GrpcRetryPolicyData;
  'unknown-rule-in-suppression': UnknownRuleData;
}

export type RuleId = keyof FindingDataByRule;

/** Narrows a finding's data by its rule id: `dataOf(finding, 'unsafe-retry')?.method`. */
export function dataOf<R extends RuleId>(finding: { rule: string; data?: Record<string, unknown> }, rule: R): FindingDataByRule[R] | undefined {
  return finding.rule === rule ? (finding.data as unknown as FindingDataByRule[R]) : undefined;
}
