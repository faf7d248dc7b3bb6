/**
 * Lists of the statuses a caller accepts: named for successes (`FETCH_SUCCESSES = [200].freeze`), given as a
 * parameter's default or as an argument to the file's own function that tests the status against its parameter, and
 * handed to a client as the option it raises on (Excon's `expects:`).
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: accepted-status lists', () => {
  spotCases('ruby', [
    ['frozen lists named for successes', 'class Api\n  READ_SUCCESSES = [200, 206].freeze\n  WRITE_SUCCESS = [201].freeze\nend\n', ['200 constant', '206 constant', '201 constant']],
    ['decoy: a frozen list of page sizes', 'class Api\n  PAGE_SIZES = [100, 200, 500].freeze\nend\n', []],
    [
      "Excon's expects option in a merged request hash",
      'def call(path)\n  opts = {}\n  opts.merge!({ path: path, expects: [200, 204] }.merge(extra))\n  @conn.request(opts)\nend\n',
      ['200 client-check', '204 client-check'],
    ],
    ['decoy: expects bound to a local hash, not handed to a call', 'def call(path)\n  cfg = { expects: [200] }\n  cfg\nend\n', []],
    [
      'a list handed to a method that tests the status against its parameter',
      'def fetch(url)\n  accept_only(get(url), [200, 304])\nend\n\ndef accept_only(resp, allowed)\n  raise Failed unless allowed.include?(resp.status)\nend\n',
      ['200 client-check', '304 client-check'],
    ],
  ]);

  spotCases('python', [
    [
      'a parameter default the function tests the status against',
      'def ensure_ok(resp, fine=(200, 202)):\n    if resp.status_code not in fine:\n        raise RuntimeError(resp.text)\n',
      ['200 client-check', '202 client-check'],
    ],
    [
      'a parameter default a retry loop goes round on',
      'import time\n\ndef fetch(session, url, again=(502, 503)):\n    while True:\n        r = session.get(url, timeout=5)\n        if r.status_code in again:\n            time.sleep(1)\n            continue\n        return r\n',
      ['502 retry-config', '503 retry-config'],
    ],
    ['decoy: a parameter default never tested against a status', 'def chunk(items, sizes=(100, 200)):\n    return [items[:s] for s in sizes]\n', []],
  ]);

  spotCases('kotlin', [
    [
      "a set handed by name and by position to the file's extension that tests the code",
      'fun Call<Unit>.finish(accepted: Set<Int>) {\n    val code = execute().code()\n    if (code in accepted) return\n    throw IOException("failed $code")\n}\n\nfun upload() {\n    api.put().finish(setOf(201, 204))\n    api.mkdir().finish(accepted = setOf(201, 405))\n}\n',
      ['201 client-check', '204 client-check', '201 client-check', '405 client-check'],
    ],
    ['decoy: a set handed to a function that counts it', 'fun total(parts: Set<Int>): Int = parts.sum()\n\nfun run() {\n    total(setOf(200, 300))\n}\n', []],
    ['a retry list given as a named constructor argument', 'val policy = Backoff.Config(\n    attempts = 3,\n    retryStatusCodes = setOf(429, 503),\n)\n', ['429 retry-config', '503 retry-config']],
  ]);
});
