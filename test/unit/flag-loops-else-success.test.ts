/**
 * A retry loop that ends on a flag set in the else of a failure test (`if (code >= 400) { log } else { sent = true }`,
 * `do { … } while (tries < 3 && !sent)`) goes round on every failure: no wait, no Retry-After, client errors too —
 * whatever exceptions its catch takes.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const notifier = (caught: string) => `package notify;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;

class StatusProbe {
    private static final int TRIES = 3;

    void probe(CloseableHttpClient client, String url) {
        int tries = 0;
        boolean reached = false;
        do {
            tries++;
            HttpGet get = new HttpGet(url);
            try (ClassicHttpResponse response = client.execute(get, r -> r)) {
                int code = response.getCode();
                if (code >= 400) {
                    System.err.println("probe failed with " + code);
                } else {
                    reached = true;
                }
            } catch (${caught} e) {
                System.err.println("probe failed: " + e);
            }
        } while (tries < TRIES && !reached);
    }
}
`;

const rules = async (caught: string) => (await diagnosticsOf('java', notifier(caught))).map((d) => `${d.rule}:${d.range.start.line + 1}`).sort();

describe('loops that end on a flag set in the else of a failure test', () => {
  it('reads the loop as a retry of every failure, whatever its catch takes', async () => {
    const expected = ['non-retryable-retried:19', 'retry-ignores-retry-after:19', 'retry-without-backoff:14'];
    assert.deepEqual(await rules('IOException'), expected);
    assert.deepEqual(await rules('Exception'), expected);
  });
});
