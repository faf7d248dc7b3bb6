/**
 * Spring Retry's `RetryTemplate.builder()` retrying `HttpServerErrorException` re-sends a 503 on its own backoff, which
 * never reads the response's Retry-After: `retry-ignores-retry-after` on the `retryOn`. A template retrying only
 * connection failures retries no status.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const config = `package demo.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

@Configuration
public class Retries {
    @Bean
    public RetryTemplate retryTemplate() {
        return RetryTemplate.builder()
            .maxAttempts(4)
            .exponentialBackoff(500, 2, 8000)
            .retryOn(ResourceAccessException.class)
            .retryOn(HttpServerErrorException.class)
            .build();
    }
}
`;

const transportOnly = config.replace('            .retryOn(HttpServerErrorException.class)\n', '');

describe("Spring RetryTemplate and the server's Retry-After", () => {
  it('reports a template that retries server errors on its own backoff', async () => {
    assert.deepEqual(await ruleLines('java', config, 'retry-ignores-retry-after'), [17]);
  });

  it('says nothing of a template retrying connection failures only', async () => {
    assert.deepEqual(await ruleLines('java', transportOnly, 'retry-ignores-retry-after'), []);
  });
});
