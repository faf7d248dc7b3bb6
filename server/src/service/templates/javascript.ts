/**
 * JavaScript / TypeScript retry templates: fetch, axios and got, plus the standalone Retry-After
 * parser. JS and TS share one source; `ts` adds the type annotations. Delays are in milliseconds.
 */
import type { LanguageId } from '../types';
import type { RetryTemplate } from './templateTypes';

const ATTEMPTS = '${1:4}';
const BASE = '${2:500}';
const CAP = '${3:30000}';

const JS: LanguageId[] = ['javascript', 'javascriptreact'];
const TS: LanguageId[] = ['typescript', 'typescriptreact'];

/** Returns the annotation in the TS variant, nothing in the JS one. */
type Typer = (annotation: string) => string;
const typer = (ts: boolean): Typer => (annotation) => (ts ? annotation : '');

function constants(t: Typer): string {
  return `const RETRYABLE_STATUSES${t(': ReadonlySet<number>')} = new Set([408, 429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS${t(': ReadonlySet<string>')} = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const RETRYABLE_ERROR_CODES${t(': ReadonlySet<string>')} = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);`;
}

function parseRetryAfter(t: Typer): string {
  return `/** Milliseconds to wait from a Retry-After header (delta-seconds or HTTP-date), capped; undefined if unusable. */
function parseRetryAfter(value${t('?: string | null')}, capMs = 60_000)${t(': number | undefined')} {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\\d+$/.test(text)) return Math.min(Number(text) * 1000, capMs);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - Date.now(), 0), capMs);
}`;
}

function common(t: Typer): string {
  return `${constants(t)}

${parseRetryAfter(t)}

/** Full jitter: random(0, min(cap, base * 2^attempt)). */
function backoffMs(attempt${t(': number')}, baseMs${t(': number')}, maxMs${t(': number')})${t(': number')} {
  return Math.random() * Math.min(maxMs, baseMs * 2 ** attempt);
}

function sleep(ms${t(': number')})${t(': Promise<void>')} {
  return new Promise((resolve) => setTimeout(resolve, ms));
}${t(`

interface RetryOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  retryAfterCapMs?: number;
}`)}`;
}

function fetchHelper(ts: boolean): string {
  const t = typer(ts);
  return `${common(t)}

function isRetryableNetworkError(error${t(': unknown')})${t(': boolean')} {
  const err = error${t(' as { code?: string; cause?: { code?: string } } | undefined')};
  const code = err?.cause?.code ?? err?.code;
  return code !== undefined && RETRYABLE_ERROR_CODES.has(code);
}

/**
 * fetch() that retries 408/429/5xx and network errors for idempotent methods or requests with an
 * Idempotency-Key; honours Retry-After; returns the last response or throws the last error.
 */
async function fetchWithRetry(
  url${t(': string | URL')},
  init${t(': RequestInit')} = {},
  { maxAttempts = ${ATTEMPTS}, baseDelayMs = ${BASE}, maxDelayMs = ${CAP}, retryAfterCapMs = 60_000 }${t(': RetryOptions')} = {},
)${t(': Promise<Response>')} {
  const method = (init.method ?? 'GET').toUpperCase();
  const mayRetry = IDEMPOTENT_METHODS.has(method) || new Headers(init.headers).has('Idempotency-Key');
  const attempts = mayRetry ? maxAttempts : 1;
  for (let attempt = 0; ; attempt++) {
    const isLast = attempt + 1 >= attempts;
    let delayMs${t(': number | undefined')};
    try {
      const response = await fetch(url, init);
      if (!RETRYABLE_STATUSES.has(response.status) || isLast) return response;
      delayMs = parseRetryAfter(response.headers.get('Retry-After'), retryAfterCapMs);
      await response.body?.cancel();
    } catch (error) {
      if (isLast || !isRetryableNetworkError(error)) throw error;
    }
    await sleep(delayMs ?? backoffMs(attempt, baseDelayMs, maxDelayMs));
  }
}`;
}

function axiosHelper(ts: boolean): string {
  const t = typer(ts);
  return `${common(t)}

/**
 * axios request that retries 408/429/5xx and network errors for idempotent methods or requests with
 * an Idempotency-Key; honours Retry-After; returns the last response or throws the last error.
 */
async function axiosWithRetry(
  client${t(': AxiosInstance')},
  config${t(': AxiosRequestConfig')},
  { maxAttempts = ${ATTEMPTS}, baseDelayMs = ${BASE}, maxDelayMs = ${CAP}, retryAfterCapMs = 60_000 }${t(': RetryOptions')} = {},
)${t(': Promise<AxiosResponse>')} {
  const method = (config.method ?? 'get').toUpperCase();
  const hasKey = Object.keys(config.headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');
  const attempts = IDEMPOTENT_METHODS.has(method) || hasKey ? maxAttempts : 1;
  for (let attempt = 0; ; attempt++) {
    const isLast = attempt + 1 >= attempts;
    let delayMs${t(': number | undefined')};
    try {
      // Only reached for a retryable status when validateStatus accepts it.
      const response = await client.request(config);
      if (!RETRYABLE_STATUSES.has(response.status) || isLast) return response;
      delayMs = parseRetryAfter(response.headers['retry-after'], retryAfterCapMs);
    } catch (error) {
      const response = axios.isAxiosError(error) ? error.response : undefined;
      const code = axios.isAxiosError(error) ? error.code : undefined;
      const retryable = response ? RETRYABLE_STATUSES.has(response.status) : code !== undefined && RETRYABLE_ERROR_CODES.has(code);
      if (isLast || !retryable) throw error;
      delayMs = response ? parseRetryAfter(response.headers['retry-after'], retryAfterCapMs) : undefined;
    }
    await sleep(delayMs ?? backoffMs(attempt, baseDelayMs, maxDelayMs));
  }
}`;
}

function gotHelper(ts: boolean): string {
  const t = typer(ts);
  return `${constants(t)}

${parseRetryAfter(t)}

const RETRY_MAX_ATTEMPTS = ${ATTEMPTS};
const RETRY_BASE_DELAY_MS = ${BASE};
const RETRY_MAX_DELAY_MS = ${CAP};

/**
 * got instance whose built-in retry follows the same policy as the other helpers: 408/429/5xx and
 * network errors, idempotent methods or an Idempotency-Key, Retry-After capped at 60 s, full jitter.
 * got gives up with the last error. (A delay of 0 tells got to stop, hence the 1 ms floor.)
 */
const gotWithRetry = got.extend({
  retry: {
    limit: RETRY_MAX_ATTEMPTS - 1,
    methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'POST', 'PATCH'],
    statusCodes: [...RETRYABLE_STATUSES],
    errorCodes: [...RETRYABLE_ERROR_CODES],
    maxRetryAfter: Number.POSITIVE_INFINITY,
    calculateDelay: ({ attemptCount, error, computedValue }${t(': RetryObject')}) => {
      if (computedValue === 0) return 0;
      const { method, headers } = error.options;
      if (!IDEMPOTENT_METHODS.has(method.toUpperCase()) && headers['idempotency-key'] === undefined) return 0;
      const header = error.response?.headers['retry-after'];
      const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header);
      const delayMs = retryAfterMs ?? backoffMs(attemptCount - 1, RETRY_BASE_DELAY_MS, RETRY_MAX_DELAY_MS);
      return Math.max(1, delayMs);
    },
  },
});

/** Full jitter: random(0, min(cap, base * 2^attempt)). */
function backoffMs(attempt${t(': number')}, baseMs${t(': number')}, maxMs${t(': number')})${t(': number')} {
  return Math.random() * Math.min(maxMs, baseMs * 2 ** attempt);
}`;
}

interface Variant {
  suffix: string;
  languages: LanguageId[];
  ts: boolean;
}
const VARIANTS: Variant[] = [
  { suffix: '', languages: JS, ts: false },
  { suffix: '-ts', languages: TS, ts: true },
];

export const javascriptTemplates: RetryTemplate[] = VARIANTS.flatMap(({ suffix, languages, ts }) => [
  {
    id: `retry-fetch${suffix}`,
    languages,
    library: 'fetch',
    description:
      'fetch: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [],
    helper: fetchHelper(ts),
    helperName: 'fetchWithRetry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RETRYABLE_ERROR_CODES', 'parseRetryAfter', 'backoffMs', 'sleep', 'isRetryableNetworkError', 'fetchWithRetry', ...(ts ? ['RetryOptions'] : [])],
    call: 'fetchWithRetry($REQUEST)',
  },
  {
    id: `retry-axios${suffix}`,
    languages,
    library: 'axios',
    description:
      'axios: retry 408/429/5xx and network errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [ts ? "import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';" : "import axios from 'axios';"],
    helper: axiosHelper(ts),
    helperName: 'axiosWithRetry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RETRYABLE_ERROR_CODES', 'parseRetryAfter', 'backoffMs', 'sleep', 'axiosWithRetry', ...(ts ? ['RetryOptions'] : [])],
    call: 'axiosWithRetry(axios, $REQUEST)',
  },
  {
    id: `retry-got${suffix}`,
    languages,
    library: 'got',
    description:
      "got: configure got's built-in retry for 408/429/5xx and network errors, idempotent or Idempotency-Key requests, Retry-After capped, full-jitter backoff.",
    imports: [ts ? "import got, { type RetryObject } from 'got';" : "import got from 'got';"],
    helper: gotHelper(ts),
    helperName: 'gotWithRetry',
    defines: ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'RETRYABLE_ERROR_CODES', 'parseRetryAfter', 'RETRY_MAX_ATTEMPTS', 'RETRY_BASE_DELAY_MS', 'RETRY_MAX_DELAY_MS', 'gotWithRetry', 'backoffMs'],
    call: 'gotWithRetry($REQUEST)',
  },
  {
    id: `retry-after-parse-javascript${suffix}`,
    languages,
    library: 'fetch',
    description: 'Parse a Retry-After header (delta-seconds or HTTP-date) into milliseconds, capped at 60 s.',
    imports: [],
    helper: parseRetryAfter(typer(ts)),
    helperName: 'parseRetryAfter',
    defines: ['parseRetryAfter'],
    call: "parseRetryAfter(response.headers.get('Retry-After'))",
  },
]);
