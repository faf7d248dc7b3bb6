/**
 * Spring's WebClient built with no timeout is found however the builder chain is laid out: one call per line
 * (`WebClient\n    .builder()\n    .baseUrl(u)\n    .build()`) as on one line; a connector given to it bounds it.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const config = (chain: string) => `package shop.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration
public class Clients {
    @Bean
    public WebClient catalogClient() {
        return ${chain};
    }
}
`;

describe('Spring WebClient builder chains', () => {
  it('reports a chain written one call per line', async () => {
    assert.deepEqual(await ruleLines('java', config('WebClient\n            .builder()\n            .baseUrl("https://catalog.example.com")\n            .build()'), 'request-without-timeout'), [11]);
  });

  it('leaves a chain given a connector', async () => {
    assert.deepEqual(await ruleLines('java', config('WebClient\n            .builder()\n            .clientConnector(connector)\n            .build()'), 'request-without-timeout'), []);
  });
});

describe('Apache HttpClient builder chains', () => {
  const apache = (chain: string) => `package shop.http;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

public class Http {
    public CloseableHttpClient client() {
        return ${chain};
    }
}
`;

  it('reports a custom() chain written one call per line with no RequestConfig', async () => {
    assert.deepEqual(await ruleLines('java', apache('HttpClients\n            .custom()\n            .setUserAgent("shop")\n            .build()'), 'request-without-timeout'), [8]);
  });
});
