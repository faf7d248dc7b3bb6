import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

/*
 * unsafe-retry: a retrying fetch helper that spreads the options its caller hands in — `fetch(url, { ...init })`, through
 * a local built so (`const options = { ...init, headers }`), Python's `requests.request(url=…, **kwargs)` — re-sends
 * whatever method it is given, POST included. Fixing the method (`method: 'GET'` after the spread, a positional
 * "GET") keeps it quiet. A quoted 'get' in a log line is no method guard.
 */
describe('unsafe-retry: retry helpers that forward their caller\'s options', () => {
  it('TypeScript and JavaScript: options spread into fetch through a local', async () => {
    assert.deepEqual(await ruleLines('typescript', [
      "const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));",
      "",
      "export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {",
      "  const headers = new Headers(init.headers);",
      "  headers.set('Authorization', `Bearer ${process.env.API_TOKEN}`);",
      "  const options: RequestInit = { ...init, headers, signal: AbortSignal.timeout(15_000) };",
      "  let lastError: unknown;",
      "  for (let attempt = 0; attempt <= 3; attempt++) {",
      "    if (attempt > 0) await pause(500 * 2 ** attempt);",
      "    try {",
      "      const res = await fetch(`https://api.example.com${path}`, options);",
      "      if (res.status >= 500 && attempt < 3) continue;",
      "      return res;",
      "    } catch (err) {",
      "      lastError = err;",
      "    }",
      "  }",
      "  throw lastError;",
      "}",
    ].join('\n'), 'unsafe-retry'), [11]);
    assert.deepEqual(await ruleLines('typescript', [
      "const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));",
      "",
      "export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {",
      "  const headers = new Headers(init.headers);",
      "  headers.set('Authorization', `Bearer ${process.env.API_TOKEN}`);",
      "  const options: RequestInit = { ...init, method: 'GET', headers, signal: AbortSignal.timeout(15_000) };",
      "  let lastError: unknown;",
      "  for (let attempt = 0; attempt <= 3; attempt++) {",
      "    if (attempt > 0) await pause(500 * 2 ** attempt);",
      "    try {",
      "      const res = await fetch(`https://api.example.com${path}`, options);",
      "      if (res.status >= 500 && attempt < 3) continue;",
      "      return res;",
      "    } catch (err) {",
      "      lastError = err;",
      "    }",
      "  }",
      "  throw lastError;",
      "}",
    ].join('\n'), 'unsafe-retry'), []);
    assert.deepEqual(await ruleLines('javascript', [
      "const pause = (ms) => new Promise((r) => setTimeout(r, ms));",
      "",
      "export async function apiFetch(path, init = {}) {",
      "  const headers = new Headers(init.headers);",
      "  headers.set('Authorization', `Bearer ${process.env.API_TOKEN}`);",
      "  const options = { ...init, headers, signal: AbortSignal.timeout(15_000) };",
      "  let lastError;",
      "  for (let attempt = 0; attempt <= 3; attempt++) {",
      "    if (attempt > 0) await pause(500 * 2 ** attempt);",
      "    try {",
      "      const res = await fetch(`https://api.example.com${path}`, options);",
      "      if (res.status >= 500 && attempt < 3) continue;",
      "      return res;",
      "    } catch (err) {",
      "      lastError = err;",
      "    }",
      "  }",
      "  throw lastError;",
      "}",
    ].join('\n'), 'unsafe-retry'), [11]);
  });

  it('Python: **kwargs forwarded to requests.request', async () => {
    assert.deepEqual(await ruleLines('python', [
      "import time",
      "import requests",
      "",
      "BASE = \"https://api.example.com\"",
      "",
      "",
      "def api_request(path, **kwargs):",
      "    last = None",
      "    for attempt in range(4):",
      "        try:",
      "            r = requests.request(url=BASE + path, timeout=10, **kwargs)",
      "        except requests.RequestException as exc:",
      "            last = exc",
      "            time.sleep(2 ** attempt)",
      "            continue",
      "        if r.status_code >= 500:",
      "            time.sleep(2 ** attempt)",
      "            continue",
      "        return r",
      "    raise RuntimeError(f\"gave up: {last}\")",
    ].join('\n'), 'unsafe-retry'), [11]);
    assert.deepEqual(await ruleLines('python', [
      "import time",
      "import requests",
      "",
      "BASE = \"https://api.example.com\"",
      "",
      "",
      "def api_request(path, **kwargs):",
      "    last = None",
      "    for attempt in range(4):",
      "        try:",
      "            r = requests.request(\"GET\", BASE + path, timeout=10, **kwargs)",
      "        except requests.RequestException as exc:",
      "            last = exc",
      "            time.sleep(2 ** attempt)",
      "            continue",
      "        if r.status_code >= 500:",
      "            time.sleep(2 ** attempt)",
      "            continue",
      "        return r",
      "    raise RuntimeError(f\"gave up: {last}\")",
    ].join('\n'), 'unsafe-retry'), []);
  });

  it('a log line naming the default method is not a guard; a parameter defaulting to GET is', async () => {
    const text = (line: string) => [
      "const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));",
      "",
      "export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {",
      "  const headers = new Headers(init.headers);",
      "  headers.set('Authorization', `Bearer ${process.env.API_TOKEN}`);",
      "  const options: RequestInit = { ...init, headers, signal: AbortSignal.timeout(15_000) };",
      "  let lastError: unknown;",
      "  for (let attempt = 0; attempt <= 3; attempt++) {",
      "    if (attempt > 0) await pause(500 * 2 ** attempt);",
      "    try {",
      "      const res = await fetch(`https://api.example.com${path}`, options);",
      "      if (res.status >= 500 && attempt < 3) continue;",
      "      return res;",
      "    } catch (err) {",
      "      lastError = err;",
      "    }",
      "  }",
      "  throw lastError;",
      "}",
    ].join('\n').replace("  let lastError: unknown;", line + "\n  let lastError: unknown;");
    assert.deepEqual(await ruleLines('typescript', text("  console.debug(`sending ${(init.method || 'get').toUpperCase()} ${path}`);"), 'unsafe-retry'), [12]);
    const defaulted = [
      "import time",
      "import requests",
      "",
      "BASE = \"https://api.example.com\"",
      "",
      "",
      "def api_request(path, **kwargs):",
      "    last = None",
      "    for attempt in range(4):",
      "        try:",
      "            r = requests.request(url=BASE + path, timeout=10, **kwargs)",
      "        except requests.RequestException as exc:",
      "            last = exc",
      "            time.sleep(2 ** attempt)",
      "            continue",
      "        if r.status_code >= 500:",
      "            time.sleep(2 ** attempt)",
      "            continue",
      "        return r",
      "    raise RuntimeError(f\"gave up: {last}\")",
    ].join('\n').replace('def api_request(path, **kwargs):', 'def api_request(path, method="GET", **kwargs):').replace('url=BASE + path', 'method=method, url=BASE + path');
    assert.deepEqual(await ruleLines('python', defaulted, 'unsafe-retry'), []);
  });
});
