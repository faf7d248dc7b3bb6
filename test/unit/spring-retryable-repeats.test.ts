/**
 * Spring Retry's `@Retryable` retries every exception unless told otherwise: around a RestTemplate call, which throws
 * for every 4xx, it re-sends a 400 or a 404 on its schedule. Naming only server errors, or excluding the client
 * errors, leaves them out.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const service = (annotation: string) => `import org.springframework.retry.annotation.Backoff;
import org.springframework.retry.annotation.Retryable;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestTemplate;

public class CatalogClient {
    private final RestTemplate rest;

    public CatalogClient(RestTemplate rest) { this.rest = rest; }

    ${annotation}
    public String product(String sku) {
        return rest.getForObject("https://catalog.example.com/products/" + sku, String.class);
    }
}
`;

const repeats = async (annotation: string) => (await diagnosticsOf('java', service(annotation))).filter((d) => d.rule === 'non-retryable-retried');

describe('@Retryable and the client errors its method throws', () => {
  it('retries every exception by default: 4xx included', async () => {
    const found = await repeats('@Retryable(maxAttempts = 4, backoff = @Backoff(delay = 500, multiplier = 2))');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /4xx/);
  });
  it('a named base of the client errors takes them in too', async () => {
    assert.equal((await repeats('@Retryable(retryFor = RestClientException.class, backoff = @Backoff(delay = 500, multiplier = 2))')).length, 1);
  });
  it('naming only server errors leaves the 4xx out', async () => {
    assert.equal((await repeats('@Retryable(retryFor = HttpServerErrorException.class, backoff = @Backoff(delay = 500, multiplier = 2))')).length, 0);
  });
  it('excluding the client errors leaves them out', async () => {
    assert.equal((await repeats('@Retryable(noRetryFor = HttpClientErrorException.class, backoff = @Backoff(delay = 500, multiplier = 2))')).length, 0);
  });
});
