import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/*
 * unsafe-retry on Spring WebClient chains: `post()…retrieve()…retryWhen(Retry.backoff(…))` with no filter re-subscribes
 * on every error — a failed connection, a read timeout, a 5xx — so the POST is sent again; it is no refusal-only policy.
 * A filter keeping 429 only is. A POST helper whose every caller keeps its answer in a cache (`@Cacheable`) asks a
 * question (a GraphQL query) and is not reported.
 */
describe('unsafe-retry: WebClient retryWhen', () => {
  it('Java and Kotlin: an unfiltered retryWhen re-sends the POST; a GET chain is not reported', async () => {
    assert.deepEqual(await ruleLines('java', [
      "import java.time.Duration;",
      "import org.springframework.web.reactive.function.client.WebClient;",
      "import reactor.core.publisher.Mono;",
      "import reactor.util.retry.Retry;",
      "",
      "public class TransfersClient {",
      "    private final WebClient web;",
      "",
      "    public TransfersClient(WebClient web) { this.web = web; }",
      "",
      "    public Mono<String> startTransfer(String body) {",
      "        return web.post()",
      "            .uri(\"/transfers\")",
      "            .bodyValue(body)",
      "            .retrieve()",
      "            .bodyToMono(String.class)",
      "            .timeout(Duration.ofSeconds(10))",
      "            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)));",
      "    }",
      "",
      "    public Mono<String> transfer(String id) {",
      "        return web.get()",
      "            .uri(\"/transfers/{id}\", id)",
      "            .retrieve()",
      "            .bodyToMono(String.class)",
      "            .timeout(Duration.ofSeconds(10))",
      "            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)));",
      "    }",
      "}",
    ].join('\n'), 'unsafe-retry'), [12]);
    assert.deepEqual(await ruleLines('kotlin', [
      "import java.time.Duration",
      "import org.springframework.web.reactive.function.client.WebClient",
      "import org.springframework.web.reactive.function.client.bodyToMono",
      "import reactor.core.publisher.Mono",
      "import reactor.util.retry.Retry",
      "",
      "class PayoutClient(private val web: WebClient) {",
      "    fun sendPayout(body: String): Mono<String> =",
      "        web.post()",
      "            .uri(\"/payouts\")",
      "            .bodyValue(body)",
      "            .retrieve()",
      "            .bodyToMono<String>()",
      "            .timeout(Duration.ofSeconds(10))",
      "            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)))",
      "}",
    ].join('\n'), 'unsafe-retry'), [9]);
  });

  it('a filter keeping only 429 retries refusals', async () => {
    assert.deepEqual(await ruleLines('java', [
      "import java.time.Duration;",
      "import org.springframework.web.reactive.function.client.WebClient;",
      "import org.springframework.web.reactive.function.client.WebClientResponseException;",
      "import reactor.core.publisher.Mono;",
      "import reactor.util.retry.Retry;",
      "",
      "public class QuotaClient {",
      "    private final WebClient web;",
      "",
      "    public QuotaClient(WebClient web) { this.web = web; }",
      "",
      "    public Mono<String> consume(String body) {",
      "        return web.post()",
      "            .uri(\"/quota/consume\")",
      "            .bodyValue(body)",
      "            .retrieve()",
      "            .bodyToMono(String.class)",
      "            .timeout(Duration.ofSeconds(10))",
      "            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1))",
      "                .filter(e -> e instanceof WebClientResponseException.TooManyRequests));",
      "    }",
      "}",
    ].join('\n'), 'unsafe-retry'), []);
  });

  it('a helper whose caller caches its answer asks; without the cache it is reported', async () => {
    assert.deepEqual(await ruleLines('kotlin', [
      "import java.time.Duration",
      "import org.springframework.cache.annotation.Cacheable",
      "import org.springframework.web.reactive.function.client.WebClient",
      "import org.springframework.web.reactive.function.client.bodyToMono",
      "import reactor.core.publisher.Mono",
      "import reactor.util.retry.Retry",
      "",
      "class RegistryClient(private val web: WebClient) {",
      "    @Cacheable(\"people\")",
      "    fun person(id: String): Mono<String> = lookUp(id)",
      "",
      "    private fun lookUp(id: String): Mono<String> =",
      "        web.post()",
      "            .uri(\"/graphql\")",
      "            .bodyValue(mapOf(\"query\" to \"query(\\$id: ID!) { person(id: \\$id) { name } }\", \"variables\" to mapOf(\"id\" to id)))",
      "            .retrieve()",
      "            .bodyToMono<String>()",
      "            .timeout(Duration.ofSeconds(10))",
      "            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)))",
      "}",
    ].join('\n'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('kotlin', [
      "import java.time.Duration",
      "import org.springframework.cache.annotation.Cacheable",
      "import org.springframework.web.reactive.function.client.WebClient",
      "import org.springframework.web.reactive.function.client.bodyToMono",
      "import reactor.core.publisher.Mono",
      "import reactor.util.retry.Retry",
      "",
      "class RegistryWriter(private val web: WebClient) {",
      "    fun person(id: String): Mono<String> = lookUp(id)",
      "",
      "    private fun lookUp(id: String): Mono<String> =",
      "        web.post()",
      "            .uri(\"/graphql\")",
      "            .bodyValue(mapOf(\"query\" to \"query(\\$id: ID!) { person(id: \\$id) { name } }\", \"variables\" to mapOf(\"id\" to id)))",
      "            .retrieve()",
      "            .bodyToMono<String>()",
      "            .timeout(Duration.ofSeconds(10))",
      "            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)))",
      "}",
    ].join('\n'), 'unsafe-retry'), [12]);
  });
});
