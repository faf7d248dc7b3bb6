/**
 * PHP's catch clause holds its statements in a compound statement, which the catch-reading helpers now see: a
 * transient failure caught and turned into an empty answer is a give-up; the same catch after Laravel's
 * `Http::retry(…)` sees only what is left after the last attempt, the retry's own give-up.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const GUZZLE = `<?php

namespace App\\Services;

use GuzzleHttp\\Client;
use GuzzleHttp\\Exception\\ConnectException;

class InventorySync
{
    public function pushStock(array $rows): ?array
    {
        $client = new Client(['timeout' => 10]);
        try {
            $res = $client->post('https://stock.example.com/v1/levels', ['json' => $rows]);
            return json_decode((string) $res->getBody(), true);
        } catch (ConnectException $e) {
            return null;
        }
    }
}
`;

const LARAVEL = `<?php

namespace App\\Services;

use Illuminate\\Http\\Client\\ConnectionException;
use Illuminate\\Support\\Facades\\Http;

class ProfileFetch
{
    public function fetch(string $url): ?array
    {
        try {
            $res = Http::timeout(30)->connectTimeout(5)->retry(3, 500, fn ($e) => $e instanceof ConnectionException)->get($url);
        } catch (ConnectionException $e) {
            return null;
        }
        return $res->json();
    }
}
`;

describe('PHP catch bodies', () => {
  it('reports a connection failure caught and answered with nothing, nothing retrying the request', async () => {
    assert.deepEqual(await ruleLines('php', GUZZLE, 'retryable-treated-as-final'), [16]);
  });

  it('leaves the catch after a request Laravel retries: what reaches it is the last attempt', async () => {
    assert.deepEqual(await ruleLines('php', LARAVEL, 'retryable-treated-as-final'), []);
  });
});
