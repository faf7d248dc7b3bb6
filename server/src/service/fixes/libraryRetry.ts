/**
 * Second choice for `retryable-treated-as-final` / `no-retry-on-request`: configure the HTTP
 * library's own retry mechanism instead of a hand-written helper. Implemented where the library's
 * mechanism can be made correct:
 * - requests: a Session with urllib3 `Retry` mounted (408/429/5xx, idempotent methods only,
 *   Retry-After honoured and capped, full-jitter backoff, the last response returned on give-up).
 * Not offered (the mechanism cannot be made right without a dependency or at all): httpx transport
 * retries (connection errors only, never statuses), aiohttp (none built in); axios-retry, got/ky
 * `retry`, hashicorp/go-retryablehttp, Polly, Spring Retry need packages this file cannot add.
 */
import type { RequestFindingData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding } from '../types';
import { helperEdits } from './helper';
import { Doc, edit, nodeAt } from './text';

export const URLLIB3_TITLE = "Retry with urllib3 Retry mounted on a requests Session (honours Retry-After)";

const t = (snippet: boolean, n: number, d: string) => (snippet ? `\${${n}:${d}}` : d);

function urllib3Helper(snippet: boolean): string {
  return `class CappedJitterRetry(Retry):
    """urllib3 Retry with full-jitter backoff and a cap on the server's Retry-After (seconds)."""

    RETRY_AFTER_CAP = 60.0
    BACKOFF_CAP = ${t(snippet, 3, '30.0')}

    def get_retry_after(self, response):
        retry_after = super().get_retry_after(response)
        return None if retry_after is None else min(retry_after, self.RETRY_AFTER_CAP)

    def get_backoff_time(self):
        consecutive = 0
        for entry in reversed(self.history):
            if entry.redirect_location is not None:
                break
            consecutive += 1
        if consecutive == 0:
            return 0
        return random.uniform(0, min(self.BACKOFF_CAP, self.backoff_factor * 2 ** (consecutive - 1)))


def retrying_session(max_attempts=${t(snippet, 1, '4')}, base_delay=${t(snippet, 2, '0.5')}):
    """A requests Session that retries 408/429/5xx and connection errors for idempotent methods only,
    honouring Retry-After; when it gives up it returns the last response (or raises the last error)."""
    retry = CappedJitterRetry(
        total=max_attempts - 1,
        backoff_factor=base_delay,
        status_forcelist=[408, 429, 500, 502, 503, 504],
        allowed_methods=["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"],
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session`;
}

export function libraryRetryFix(doc: Doc, finding: Finding, snippet: boolean): CodeActionResult | undefined {
  const data = finding.data as unknown as Partial<RequestFindingData> | undefined;
  if (doc.languageId !== 'python' || data?.library !== 'requests' || !data.requestRange) return undefined;
  const call = nodeAt(doc, data.requestRange);
  const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
  if (!receiver || receiver.text !== 'requests') return undefined;
  const helper = helperEdits(doc, undefined, {
    snippet,
    extraHelpers: [{ name: 'retrying_session', text: urllib3Helper(false), snippetText: urllib3Helper(true), imports: ['import random', 'import requests', 'from requests.adapters import HTTPAdapter', 'from urllib3.util.retry import Retry'] }],
  });
  const edits = [...helper.edits];
  edits.push(edit(doc, receiver.startIndex, receiver.endIndex, 'retrying_session()'));
  return { title: URLLIB3_TITLE, kind: 'quickfix', isPreferred: false, fixes: [finding.rule], edits, snippet: snippet && helper.snippet };
}
