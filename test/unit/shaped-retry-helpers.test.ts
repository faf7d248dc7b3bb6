import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/**
 * A retry helper is known by its shape, whatever it is called: it is handed an operation, runs it in a loop that
 * leaves when it succeeds and goes round when it fails (or calls itself again from the failure). Its delay is judged
 * where it is written, and a write a caller hands it is a retried write at the call site. A loop that runs the
 * operation for every item of a list, or every round whatever it answers, is no retry helper.
 */
describe('retry helpers recognised by their shape, not their name', () => {
  it('Python: a helper called call_with_pause retries with a fixed pause, and the POST handed to it is retried', async () => {
    const src = [
      'import time',
      'import requests',
      '',
      'def call_with_pause(operation, tries=4):',
      '    for n in range(tries):',
      '        try:',
      '            return operation()',
      '        except requests.RequestException:',
      '            time.sleep(2)',
      '    raise RuntimeError("gave up")',
      '',
      'def create_order(payload):',
      '    return call_with_pause(lambda: requests.post("https://shop.example/orders", json=payload, timeout=5))',
      '',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', src, 'retry-without-backoff'), [9]);
    assert.deepEqual(await ruleLines('python', src, 'unsafe-retry'), [13]);
  });

  it('Python: a decorator running the function it wraps in such a loop retries the decorated POST', async () => {
    const src = [
      'import functools',
      'import time',
      'import requests',
      '',
      'def with_pause(func):',
      '    @functools.wraps(func)',
      '    def inner(*args, **kwargs):',
      '        errors = 0',
      '        while True:',
      '            try:',
      '                return func(*args, **kwargs)',
      '            except requests.exceptions.ConnectionError:',
      '                errors += 1',
      '                if errors > 5:',
      '                    raise',
      '                time.sleep(3)',
      '    return inner',
      '',
      '@with_pause',
      'def send_event(ev):',
      '    return requests.post("https://events.example/in", json=ev, timeout=5)',
      '',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', src, 'retry-without-backoff'), [16]);
    assert.deepEqual(await ruleLines('python', src, 'unsafe-retry'), [21]);
  });

  it('JavaScript: a helper called task that calls itself again from its catch', async () => {
    const src = `async function task(fn, left = 3) {
  try {
    return await fn();
  } catch (err) {
    if (left <= 0) throw err;
    await new Promise((r) => setTimeout(r, 1000));
    return task(fn, left - 1);
  }
}

export function save(doc) {
  return task(() => fetch('https://docs.example/save', { method: 'POST', body: JSON.stringify(doc), signal: AbortSignal.timeout(4000) }));
}
`;
    assert.deepEqual(await ruleLines('javascript', src, 'retry-without-backoff'), [6]);
    assert.deepEqual(await ruleLines('javascript', src, 'unsafe-retry'), [12]);
  });

  it('Java: a Supplier run by execute() in a loop that sleeps the same time', async () => {
    const src = `import java.util.function.Supplier;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

public class Ledger {
    private final RestTemplate rest;

    Ledger(RestTemplate rest) { this.rest = rest; }

    static <T> T execute(Supplier<T> call) {
        int n = 0;
        while (true) {
            try {
                return call.get();
            } catch (RestClientException e) {
                if (++n >= 3) throw e;
                try { Thread.sleep(500); } catch (InterruptedException ie) { Thread.currentThread().interrupt(); }
            }
        }
    }

    public String submit(String body) {
        return execute(() -> rest.postForObject("https://ledger.example/entries", body, String.class));
    }
}
`;
    assert.deepEqual(await ruleLines('java', src, 'retry-without-backoff'), [17]);
    assert.deepEqual(await ruleLines('java', src, 'unsafe-retry'), [23]);
  });

  it('C#: a Func<Task<T>> run by Run() with a filtered catch and a fixed Task.Delay', async () => {
    const src = `using System;
using System.Net.Http;
using System.Threading.Tasks;

public class Mailer
{
    private static readonly HttpClient http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<T> Run<T>(Func<Task<T>> action)
    {
        for (var i = 0; ; i++)
        {
            try { return await action(); }
            catch (HttpRequestException) when (i < 3) { await Task.Delay(1000); }
        }
    }

    public Task<HttpResponseMessage> Send(string json) =>
        Run(async () => { var r = await http.PostAsync("https://mail.example/send", new StringContent(json)); r.EnsureSuccessStatusCode(); return r; });
}
`;
    assert.deepEqual(await ruleLines('csharp', src, 'retry-without-backoff'), [14]);
    assert.deepEqual(await ruleLines('csharp', src, 'unsafe-retry'), [19]);
  });

  it('Go: doReq runs the func it is handed until its error is nil', async () => {
    const src = `package shipping

import (
	"bytes"
	"net/http"
	"time"
)

var api = &http.Client{Timeout: 10 * time.Second}

func doReq(fn func() (*http.Response, error)) (*http.Response, error) {
	var lastErr error
	for i := 0; i < 5; i++ {
		resp, err := fn()
		if err == nil {
			return resp, nil
		}
		lastErr = err
		time.Sleep(time.Second)
	}
	return nil, lastErr
}

func Book(url string, body []byte) (*http.Response, error) {
	return doReq(func() (*http.Response, error) {
		return api.Post(url, "application/json", bytes.NewReader(body))
	})
}
`;
    assert.deepEqual(await ruleLines('go', src, 'retry-without-backoff'), [19]);
    assert.deepEqual(await ruleLines('go', src, 'unsafe-retry'), [26]);
  });

  it('Rust: run() matches the closure\'s Result, leaving on Ok and sleeping on Err', async () => {
    const src = `use std::{thread, time::Duration};

fn run<T, E, F>(mut f: F) -> Result<T, E>
where
    F: FnMut() -> Result<T, E>,
{
    let mut left = 3;
    loop {
        match f() {
            Ok(v) => return Ok(v),
            Err(e) if left == 0 => return Err(e),
            Err(_) => {
                left -= 1;
                thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

pub fn upload(client: &reqwest::blocking::Client, body: String) -> Result<reqwest::blocking::Response, reqwest::Error> {
    run(|| client.post("https://store.example/blobs").timeout(Duration::from_secs(5)).body(body.clone()).send())
}
`;
    assert.deepEqual(await ruleLines('rust', src, 'retry-without-backoff'), [14]);
    assert.deepEqual(await ruleLines('rust', src, 'unsafe-retry'), [21]);
  });

  it('Kotlin and PHP: a block run in repeat(), a callable run in a for loop', async () => {
    const kotlin = `import java.io.IOException
import kotlinx.coroutines.delay

suspend fun <T> task(block: suspend () -> T): T {
    repeat(3) {
        try {
            return block()
        } catch (e: IOException) {
            delay(500)
        }
    }
    return block()
}
`;
    assert.deepEqual(await ruleLines('kotlin', kotlin, 'retry-without-backoff'), [9]);
    const php = `<?php
function withPause(callable $op, int $times = 3)
{
    for ($i = 0; $i < $times; $i++) {
        try {
            return $op();
        } catch (\\GuzzleHttp\\Exception\\TransferException $e) {
            sleep(1);
        }
    }
    throw new \\RuntimeException('gave up');
}

function postInvoice($client, array $invoice)
{
    return withPause(function () use ($client, $invoice) {
        return $client->post('https://billing.example/invoices', ['json' => $invoice, 'timeout' => 5]);
    });
}
`;
    assert.deepEqual(await ruleLines('php', php, 'retry-without-backoff'), [8]);
    assert.deepEqual(await ruleLines('php', php, 'unsafe-retry'), [17]);
  });

  it('stays silent for a helper mapping an operation over a list and for a poller', async () => {
    const src = `export async function eachItem<T>(items: T[], handle: (t: T) => Promise<void>) {
  for (let i = 0; i < items.length; i++) {
    try {
      await handle(items[i]);
    } catch (e) {
      console.error('item failed', e);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function every(ms: number, tick: () => Promise<void>, stopped: () => boolean) {
  while (true) {
    if (stopped()) break;
    try {
      await tick();
    } catch (e) {
      console.warn('tick failed', e);
    }
    await new Promise((r) => setTimeout(r, ms));
  }
}

export async function start() {
  await every(500, async () => { await fetch('https://jobs.example/beat', { method: 'POST', signal: AbortSignal.timeout(3000) }); }, () => false);
  await eachItem([1, 2], async (n) => { await fetch(\`https://jobs.example/items/\${n}\`, { method: 'POST', signal: AbortSignal.timeout(3000) }); });
}
`;
    for (const rule of ['retry-without-backoff', 'unsafe-retry', 'non-retryable-retried']) assert.deepEqual(await ruleLines('typescript', src, rule), [], rule);
  });

  it('stays silent for a Python helper that runs the operation a number of times whatever it answers', async () => {
    const src = [
      'import time',
      'import requests',
      '',
      'def repeat_call(fn, times):',
      '    results = []',
      '    for _ in range(times):',
      '        try:',
      '            results.append(fn())',
      '        except requests.RequestException:',
      '            time.sleep(1)',
      '    return results',
      '',
      'def sample(url):',
      '    return repeat_call(lambda: requests.post(url, timeout=5), 3)',
      '',
    ].join('\n');
    assert.deepEqual(await ruleLines('python', src, 'retry-without-backoff'), []);
    assert.deepEqual(await ruleLines('python', src, 'unsafe-retry'), []);
  });
});
