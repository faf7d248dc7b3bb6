/**
 * A try whose catch clauses sort the failures: one hands server errors on unchanged (for a retry above it), another
 * takes the whole 4xx family — Spring's HttpClientErrorException, Guzzle's ClientException — and drops it. A 429 is in
 * that family, so it is given up while the 5xx it resembles is passed on.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const spring = (serverClause: string) => `package shop.inventory;

import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestTemplate;

public class StockClient {
    private final RestTemplate rest;

    public StockClient(RestTemplate rest) {
        this.rest = rest;
    }

    public Optional<Stock> lookup(String sku) {
        try {
            ResponseEntity<Stock> answer = rest.getForEntity("/stock/" + sku, Stock.class);
            return Optional.ofNullable(answer.getBody());
        } catch (HttpClientErrorException problem) {
            System.err.println("stock lookup refused: " + problem.getStatusCode());
            return Optional.empty();
        } catch (HttpServerErrorException problem) {
${serverClause}
        }
    }
}
`;

const guzzle = (serverClause: string) => `<?php

namespace Shop;

use GuzzleHttp\\Client;
use GuzzleHttp\\Exception\\ClientException;
use GuzzleHttp\\Exception\\ServerException;

class PriceFeed
{
    public function __construct(private Client $http) {}

    public function latest(string $sku): array
    {
        try {
            $reply = $this->http->get('/prices/' . $sku);
            return json_decode((string) $reply->getBody(), true);
        } catch (ClientException $problem) {
            error_log('price feed refused: ' . $problem->getMessage());
            return [];
        } catch (ServerException $problem) {
${serverClause}
        }
    }
}
`;

const ktor = `package shop

import io.ktor.client.HttpClient
import io.ktor.client.call.body
import io.ktor.client.plugins.ClientRequestException
import io.ktor.client.plugins.ServerResponseException
import io.ktor.client.request.get

class RatesClient(private val http: HttpClient) {
    suspend fun rates(base: String): Map<String, Double> {
        try {
            return http.get("https://rates.example/$base").body()
        } catch (refused: ClientRequestException) {
            println("rates refused: \${refused.response.status}")
            return emptyMap()
        } catch (down: ServerResponseException) {
            throw down
        }
    }
}
`;

describe('a 4xx family dropped beside server errors passed on', () => {
  it('reports the Spring client-error clause when the server-error clause rethrows', async () => {
    assert.deepEqual(await ruleLines('java', spring('            throw problem;'), 'retryable-treated-as-final'), [20]);
  });

  it('leaves it when the server-error clause drops too: the try sorts nothing', async () => {
    assert.deepEqual(await ruleLines('java', spring('            return Optional.empty();'), 'retryable-treated-as-final'), []);
  });

  it('leaves it when the server-error clause wraps the failure in an error of its own', async () => {
    const wrapped = spring('            throw new IllegalStateException("stock service down");');
    assert.deepEqual(await ruleLines('java', wrapped, 'retryable-treated-as-final'), []);
  });

  it('reports the Guzzle client-exception clause when the server-exception clause rethrows', async () => {
    assert.deepEqual(await ruleLines('php', guzzle('            throw $problem;'), 'retryable-treated-as-final'), [18]);
  });

  it('reports the Ktor client-request clause when the server-response clause rethrows', async () => {
    assert.deepEqual(await ruleLines('kotlin', ktor, 'retryable-treated-as-final'), [13]);
  });

  it('leaves the Guzzle clauses alone when both drop', async () => {
    assert.deepEqual(await ruleLines('php', guzzle('            return [];'), 'retryable-treated-as-final'), []);
  });
});
