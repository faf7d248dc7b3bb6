/**
 * A generic error spelled with its namespace — PHP's global `\RuntimeException`, Java's `java.lang.IllegalStateException`,
 * .NET's `System.Exception` — or raised as a bare string (Ruby's `raise "…"`) says no more than `Exception`: a helper
 * handed the status that throws one for a 503 gives the 503 up (it is no classification into a typed error a caller
 * could retry).
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const RULE = 'retryable-treated-as-final';

const php = (error: string) => `<?php

namespace App\\Jobs;

use Illuminate\\Support\\Facades\\Http;

class SyncStock
{
    public function handle(): void
    {
        $response = Http::timeout(10)->get('https://stock.example/levels');
        $this->ensureOk($response->status());
        $this->store($response->json());
    }

    private function ensureOk(int $status): void
    {
        if ($status === 429 || $status === 503) {
            throw new ${error}("stock API busy: $status");
        }
    }

    private function store(array $rows): void {}
}
`;

describe('generic errors spelled with their namespace', () => {
  it('reports a helper throwing PHP\'s global \\RuntimeException for a 503', async () => {
    assert.deepEqual(await ruleLines('php', php('\\RuntimeException'), RULE), [18]);
  });

  it('leaves a helper throwing an error class of its own (a classification for the caller)', async () => {
    assert.deepEqual(await ruleLines('php', php('StockApiBusy'), RULE), []);
  });

  it('reports a Java helper throwing java.lang.IllegalStateException for a 429', async () => {
    const java = `package shop.stock;

public class StockStatus {
    static void ensureOk(int status) {
        if (status == 429) {
            throw new java.lang.IllegalStateException("stock API throttled");
        }
    }

    static String levels(java.net.http.HttpClient http, java.net.http.HttpRequest req) throws Exception {
        java.net.http.HttpResponse<String> resp = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        ensureOk(resp.statusCode());
        return resp.body();
    }
}
`;
    assert.deepEqual(await ruleLines('java', java, RULE), [5]);
  });

  it("reports a Ruby helper raising a bare string for a 503", async () => {
    const ruby = `require 'net/http'

class ExportJob < ApplicationJob
  def perform
    res = Net::HTTP.get_response(URI('https://export.example/latest'))
    check!(res)
    res.body
  end

  private

  def check!(res)
    raise 'export API unavailable' if res.code == '503'
  end
end
`;
    assert.deepEqual(await ruleLines('ruby', ruby, RULE), [13]);
  });

  it('leaves a Ruby helper raising an error class of its own', async () => {
    const ruby = `require 'net/http'

class ExportJob < ApplicationJob
  def perform
    res = Net::HTTP.get_response(URI('https://export.example/latest'))
    check!(res)
    res.body
  end

  private

  def check!(res)
    raise ExportUnavailable, res.code if res.code == '503'
  end
end
`;
    assert.deepEqual(await ruleLines('ruby', ruby, RULE), []);
  });
});
