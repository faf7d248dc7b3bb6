import * as assert from 'assert';
import { RETRY_MECHANISMS } from '../../server/src/service/diagnostics/mechanisms';
import type { LanguageId } from '../../server/src/service/types';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';

/** A request checked only as success-or-fail, per language: reported when nothing retries it. */
const BARE: Record<string, [LanguageId, string]> = {
  python: ['python', 'def get(url):\n    r = requests.get(url, timeout=10)\n    if r.status_code != 200:\n        raise RuntimeError("failed")\n    return r\n'],
  javascript: ['typescript', 'async function get(url: string) {\n  const res = await fetch(url);\n  if (!res.ok) throw new Error("x");\n  return res;\n}\n'],
  go: ['go', 'func Get(c *http.Client, url string) error {\n\tresp, err := c.Get(url)\n\tif err != nil { return err }\n\tif resp.StatusCode != http.StatusOK { return fmt.Errorf("x") }\n\treturn nil\n}\n'],
  java: ['java', 'String get(HttpRequest req) throws Exception {\n  HttpResponse<String> res = client.send(req, BodyHandlers.ofString());\n  if (res.statusCode() >= 400) { throw new RuntimeException(); }\n  return res.body();\n}\n'],
  csharp: ['csharp', 'async Task<string> Get(string url) {\n  var response = await client.GetAsync(url);\n  if (!response.IsSuccessStatusCode) throw new Exception("failed");\n  return "";\n}\n'],  ruby: ['ruby', 'require "faraday"\n\ndef get(conn, url)\n  response = conn.get(url)\n  raise "failed" unless response.success?\n  response\nend\n'],
  kotlin: ['kotlin', 'import okhttp3.OkHttpClient\n\nfun get(client: OkHttpClient, request: Request): Response {\n    val response = client.newCall(request).execute()\n    if (!response.isSuccessful) throw IOException("failed")\n    return response\n}\n'],
  php: ['php', "function get($client, $url) {\n    $response = $client->get($url, ['http_errors' => false]);\n    if ($response->getStatusCode() >= 400) {\n        throw new \\RuntimeException('failed');\n    }\n    return $response;\n}\n"],
  rust: ['rust', 'use reqwest::Client;\n\npub async fn get(client: &Client, url: &str) -> Result<String, String> {\n    let resp = client.get(url).send().await.map_err(|e| e.to_string())?;\n    if !resp.status().is_success() {\n        return Err("failed".into());\n    }\n    resp.text().await.map_err(|e| e.to_string())\n}\n'],
};

function wrap(language: string, prelude: string, body: string): string {
  if (language === 'go') return `package m\n${prelude}\n${body}`;
  if (language === 'java') return `${prelude}\nclass A {\n${body}}\n`;
  if (language === 'csharp') return `${prelude}\nclass A {\n${body}}\n`;
  if (language === 'php') return `<?php\n${prelude}\n${body}`;
  return `${prelude}\n${body}`;
}

/**
 * mechanism id → [prelude, optional replacement of the bare body]: the mechanism applied to the request
 * (a mounted adapter, a decorator, a wrapper around the function, the library's own client).
 */
const CASES: Record<string, [string, ((body: string) => string)?]> = {
  // A mounted Retry reaches requests made through the session, not module-level requests.get.
  'urllib3-retry': ['s = requests.Session()\ns.mount("https://", HTTPAdapter(max_retries=Retry(total=3)))', (b) => b.replace('requests.get(', 's.get(')],
  'httpx-transport-retries': ['client = httpx.Client(transport=httpx.HTTPTransport(retries=3))', (b) => b.replace('requests.get(', 'client.get(')],
  // Configured well, so that no rule speaks (a bare `@retry` retries at once and forever: retry-without-backoff).
  // (Retrying every exception would retry the 404s the check raises and ignore Retry-After on a 429:
  // the project's own predicate decides what is transient.)
  tenacity: ['from tenacity import retry, retry_if_exception, stop_after_attempt, wait_random_exponential', (b) => `@retry(retry=retry_if_exception(is_transient), wait=wait_random_exponential(max=60), stop=stop_after_attempt(5))\n${b}`],
  backoff: ['import backoff', (b) => `@backoff.on_exception(backoff.expo, Exception, max_tries=5, giveup=is_permanent)\n${b}`],
  retrying: ['from retrying import retry', (b) => `@retry(stop_max_attempt_number=3)\n${b}`],
  'aiohttp-retry': ['from aiohttp_retry import RetryClient, ExponentialRetry'],
  // dlt's requests helper retries 429, 5xx and connection errors itself; the file's `requests` is that helper.
  'dlt-requests': ['from dlt.sources.helpers import requests'],
  // An SDK retries its own calls: a caught SDK error after them is the SDK's retries spent.
  'python-sdks': ['import openai', () => 'def ask(client, q):\n    for attempt in range(3):\n        try:\n            return client.chat.completions.create(model="m", messages=q)\n        except openai.APIConnectionError:\n            time.sleep(2 ** attempt)\n        except openai.RateLimitError:\n            raise\n'],
  'axios-retry': ['import axiosRetry from "axios-retry";'],
  'got-ky-retry-option': ['const client = got.extend({ retry: { limit: 3 } });'],
  'got-ky': ['import ky from "ky";', (b) => b.replace('await fetch(url)', 'await ky.get(url)')],
  'p-retry': ['import pRetry from "p-retry";', (b) => `${b}export const run = (u: string) => pRetry(() => get(u), { retries: 3 });\n`],
  'fetch-retry': ['import fetchRetry from "fetch-retry";', (b) => `${b}export const run = (u: string) => fetchRetry(fetch)(u, { retries: 3 });\nexport const viaWrapper = () => fetchRetry(get);\n`],
  'undici-retry': ['const agent = new RetryAgent(new Agent());'],
  // A query function: the query library retries it (3 times with backoff for TanStack Query, with backoff for SWR).
  'tanstack-query': ['import { useQuery } from "@tanstack/react-query";', (b) => `export const useThing = (url: string) => useQuery({ queryKey: [url], queryFn: async () => {\n${b.split('\n').slice(1, -2).join('\n')}\n} });\n`],
  swr: ['import useSWR from "swr";', (b) => `export const useThing = (url: string) => useSWR(url, async () => {\n${b.split('\n').slice(1, -2).join('\n')}\n});\n`],
  'octokit-retry': ['import { retry } from "@octokit/plugin-retry";', () => 'export async function issues(octokit: any) {\n  try {\n    return await octokit.rest.issues.list();\n  } catch (e: any) {\n    if (e.status === 503) throw e;\n  }\n}\n'],
  'go-retryablehttp': ['import retryablehttp "github.com/hashicorp/go-retryablehttp"'],
  'cenkalti-backoff': ['import "github.com/cenkalti/backoff/v4"', (b) => `${b}\nfunc Run(c *http.Client, url string) error {\n\treturn backoff.Retry(func() error { return Get(c, url) }, backoff.NewExponentialBackOff())\n}\n`],
  'avast-retry-go': ['import "github.com/avast/retry-go/v4"', (b) => `${b}\nfunc Run(c *http.Client, url string) error {\n\treturn retry.Do(func() error { return Get(c, url) })\n}\n`],
  'songmu-retry': ['import "github.com/Songmu/retry"', (b) => `${b}\nfunc Run(c *http.Client, url string) error {\n\treturn retry.Retry(3, 2*time.Second, func() error { return Get(c, url) })\n}\n`],
  'resty-retry': ['var rc = resty.New().SetRetryCount(3)'],
  resilience4j: ['import io.github.resilience4j.retry.annotation.Retry;', (b) => `@Retry(name = "x")\n${b}`],
  'spring-retry': ['import org.springframework.retry.annotation.Retryable;', (b) => `@Retryable\n${b}`],
  failsafe: ['import dev.failsafe.Failsafe;', (b) => `${b}String run(HttpRequest req) { return Failsafe.with(policy).get(() -> get(req)); }\n`],
  polly: ['using Polly;', (b) => `${b}Task<string> Run(string url) => policy.ExecuteAsync(() => Get(url));\n`],
  'ms-extensions-resilience': ['using Microsoft.Extensions.Http.Resilience;'],
  // (With the statuses it retries: without retry_statuses the middleware retries timeouts and failed connections only.)
  'faraday-retry': ['CONN = Faraday.new(url: "https://api.example.com") { |f| f.request :retry, max: 3, interval: 0.5, backoff_factor: 2, retry_statuses: [429, 503] }'],
  retriable: ['require "retriable"', (b) => `${b}\ndef run(conn, url)\n  Retriable.retriable(tries: 3) { get(conn, url) }\nend\n`],
  'guzzle-retry-middleware': ['$stack = HandlerStack::create();\n$stack->push(Middleware::retry($decider, $delay));\n$client = new Client([\'handler\' => $stack]);'],
  'laravel-retry': ['use Illuminate\\Support\\Facades\\Http;', (b) => `${b}\nfunction run($client, $url) {\n    return retry(3, fn () => get($client, $url), fn (int $attempt) => $attempt * 200);\n}\n`],
  // Ktor's client plugin: `install(HttpRequestRetry) { retryOnServerErrors(maxRetries = 3); exponentialDelay() }`
  'ktor-http-request-retry': ['import io.ktor.client.plugins.HttpRequestRetry\nval ktor = HttpClient(CIO) { install(HttpRequestRetry) { retryOnServerErrors(maxRetries = 3); exponentialDelay() } }'],
  'resilience4j-kotlin': ['import io.github.resilience4j.kotlin.retry.executeSuspendFunction', (b) => `${b}\nsuspend fun run(client: OkHttpClient, request: Request) = retry.executeSuspendFunction { get(client, request) }\n`],
  'spring-retry-kotlin': ['import org.springframework.retry.annotation.Retryable', (b) => b.replace('fun get(', '@Retryable(maxAttempts = 3)\nfun get(')],
  'symfony-retryable-http-client': ['$client = new RetryableHttpClient(HttpClient::create());'],
  // Rust: reqwest-middleware's client with RetryTransientMiddleware; backoff's and tokio-retry's wrappers around the async fn
  'reqwest-retry': ['use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};\nuse reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};\npub fn build() -> ClientWithMiddleware {\n    ClientBuilder::new(reqwest::Client::new()).with(RetryTransientMiddleware::new_with_policy(ExponentialBackoff::builder().build_with_max_retries(3))).build()\n}', (b) => b.replace('client: &Client', 'client: &ClientWithMiddleware')],
  'rust-backoff': ['use backoff::ExponentialBackoff;', (b) => `${b}\npub async fn run(client: &Client, url: &str) -> Result<String, String> {\n    backoff::future::retry(ExponentialBackoff::default(), || async { get(client, url).await.map_err(backoff::Error::transient) }).await\n}\n`],
  'tokio-retry': ['use tokio_retry::{strategy::{jitter, ExponentialBackoff}, Retry};', (b) => `${b}\npub async fn run(client: &Client, url: &str) -> Result<String, String> {\n    Retry::spawn(ExponentialBackoff::from_millis(100).map(jitter).take(3), || get(client, url)).await\n}\n`],
};

/**
 * SDKs retry their own calls, and WebClient's retryWhen its own chain; no rule reads an SDK call, its errors or
 * a WebClient chain yet, so there is no code they silence — only what they must not silence (IMPORT_ONLY below).
 */
const NOTHING_TO_SILENCE = new Set(['js-sdks', 'go-sdks', 'java-sdks', 'csharp-sdks', 'spring-webclient-retry']);

/**
 * Mechanisms whose import alone retries nothing the file sends with an HTTP library: an SDK retries its own
 * calls, a wrapper library what it wraps, got/ky their own requests. Importing one beside a bare request
 * leaves the request reported.
 */
// (Not TanStack Query or SWR: importing either makes the file front-end code, where no-retry-on-request is silent
// whatever retries it — see browserContext.ts.)
const IMPORT_ONLY: Record<string, string | [string, (body: string) => string]> = {
  // A retryWhen retries the chain it ends, not a request in another method.
  'spring-webclient-retry': ['', (b) => `${b}\nMono<String> m() { return web.get().retrieve().bodyToMono(String.class).retryWhen(Retry.backoff(3, d)); }\n`],
  'python-sdks': 'import boto3',
  'got-ky': 'import ky from "ky";',
  'p-retry': 'import pRetry from "p-retry";',
  'fetch-retry': 'import fetchRetry from "fetch-retry";',
  'octokit-retry': 'import { retry } from "@octokit/plugin-retry";',
  'js-sdks': 'import OpenAI from "openai";',
  'cenkalti-backoff': 'import "github.com/cenkalti/backoff/v4"',
  'avast-retry-go': 'import "github.com/avast/retry-go/v4"',
  'songmu-retry': 'import "github.com/Songmu/retry"',
  'go-sdks': 'import "github.com/aws/aws-sdk-go-v2/service/s3"',
  failsafe: 'import dev.failsafe.Failsafe;',
  'java-sdks': 'import software.amazon.awssdk.services.s3.S3Client;',
  polly: 'using Polly;',
  'csharp-sdks': 'using Azure.Storage.Blobs;',
  retriable: 'require "retriable"',
  'laravel-retry': 'use Illuminate\\Support\\Facades\\Http;',
  'rust-backoff': 'use backoff::ExponentialBackoff;',
  'tokio-retry': 'use tokio_retry::Retry;',
  'resilience4j-kotlin': 'import io.github.resilience4j.kotlin.retry.executeSuspendFunction',
};

async function rulesOf(language: LanguageId, text: string): Promise<string[]> {
  const service = testService();
  const uri = await openDoc(language, text, service);
  try {
    return service.diagnostics(uri).map((f) => f.rule);
  } finally {
    service.close(uri);
  }
}

describe('diagnostics retry mechanisms (server/data/retry-mechanisms.json)', () => {
  // The bare checks are reads: no-retry-on-request speaks about them once reads are reported, and a mechanism silences it.
  withReadsReported();

  it('has a test case for every mechanism in the data file', () => {
    assert.deepStrictEqual(RETRY_MECHANISMS.map((m) => m.id).filter((id) => !CASES[id] && !(NOTHING_TO_SILENCE.has(id) && IMPORT_ONLY[id])), []);
  });

  for (const family of Object.keys(BARE)) {
    it(`reports a bare success-or-fail check in ${family}`, async () => {
      const [language, body] = BARE[family];
      assert.deepStrictEqual(await rulesOf(language, wrap(family, '', body)), ['no-retry-on-request']);
    });
  }

  for (const mechanism of RETRY_MECHANISMS.filter((m) => CASES[m.id])) {
    it(`${mechanism.id} (${mechanism.language}) silences no-retry-on-request`, async () => {
      const [language, body] = BARE[mechanism.language];
      const [prelude, transform] = CASES[mechanism.id];
      const text = wrap(mechanism.language, prelude, transform ? transform(body) : body);
      // The mechanism's configuration is itself read as data: a bare spring-retry @Retryable waits a fixed 1 s
      // (docs/rules.md, server/data/retry-policies.json), which is retry-without-backoff on the annotation.
      // (and, retrying every exception, it retries the 429/503 the method throws on its own wait, and its 4xx: springRetryRepeats.ts)
      // (reqwest-retry's middleware retries 429 on its own policy, which never sees Retry-After: server/data/retry-policies.json;
      // and the reqwest::Client::new() under it has no timeout)
      // (the python-sdks case retries connection errors in a loop around an openai client that retries them itself:
      // retry-amplification, 3 × 3 calls)
      // (p-retry, cenkalti/backoff and retry-go re-run `get`/`Get`, which fails on every failed status: 404 and 429 alike,
      // on the wrapper's own schedule; Songmu/retry's schedule is a fixed interval besides)
      // (the got case's `got.extend({ retry })` sets no timeout, and got has none by default)
      const everyFailure = ['retry-ignores-retry-after', 'non-retryable-retried'];
      const expected = mechanism.id === 'spring-retry' ? ['retry-ignores-retry-after', 'retry-without-backoff', 'non-retryable-retried'] : mechanism.id === 'reqwest-retry' ? ['request-without-timeout', 'retry-ignores-retry-after'] : mechanism.id === 'python-sdks' ? ['retry-amplification'] : mechanism.id === 'got-ky-retry-option' ? ['request-without-timeout'] : /^(p-retry|cenkalti-backoff|avast-retry-go)$/.test(mechanism.id) ? everyFailure : mechanism.id === 'songmu-retry' ? [...everyFailure, 'retry-without-backoff'] : [];
      assert.deepStrictEqual(await rulesOf(language, text), expected, text);
    });
  }

  for (const mechanism of RETRY_MECHANISMS.filter((m) => CASES[m.id])) {
    it(`${mechanism.id} (${mechanism.language}): without the mechanism the same code is reported`, async () => {
      const [language, body] = BARE[mechanism.language];
      const transform = CASES[mechanism.id][1];
      const applied = transform ? transform(body) : body;
      // The mechanism's own lines removed: the prelude, and (for wrappers) the call that hands the function over.
      const bare = applied.split('\n').filter((l) => !/pRetry|fetchRetry|backoff\.|retry\.Do|retry\.Retry\(|Failsafe|ExecuteAsync|@retry|@backoff|@Retry|@Retryable|retryWhen|Retriable|return retry\(|Retry::spawn|backoff::future/.test(l)).join('\n');
      const rules = await rulesOf(language, wrap(mechanism.language, '', bare.replace(/\b(s|client|rc)\.get\(/, 'requests.get(')));
      assert.ok(rules.length > 0, `nothing reported without ${mechanism.id}:\n${bare}`);
    });
  }

  for (const [id, entry] of Object.entries(IMPORT_ONLY)) {
    const mechanism = RETRY_MECHANISMS.find((m) => m.id === id)!;
    const [prelude, transform] = typeof entry === 'string' ? [entry, undefined] : entry;
    it(`${id} (${mechanism.language}) imported or used beside a bare request does not silence it`, async () => {
      const [language, body] = BARE[mechanism.language];
      const text = wrap(mechanism.language, prelude, transform ? transform(body) : body);
      // (The retryWhen beside it is itself reported: an unfiltered Retry.backoff retries 429s on its own wait.)
      assert.deepStrictEqual((await rulesOf(language, text)).filter((r) => r !== 'retry-ignores-retry-after'), ['no-retry-on-request'], text);
    });
  }
});
