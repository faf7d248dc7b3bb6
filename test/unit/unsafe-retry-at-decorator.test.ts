import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/*
 * unsafe-retry under a retry decorator or annotation (tenacity, backoff, Spring's @Retryable): the decorator re-runs the
 * whole function, so the finding stands where the retry is written — once, however many writes the function sends —
 * as the other retry rules report it there.
 */
describe('unsafe-retry: reported at the retry decorator', () => {
  it('Python: at the tenacity decorator, once for two POSTs', async () => {
    assert.deepEqual(await ruleLines('python', [
      "import requests",
      "from tenacity import retry, stop_after_attempt, wait_exponential",
      "",
      "",
      "@retry(stop=stop_after_attempt(4), wait=wait_exponential(min=1, max=30))",
      "def open_ticket(base, subject, body):",
      "    \"\"\"Files a new support ticket.\"\"\"",
      "    payload = {\"subject\": subject, \"body\": body}",
      "    r = requests.post(f\"{base}/tickets\", json=payload, timeout=20)",
      "    r.raise_for_status()",
      "    return r.json()[\"id\"]",
    ].join('\n'), 'unsafe-retry'), [5]);
    assert.deepEqual(await ruleLines('python', [
      "import requests",
      "from tenacity import retry, stop_after_attempt, wait_exponential",
      "",
      "",
      "@retry(stop=stop_after_attempt(4), wait=wait_exponential(min=1, max=30))",
      "def open_and_assign(base, subject, owner):",
      "    r = requests.post(f\"{base}/tickets\", json={\"subject\": subject}, timeout=20)",
      "    r.raise_for_status()",
      "    ticket = r.json()[\"id\"]",
      "    a = requests.post(f\"{base}/tickets/{ticket}/assignments\", json={\"owner\": owner}, timeout=20)",
      "    a.raise_for_status()",
      "    return ticket",
    ].join('\n'), 'unsafe-retry'), [5]);
  });

  it('Java and Kotlin: at the @Retryable annotation', async () => {
    assert.deepEqual(await ruleLines('java', [
      "import org.springframework.retry.annotation.Backoff;",
      "import org.springframework.retry.annotation.Retryable;",
      "import org.springframework.stereotype.Service;",
      "import org.springframework.web.client.RestTemplate;",
      "",
      "@Service",
      "public class TransferService {",
      "    private final RestTemplate rest = new RestTemplate();",
      "",
      "    @Retryable(maxAttempts = 4, backoff = @Backoff(delay = 500, multiplier = 2))",
      "    public String sendTransfer(String base, String json) {",
      "        return rest.postForObject(base + \"/transfers\", json, String.class);",
      "    }",
      "}",
    ].join('\n'), 'unsafe-retry'), [10]);
    assert.deepEqual(await ruleLines('kotlin', [
      "import org.springframework.retry.annotation.Retryable",
      "import org.springframework.stereotype.Service",
      "import org.springframework.web.client.RestTemplate",
      "",
      "@Service",
      "class RefundService(private val rest: RestTemplate) {",
      "    @Retryable(maxAttempts = 3)",
      "    fun issueRefund(base: String, body: String): String? =",
      "        rest.postForObject(\"$base/refunds\", body, String::class.java)",
      "}",
    ].join('\n'), 'unsafe-retry'), [7]);
  });
});
