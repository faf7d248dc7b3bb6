/**
 * retry-amplification beyond the Python and JavaScript LLM SDKs: Azure.Core clients (.NET), discordgo, resty and
 * retryablehttp (Go), @actions/http-client and @actions/core (JavaScript), a client the file configures to retry (a
 * urllib3 Retry mounted on a session, axios-retry), and a function of the file with a retry of its own called from
 * another retry. Counter-examples: the inner layer switched off or never switched on, an outer retry that does not go
 * round on the call's failure.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf, ruleLines } from '../support/serviceHarness';

const RULE = 'retry-amplification';
const messages = async (lang: Parameters<typeof diagnosticsOf>[0], text: string) => (await diagnosticsOf(lang, text)).filter((f) => f.rule === RULE).map((f) => `${f.range.start.line + 1}: ${f.message}`);

const azure = (setup: string) => `using System;
using System.IO;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;

public class Archive
{
    private readonly BlobContainerClient _files;

    public Archive(Uri uri)
    {
${setup}
    }

    public async Task StoreAsync(string name, Stream body)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await _files.UploadBlobAsync(name, body);
                return;
            }
            catch (RequestFailedException e) when (e.Status >= 500)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}
`;

describe('retry-amplification: Azure.Core clients (.NET)', () => {
  it('multiplies a loop around a blob client left at Azure.Core’s 3 retries', async () => {
    const found = await messages('csharp', azure('        _files = new BlobContainerClient(uri);'));
    assert.equal(found.length, 1);
    assert.match(found[0], /^18: .*Azure\.Core \(\.NET\) retries each call 3 times itself, so this loop makes up to 5 × 4 = 20 calls/);
  });

  it('is silent once the options turn the client’s retries off', async () => {
    const off = azure('        var options = new BlobClientOptions();\n        options.Retry.MaxRetries = 0;\n        _files = new BlobContainerClient(uri, options);');
    assert.deepEqual(await ruleLines('csharp', off, RULE), []);
  });

  const wrapper = (caught: string) => `using System;
using System.Threading.Tasks;
using Azure;

public static class Patience
{
    public static async Task<T> Again<T>(Func<Task<T>> operation)
    {
        var tries = 0;
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (${caught} e) when (tries++ < 6)
            {
                await Task.Delay(1000);
            }
        }
    }
}
`;

  it('reads a wrapper retrying RequestFailedException around the operation it is handed', async () => {
    assert.deepEqual(await ruleLines('csharp', wrapper('RequestFailedException'), RULE), [10]);
  });

  it('leaves a wrapper retrying an exception of no SDK', async () => {
    assert.deepEqual(await ruleLines('csharp', wrapper('TimeoutException'), RULE), []);
  });
});

const goClients = (build: string) => `package notify

import (
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/go-resty/resty/v2"
)

type Notifier struct {
	session *discordgo.Session
	rest    *resty.Client
}

func NewNotifier(token string) (*Notifier, error) {
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, err
	}
${build}
	return &Notifier{session: s, rest: rc}, nil
}

func (n *Notifier) Say(channel, text string) error {
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		_, err := n.session.ChannelMessageSend(channel, text)
		if err == nil {
			return nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return fmt.Errorf("gave up: %w", lastErr)
}

func (n *Notifier) Status(url string) ([]byte, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := n.rest.R().Get(url)
		if err == nil && resp.IsSuccess() {
			return resp.Body(), nil
		}
		lastErr = err
		time.Sleep(time.Second)
	}
	return nil, lastErr
}
`;

describe('retry-amplification: Go clients that retry', () => {
  it('reads discordgo’s session and a resty client given SetRetryCount', async () => {
    const found = await messages('go', goClients('\trc := resty.New().SetRetryCount(2).SetTimeout(10 * time.Second)'));
    assert.equal(found.length, 2);
    assert.match(found[0], /^27: .*discordgo retries each call 3 times itself, so this loop makes up to 4 × 4 = 16 calls/);
    assert.match(found[1], /^40: .*resty retries each call 2 times itself, so this loop makes up to 3 × 3 = 9 calls/);
  });

  it('leaves a resty client that retries nothing, and a session whose retries are off', async () => {
    const text = goClients('\trc := resty.New().SetTimeout(10 * time.Second)\n\ts.MaxRestRetries = 0');
    assert.deepEqual(await ruleLines('go', text, RULE), []);
  });

  it('reads retryablehttp’s default of 4 retries', async () => {
    const text = `package poll

import (
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

func Ping(url string) error {
	client := retryablehttp.NewClient()
	var err error
	for tries := 0; tries < 3; tries++ {
		_, err = client.Get(url)
		if err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}
`;
    const found = await messages('go', text);
    assert.equal(found.length, 1);
    assert.match(found[0], /^12: .*retries each call 4 times itself, so this loop makes up to 3 × 5 = 15 calls/);
  });
});

describe('retry-amplification: a function of the file that retries itself', () => {
  const py = `import time

import requests


def fetch_page(url):
    for attempt in range(3):
        try:
            resp = requests.get(url, timeout=10)
            resp.raise_for_status()
            return resp.json()
        except requests.RequestException:
            time.sleep(2 ** attempt)
    raise RuntimeError("gave up")


def plain(url):
    resp = requests.get(url, timeout=10)
    resp.raise_for_status()
    return resp.json()


def sync(url):
    for attempt in range(4):
        try:
            return fetch_page(url)
        except RuntimeError:
            time.sleep(5)


def sync_plain(url):
    for attempt in range(4):
        try:
            return plain(url)
        except requests.RequestException:
            time.sleep(5)
`;

  it('reports a retry around it with the product, and not one around a function with no retry', async () => {
    const found = await messages('python', py);
    assert.equal(found.length, 1);
    assert.match(found[0], /^24: .*fetch_page, with a retry of its own, retries each call 2 times itself, so this loop makes up to 4 × 3 = 12 calls/);
  });

  it('follows Go methods through thin forwarders to the one that retries', async () => {
    const go = `package store

import (
	"fmt"
	"net/http"
	"time"
)

type Client struct{ hc *http.Client }

func (c *Client) get(url string) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := c.hc.Get(url)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		lastErr = fmt.Errorf("attempt %d failed", attempt)
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return nil, lastErr
}

func (c *Client) fetch(url string) (*http.Response, error) { return c.get(url) }

func (c *Client) Sync(url string) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		_, err = c.fetch(url)
		if err == nil {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
	return err
}
`;
    const found = await messages('go', go);
    assert.equal(found.length, 1);
    assert.match(found[0], /^28: .*fetch \(through get\), with a retry of its own, retries each call 2 times itself, so this loop makes up to 5 × 3 = 15 calls/);
  });

  it('leaves an outer loop that does not go round on the helper’s failure', async () => {
    const java = `import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

class Generator {
    private final HttpClient http = HttpClient.newHttpClient();

    Optional<String> generate(String url) throws InterruptedException {
        int attempts = 0;
        do {
            try {
                HttpResponse<String> r = query(url);
                if (r.statusCode() == 200) return Optional.of(r.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } while (++attempts < 5);
        return Optional.empty();
    }

    private HttpResponse<String> query(String url) throws IOException, InterruptedException {
        for (int i = 0; true; i++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (i >= 2) throw e;
            }
        }
    }
}
`;
    assert.deepEqual(await ruleLines('java', java, RULE), []);
  });
});

describe('retry-amplification: clients the file configures to retry', () => {
  const mounted = (except: string, body: string) => `import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

session = requests.Session()
session.mount("https://", HTTPAdapter(max_retries=Retry(total=4, backoff_factor=1)))


def get(url):
    for attempt in range(3):
        try:
            return session.get(url, timeout=30)
        except ${except} as e:
${body}
    raise RuntimeError("gave up")
`;

  it('multiplies a loop around a session with a mounted urllib3 Retry', async () => {
    const found = await messages('python', mounted('requests.RequestException', '            time.sleep(2 ** attempt)'));
    assert.equal(found.length, 1);
    assert.match(found[0], /^12: .*the urllib3 Retry mounted on the session retries each call 4 times itself, so this loop makes up to 3 × 5 = 15 calls/);
    const bare = mounted('requests.RequestException', '            time.sleep(2 ** attempt)').replace(/session\.mount[^\n]*\n/, '');
    assert.deepEqual(await ruleLines('python', bare, RULE), [], 'a session with nothing mounted sends once');
  });

  it('leaves a catch that goes round only on a failure of another kind and re-raises the rest', async () => {
    const body = '            if "Cannot allocate memory" in str(e):\n                time.sleep(5)\n                continue\n            raise e';
    assert.deepEqual(await ruleLines('python', mounted('OSError', body), RULE), []);
    const throttled = '            if "too many 429" in str(e):\n                time.sleep(30)\n                continue\n            raise e';
    assert.deepEqual(await ruleLines('python', mounted('requests.exceptions.RetryError', throttled), RULE), [12]);
  });

  it('reads axios-retry on an instance and @actions/http-client with allowRetries', async () => {
    const ts = `import { HttpClient } from '@actions/http-client';
import axios from 'axios';
import axiosRetry from 'axios-retry';

const http = new HttpClient('deploy-action', [], { allowRetries: true, maxRetries: 3 });
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
axiosRetry(api, { retries: 4 });

export async function readJson(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return (await http.getJson(url)).result;
    } catch (err) {
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
    }
  }
  throw new Error('gave up');
}

export async function user(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return (await api.get(\`/users/\${id}\`)).data;
    } catch (err) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw new Error('gave up');
}
`;
    const found = await messages('typescript', ts);
    assert.equal(found.length, 2);
    assert.match(found[0], /^10: .*@actions\/http-client retries each call 3 times itself, so this loop makes up to 5 × 4 = 20 calls/);
    assert.match(found[1], /^21: .*axios-retry on the axios instance retries each call 4 times itself, so this loop makes up to 3 × 5 = 15 calls/);
    const plain = ts.replace("[], { allowRetries: true, maxRetries: 3 }", '').replace('axiosRetry(api, { retries: 4 });\n', '');
    assert.deepEqual(await ruleLines('typescript', plain, RULE), [], 'an HttpClient without allowRetries and a bare axios instance send once');
  });

  it('reads @actions/core getIDToken, which retries 10 times, inside p-retry', async () => {
    const ts = `import { getIDToken } from '@actions/core';
import pRetry from 'p-retry';

export async function token(audience: string) {
  return pRetry(() => getIDToken(audience), { retries: 3 });
}
`;
    const found = await messages('typescript', ts);
    assert.equal(found.length, 1);
    assert.match(found[0], /^5: .*@actions\/core retries each call 10 times itself, so this wrapper makes up to 4 × 11 = 44 calls/);
  });
});

describe('retry-amplification: retry policies and Octokit', () => {
  const polly = (options: string) => `using System;
using System.IO;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using Polly;

public class Mirror
{
    private readonly BlobClient _blob;
    private readonly IAsyncPolicy _policy = Policy.Handle<Exception>().WaitAndRetryAsync(4, n => TimeSpan.FromSeconds(Math.Pow(2, n)));

    public Mirror(Uri uri)
    {
${options}
    }

    public Task PushAsync(Stream data) => _policy.ExecuteAsync(() => _blob.UploadAsync(data, overwrite: true));
}
`;

  it('reads a Polly policy running an Azure call, with the policy’s attempts', async () => {
    const found = await messages('csharp', polly('        _blob = new BlobClient(uri);'));
    assert.equal(found.length, 1);
    assert.match(found[0], /^17: .*Azure\.Core \(\.NET\) retries each call 3 times itself, so this wrapper makes up to 5 × 4 = 20 calls/);
    const off = polly('        var options = new BlobClientOptions();\n        options.Retry.MaxRetries = 0;\n        _blob = new BlobClient(uri, options);');
    assert.deepEqual(await ruleLines('csharp', off, RULE), []);
  });

  it('reads the octokit package’s Octokit, which retries 3 times, and leaves one built with retries off', async () => {
    const ts = `import { Octokit } from 'octokit';

const octokit = new Octokit({ auth: process.env.TOKEN });

export async function labels(owner: string, repo: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return (await octokit.rest.issues.listLabelsForRepo({ owner, repo })).data;
    } catch (err) {
      octokit.log.warn(String(err));
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  return [];
}
`;
    const found = await messages('typescript', ts);
    assert.equal(found.length, 1);
    assert.match(found[0], /^6: .*octokit retries each call 3 times itself, so this loop makes up to 3 × 4 = 12 calls/);
    const off = ts.replace('{ auth: process.env.TOKEN }', '{ auth: process.env.TOKEN, retry: { retries: 0 } }');
    assert.deepEqual(await ruleLines('typescript', off, RULE), []);
  });
});

