/**
 * A project's own client named for the library it wraps is not that library: PHP `new GuzzleHttpClient()` where the
 * file's `use` binds the name to the project's wrapper class, JavaScript `axios.get(…)` where `axios` is imported from a
 * module of the project (`@/lib/axios`, an instance it configured). Their timeouts are set, or not, where they are
 * built, and reported there; the library's "no timeout by default" does not apply at the use.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const timeoutLines = async (language: 'php' | 'typescript' | 'javascript', text: string) =>
  (await diagnosticsOf(language, text)).filter((f) => f.rule === 'request-without-timeout').map((f) => f.range.start.line + 1);

const phpFactory = (uses: string, creation: string) => `<?php
namespace Acme\\Parcels;

${uses}
use GuzzleHttp\\Psr7\\Request;

final class Parcels
{
    private $http;

    public function http()
    {
        if (!isset($this->http)) {
            $this->http = ${creation};
        }
        return $this->http;
    }
}
`;

describe('own clients named like a library', () => {
  it('PHP: a wrapper class the use clause binds is not Guzzle, nor one of the file’s own namespace', async () => {
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('use Acme\\Parcels\\Http\\GuzzleHttpClient;', 'new GuzzleHttpClient()')), []);
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('use Acme\\Parcels\\Http\\{GuzzleHttpClient, CurlHttpClient};', 'new GuzzleHttpClient()')), []);
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('use Acme\\Parcels\\Http\\ApiClient as Client;', 'new Client()')), []);
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('', 'new GuzzleClient()')), []);
  });

  it('PHP: Guzzle’s client imported, aliased or written in full is still read', async () => {
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('use GuzzleHttp\\Client;', 'new Client()')), [14]);
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('use GuzzleHttp\\Client as GuzzleClient;', 'new GuzzleClient()')), [14]);
    assert.deepStrictEqual(await timeoutLines('php', phpFactory('', 'new \\GuzzleHttp\\Client()')), [14]);
  });

  const orders = (from: string) => `${from}

export async function loadOrders(customer) {
  const r = await axios.get('https://orders.example.com/v1/customers/' + customer + '/orders');
  return r.data;
}
`;

  it('JavaScript: axios imported from a module of the project is its configured instance', async () => {
    assert.deepStrictEqual(await timeoutLines('typescript', orders("import axios from '@/lib/axios';")), []);
    assert.deepStrictEqual(await timeoutLines('javascript', orders("const axios = require('../http/axios');")), []);
  });

  it('JavaScript: the axios package itself is still read', async () => {
    assert.deepStrictEqual(await timeoutLines('typescript', orders("import axios from 'axios';")), [4]);
    assert.deepStrictEqual(await timeoutLines('javascript', orders("const axios = require('axios');")), [4]);
  });
});
