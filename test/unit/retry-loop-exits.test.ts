import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';
import type { LanguageId } from '../../server/src/service/types';

/**
 * Kotlin: an OkHttp interceptor retrying in `repeat(n) { … }` that leaves on every status but the retried one
 * (`if (response.code != 503) return response`): the if's branches are read as Kotlin writes them (no field names),
 * so what goes round is the 503 — and its Retry-After is never read.
 */
const INTERCEPTOR = `class BusyRetryInterceptor : Interceptor {
    override fun intercept(chain: Interceptor.Chain): Response {
        val request = chain.request()
        var pause = 500L
        repeat(4) {
            val response = chain.proceed(request)
            if (response.code != 503) {
                return response
            } else {
                response.close()
            }
            Thread.sleep(pause)
            pause *= 2
        }
        throw IOException("still busy")
    }
}
`;

async function rules(text: string, languageId: LanguageId = 'kotlin'): Promise<string[]> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  const found = service.diagnostics(uri).map((f) => `${f.range.start.line + 1} ${f.rule}`);
  service.close(uri);
  return found;
}

describe('Kotlin: exits of a retry loop written as if/else expressions', () => {
  it('reads the retried 503 past the exit and reports the unread Retry-After', async () => {
    assert.deepEqual(await rules(INTERCEPTOR), ['5 retry-ignores-retry-after']);
  });

  it('is silent once the wait reads Retry-After', async () => {
    const honoured = INTERCEPTOR.replace('Thread.sleep(pause)', 'Thread.sleep(maxOf(pause, (lastRetryAfter ?: 0L) * 1000))').replace('response.close()', 'lastRetryAfter = response.header("Retry-After")?.toLongOrNull()\n                response.close()').replace('var pause = 500L', 'var pause = 500L\n        var lastRetryAfter: Long? = null');
    assert.deepEqual(await rules(honoured), []);
  });

  it('an exit on a status outside a set (`!in setOf(429, 502, 503)`) leaves the whole set retried', async () => {
    const set = INTERCEPTOR.replace('if (response.code != 503) {', 'if (response.code !in setOf(429, 502, 503)) {');
    assert.deepEqual(await rules(set), ['5 retry-ignores-retry-after']);
  });

  it('Python reads `not in (429, 502, 503)` the same way', async () => {
    const python = [
      'import time',
      'import requests',
      '',
      'def fetch_quote(url):',
      '    pause = 0.5',
      '    for _ in range(4):',
      '        resp = requests.get(url, timeout=10)',
      '        if resp.status_code not in (429, 502, 503):',
      '            return resp',
      '        time.sleep(pause)',
      '        pause *= 2',
      '    raise RuntimeError("still busy")',
      '',
    ].join('\n');
    assert.deepEqual(await rules(python, 'python'), ['6 retry-ignores-retry-after']);
  });

  it('Kotlin: a predicate of the file over a companion set, negated on the callee, with the checks inside a try', async () => {
    const guarded = [
      'class QuotaRetryInterceptor : Interceptor {',
      '    companion object {',
      '        private val TRANSIENT = setOf(429, 502, 503)',
      '    }',
      '',
      '    override fun intercept(chain: Interceptor.Chain): Response {',
      '        val request = chain.request()',
      '        var pause = 500L',
      '        repeat(4) {',
      '            try {',
      '                val response = chain.proceed(request)',
      '                if (response.isSuccessful || !isTransient(response.code)) {',
      '                    return response',
      '                }',
      '                response.close()',
      '            } catch (e: SocketTimeoutException) {',
      '                Thread.sleep(pause)',
      '            }',
      '            Thread.sleep(pause)',
      '            pause *= 2',
      '        }',
      '        throw IOException("still busy")',
      '    }',
      '',
      '    private fun isTransient(code: Int): Boolean {',
      '        return code in TRANSIENT',
      '    }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await rules(guarded), ['9 retry-ignores-retry-after']);
  });
});

/**
 * Go: a loop that asks for the next page with a one-letter offset (`n += limit`) and leaves on the first error goes
 * round on success only: paging, not a retry. The same loop calling with a fixed offset is a retry with no delay.
 */
describe('Go: paging by a one-letter offset is no retry', () => {
  const loop = (step: string) => `package board

func (c *Client) lastPages(boardID int, limit int) (*PageResult, error) {
	var (
		s   *PageResult
		err error
		n   int
	)
	for {
		s, err = c.fetchPage(boardID, n, limit)
		if err != nil {
			break
		}
		if s.IsLast {
			break
		}
		${step}
	}
	return s, err
}

func (c *Client) fetchPage(boardID int, start int, limit int) (*PageResult, error) {
	res, err := c.http.Get(fmt.Sprintf("%s/boards/%d/items?start=%d&limit=%d", c.base, boardID, start, limit))
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("unexpected status %d", res.StatusCode)
	}
	return decode(res.Body)
}
`;

  it('stays silent on `n += limit` after the call', async () => {
    assert.deepEqual((await rules(loop('n += limit'), 'go')).filter((r) => r.endsWith('retry-without-backoff')), []);
  });

  it('still reports the loop that sends the same page again at once', async () => {
    assert.deepEqual((await rules(loop('c.calls++'), 'go')).filter((r) => r.endsWith('retry-without-backoff')), ['9 retry-without-backoff']);
  });
});
