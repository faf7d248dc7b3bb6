import { strict as assert } from 'node:assert';
import { openDoc, testService } from '../support/serviceHarness';

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

async function rules(text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc('kotlin', text, service);
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
});
