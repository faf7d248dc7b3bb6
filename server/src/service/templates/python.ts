/**
 * Python retry templates: requests, httpx (sync and async) and aiohttp (async), plus the standalone
 * Retry-After parser. Delays are in seconds.
 */
import type { RetryTemplate } from './templateTypes';

const ATTEMPTS = '${1:4}';
const BASE = '${2:0.5}';
const CAP = '${3:30}';

/** Retry-After parser shared by every Python helper (and offered alone as a template). */
const PARSE_RETRY_AFTER = `def parse_retry_after(value, cap=60.0):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), capped; None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    delay = (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    return min(max(delay, 0.0), cap)`;

const PARSE_IMPORTS = ['import datetime', 'import email.utils'];

const CONSTANTS = `RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})`;

const MAY_RETRY = `def _may_retry(method, headers):
    """Idempotent methods, or any request carrying an Idempotency-Key, may be sent again."""
    return method.upper() in IDEMPOTENT_METHODS or any(k.lower() == "idempotency-key" for k in (headers or {}))`;

const BACKOFF = `def _backoff(attempt, base_delay, max_delay):
    """Full jitter: random(0, min(cap, base * 2^attempt))."""
    return random.uniform(0, min(max_delay, base_delay * 2 ** attempt))`;

/** The sync retry loop; `send` and `errors` differ between requests and httpx. */
function syncHelper(name: string, clientParam: string, send: string, errors: string): string {
  return `${CONSTANTS}


${PARSE_RETRY_AFTER}


${MAY_RETRY}


${BACKOFF}


def ${name}(${clientParam}, method, url, *, max_attempts=${ATTEMPTS}, base_delay=${BASE}, max_delay=${CAP},
        retry_after_cap=60.0, **kwargs):
    """Send a request, retrying 408/429/5xx and network errors; returns the last response or raises the last error."""
    attempts = max_attempts if _may_retry(method, kwargs.get("headers")) else 1
    for attempt in range(attempts):
        try:
            response = ${send}
        except ${errors}:
            if attempt + 1 >= attempts:
                raise
            delay = None
        else:
            if response.status_code not in RETRYABLE_STATUSES or attempt + 1 >= attempts:
                return response
            delay = parse_retry_after(response.headers.get("Retry-After"), retry_after_cap)
            response.close()
        time.sleep(delay if delay is not None else _backoff(attempt, base_delay, max_delay))`;
}

const COMMON_NAMES = ['RETRYABLE_STATUSES', 'IDEMPOTENT_METHODS', 'parse_retry_after', '_may_retry', '_backoff'];
const LOOP_IMPORTS = [...PARSE_IMPORTS, 'import random', 'import time'];

export const pythonTemplates: RetryTemplate[] = [
  {
    id: 'retry-requests',
    languages: ['python'],
    library: 'requests',
    description:
      'requests: retry 408/429/5xx and connection errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [...LOOP_IMPORTS, 'import requests'],
    helper: syncHelper(
      'request_with_retry',
      'session',
      'session.request(method, url, **kwargs)',
      '(requests.ConnectionError, requests.Timeout)',
    ),
    helperName: 'request_with_retry',
    defines: [...COMMON_NAMES, 'request_with_retry'],
    call: 'request_with_retry(requests.Session(), $REQUEST)',
  },
  {
    id: 'retry-httpx',
    languages: ['python'],
    library: 'httpx',
    description:
      'httpx (sync): retry 408/429/5xx and transport errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [...LOOP_IMPORTS, 'import httpx'],
    helper: syncHelper(
      'httpx_request_with_retry',
      'client',
      'client.request(method, url, **kwargs)',
      '(httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)',
    ),
    helperName: 'httpx_request_with_retry',
    defines: [...COMMON_NAMES, 'httpx_request_with_retry'],
    call: 'httpx_request_with_retry(httpx.Client(), $REQUEST)',
  },
  {
    id: 'retry-aiohttp',
    languages: ['python'],
    library: 'aiohttp',
    description:
      'aiohttp (async): retry 408/429/5xx and connection errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [...PARSE_IMPORTS, 'import asyncio', 'import random', 'import aiohttp'],
    helper: `${CONSTANTS}


${PARSE_RETRY_AFTER}


${MAY_RETRY}


${BACKOFF}


async def aiohttp_request_with_retry(session, method, url, *, max_attempts=${ATTEMPTS}, base_delay=${BASE},
                                     max_delay=${CAP}, retry_after_cap=60.0, **kwargs):
    """Send a request, retrying 408/429/5xx and connection errors; returns the last response or raises the last error.
    The caller reads (or releases) the returned response."""
    attempts = max_attempts if _may_retry(method, kwargs.get("headers")) else 1
    for attempt in range(attempts):
        try:
            response = await session.request(method, url, **kwargs)
        except (aiohttp.ClientConnectionError, asyncio.TimeoutError):
            if attempt + 1 >= attempts:
                raise
            delay = None
        else:
            if response.status not in RETRYABLE_STATUSES or attempt + 1 >= attempts:
                return response
            delay = parse_retry_after(response.headers.get("Retry-After"), retry_after_cap)
            response.release()
        await asyncio.sleep(delay if delay is not None else _backoff(attempt, base_delay, max_delay))`,
    helperName: 'aiohttp_request_with_retry',
    defines: [...COMMON_NAMES, 'aiohttp_request_with_retry'],
    call: 'await aiohttp_request_with_retry(session, $REQUEST)',
  },
  {
    id: 'retry-httpx-async',
    languages: ['python'],
    library: 'httpx',
    description:
      'httpx (async, AsyncClient): retry 408/429/5xx and transport errors for idempotent or Idempotency-Key requests, honouring Retry-After, with capped full-jitter backoff.',
    imports: [...PARSE_IMPORTS, 'import asyncio', 'import random', 'import httpx'],
    helper: `${CONSTANTS}


${PARSE_RETRY_AFTER}


${MAY_RETRY}


${BACKOFF}


async def httpx_async_request_with_retry(client, method, url, *, max_attempts=${ATTEMPTS}, base_delay=${BASE},
                                         max_delay=${CAP}, retry_after_cap=60.0, **kwargs):
    """Send a request on an httpx.AsyncClient, retrying 408/429/5xx and transport errors; returns the last
    response or raises the last error."""
    attempts = max_attempts if _may_retry(method, kwargs.get("headers")) else 1
    for attempt in range(attempts):
        try:
            response = await client.request(method, url, **kwargs)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError):
            if attempt + 1 >= attempts:
                raise
            delay = None
        else:
            if response.status_code not in RETRYABLE_STATUSES or attempt + 1 >= attempts:
                return response
            delay = parse_retry_after(response.headers.get("Retry-After"), retry_after_cap)
            await response.aclose()
        await asyncio.sleep(delay if delay is not None else _backoff(attempt, base_delay, max_delay))`,
    helperName: 'httpx_async_request_with_retry',
    defines: [...COMMON_NAMES, 'httpx_async_request_with_retry'],
    call: 'await httpx_async_request_with_retry(client, $REQUEST)',
  },
  {
    id: 'retry-after-parse-python',
    languages: ['python'],
    library: 'requests',
    description: 'Parse a Retry-After header (delta-seconds or HTTP-date) into seconds, capped at 60 s.',
    imports: PARSE_IMPORTS,
    helper: PARSE_RETRY_AFTER,
    helperName: 'parse_retry_after',
    defines: ['parse_retry_after'],
    call: 'parse_retry_after(response.headers.get("Retry-After"))',
  },
];
