/**
 * Waiting for a result is no pause between attempts: `$client->sendAsync($request)->wait()` settles a Guzzle promise,
 * `proc.wait()` waits for a process, Java's `gate.wait()` for a notify. A transport whose catch clause hands a timeout
 * on wrapped (cause kept) retries nothing, and the wait beside it does not make it "retry other failures". A wait given
 * a duration (`pause.wait(5)`, an Event used as an interruptible sleep) still pauses.
 */
import * as assert from 'node:assert/strict';
import { awaitsResult } from '../../server/src/service/diagnostics/waitCalls';
import { diagnosticsOf } from '../support/serviceHarness';

const rules = async (language: 'php' | 'python' | 'java', text: string) => (await diagnosticsOf(language, text)).map((f) => `${f.range.start.line + 1} ${f.rule}`);

const guzzleTransport = `<?php
namespace Acme\\Shipping\\Http;

use Acme\\Shipping\\Exception\\TransportFailed;
use GuzzleHttp\\Client;
use GuzzleHttp\\Exception\\ConnectException;
use Psr\\Http\\Message\\RequestInterface;
use Psr\\Http\\Message\\ResponseInterface;

final class PooledTransport
{
    public function __construct(private Client $client) {}

    public function send(RequestInterface $request): ResponseInterface
    {
        try {
            return $this->client->sendAsync($request)->wait();
        } catch (ConnectException $e) {
            throw new TransportFailed($e->getMessage(), 0, $e);
        }
    }
}
`;

const compressUpload = `import subprocess

import requests


class UploadFailed(Exception):
    pass


def compress_and_upload(session, path, url):
    proc = subprocess.Popen(["gzip", "-k", path])
    proc.wait()
    try:
        with open(path + ".gz", "rb") as body:
            r = session.put(url, data=body, timeout=30)
    except requests.ConnectionError as e:
        raise UploadFailed(path) from e
    return r
`;

const gatedRelay = `package acme.relay;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Relay {
    private final HttpClient http;
    private final Object gate = new Object();

    public Relay(HttpClient http) { this.http = http; }

    public String forward(HttpRequest request) throws RelayException, InterruptedException {
        synchronized (gate) {
            gate.wait();
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (SocketTimeoutException e) {
            throw new RelayException("upstream timed out", e);
        }
    }
}
`;

describe('waits for a result are not pauses', () => {
  it('tells a wait for a result from a pause', () => {
    assert.ok(awaitsResult({ name: 'wait', receiver: '$this->client->sendAsync($request)', node: { text: '$this->client->sendAsync($request)->wait()' } }));
    assert.ok(awaitsResult({ name: 'wait', receiver: '$promise', node: { text: '$promise->wait(false)' } }));
    assert.ok(awaitsResult({ name: 'wait', receiver: 'asyncio', node: { text: 'asyncio.wait(tasks)' } }));
    assert.ok(!awaitsResult({ name: 'wait', receiver: 'stop', node: { text: 'stop.wait(5)' } }));
    assert.ok(!awaitsResult({ name: 'wait', node: { text: 'wait()' } }));
    assert.ok(!awaitsResult({ name: 'wait', receiver: 'this', node: { text: 'this.wait()' } }));
    assert.ok(!awaitsResult({ name: 'sleep', receiver: 'time', node: { text: 'time.sleep(1)' } }));
  });

  it('finds no retry beside a settled promise, a finished process or a notify wait', async () => {
    assert.deepStrictEqual(await rules('php', guzzleTransport), []);
    assert.deepStrictEqual(await rules('python', compressUpload), []);
    assert.deepStrictEqual(await rules('java', gatedRelay), []);
  });

  it('still reads a wait given a duration as a pause', async () => {
    const paused = compressUpload.replace('proc.wait()', 'pause.wait(5)');
    assert.deepStrictEqual(await rules('python', paused), ['16 retryable-treated-as-final']);
  });
});
