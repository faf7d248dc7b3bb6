/**
 * Kotlin's `when`/`if` and Ruby's `case`/`if` are expressions: where one is the function's result (`return when`, an
 * expression body, a Ruby method's last expression) the arm a 503 takes gives the function its value, so `503 -> null`
 * ends the operation as `return null` would. Kept in a local or followed by more code, the arm's value is no result.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const RULE = 'retryable-treated-as-final';

const kotlin = (body: string) => `package shop.rates

import io.ktor.client.HttpClient
import io.ktor.client.request.get
import io.ktor.client.statement.bodyAsText

class RatesClient(private val client: HttpClient) {
    suspend fun rates(base: String): String? {
        val resp = client.get("https://rates.example/$base")
${body}
    }
}
`;

const ruby = (tail: string) => `require 'faraday'

class RatesClient
  def rates(base)
    res = Faraday.get("https://rates.example/#{base}")
    case res.status
    when 200
      res.body
    when 502, 503
      nil
    else
      raise "rates failed: #{res.status}"
    end
${tail}
  end
end
`;

describe('value arms that end the function', () => {
  it('reports a Kotlin arm of a returned when answering null for a 503', async () => {
    const body = '        return when (resp.status.value) {\n            200 -> resp.bodyAsText()\n            502, 503 -> null\n            else -> error("rates failed")\n        }';
    assert.deepEqual(await ruleLines('kotlin', kotlin(body), RULE), [12]);
  });

  it('leaves a Kotlin when kept in a local the function goes on with', async () => {
    const body = '        val text = when (resp.status.value) {\n            200 -> resp.bodyAsText()\n            502, 503 -> null\n            else -> ""\n        }\n        return text ?: cachedRates(base)';
    assert.deepEqual(await ruleLines('kotlin', kotlin(body), RULE), []);
  });

  it("reports a Ruby case ending the method whose arm answers nil for a 503", async () => {
    assert.deepEqual(await ruleLines('ruby', ruby(''), RULE), [9]);
  });

  it('leaves a Ruby case the method goes on after', async () => {
    assert.deepEqual(await ruleLines('ruby', ruby('    cached_rates(base)'), RULE), []);
  });
});
