/**
 * A Guzzle `timeout` bounds the request only as an option: put inside the `'headers'` array it goes out as a header
 * and the client waits for ever, so `request-without-timeout` still speaks on the client built with no options.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const inHeaders = `<?php

namespace App\\Hooks;

use GuzzleHttp\\Client;
use GuzzleHttp\\Exception\\RequestException;

class HookSender
{
    public function send(string $url, string $json): bool
    {
        $options = [
            'body' => $json,
            'headers' => [
                'Content-Type' => 'application/json',
                'timeout' => 10,
            ],
        ];
        $client = new Client();
        try {
            $client->request('POST', $url, $options);
        } catch (RequestException $e) {
            return false;
        }
        return true;
    }
}
`;

const asOption = inHeaders.replace(`            'headers' => [
                'Content-Type' => 'application/json',
                'timeout' => 10,
            ],`, `            'timeout' => 10,
            'headers' => [
                'Content-Type' => 'application/json',
            ],`);

describe('a Guzzle timeout put among the headers', () => {
  it('reports the client: the timeout is sent as a header', async () => {
    assert.deepEqual(await ruleLines('php', inHeaders, 'request-without-timeout'), [19]);
  });

  it('says nothing when the timeout is an option of the request', async () => {
    assert.deepEqual(await ruleLines('php', asOption, 'request-without-timeout'), []);
  });
});
