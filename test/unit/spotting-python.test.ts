import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: Python', () => {
  describe('numeric statuses', () => {
    spotCases('python', [
    [
      'a status → error table whose classes start with a lower-case prefix',
      'ERROR_CODE_EXCEPTION_MAPPING = {\n    400: {"raise_exception": shopBadRequestError, "message": "bad"},\n    503: {"raise_exception": shopServiceUnavailableError, "message": "down"},\n}\n',
      ['400 constant', '503 constant'],
    ],
    [
      "Google client libraries' exceptions, through module aliases",
      'from google.api_core import exceptions\nfrom google.genai import errors as gerrors\n\ntry:\n    client.generate()\nexcept (gerrors.APIError, exceptions.ServiceUnavailable):\n    pass\n',
      ['APIError client-check', 'ServiceUnavailable client-check'],
    ],
    ['decoy: a project class named like one', 'class ServiceUnavailable(Exception):\n    pass\n\ntry:\n    work()\nexcept ServiceUnavailable:\n    pass\n', []],
    ['a table of messages keyed by status', 'ERRORS = {\n    400: "Bad request",\n    401: "Not allowed",\n    429: "Slow down",\n}\n', ['400 constant', '401 constant', '429 constant']],
    ['decoy: a table keyed by sizes', 'SIZES = {\n    100: "small",\n    200: "medium",\n    900: "large",\n}\n', []],
    ['exception classes through module aliases', 'import httpx as hx\nfrom requests import exceptions as rexc\n\n\ndef get(url):\n    try:\n        return hx.get(url, timeout=5)\n    except (hx.ConnectError, rexc.Timeout):\n        raise\n', ['ConnectError client-check', 'Timeout client-check']],
    ['a module constant named for the refusal it stands for, and its use', 'RATE_LIMITED_STATUS = 429\n\n\ndef limited(resp):\n    return resp.status_code == RATE_LIMITED_STATUS\n', ['429 constant', '429 client-check']],
      ['a comparison with status_code', 'if r.status_code == 429:\n    pass\n', ['429 client-check']],
      // Unofficial statuses the catalog carries: 420 Enhance Your Calm (a rate limit), 419 Page Expired (Laravel).
      ['the unofficial rate-limit status 420', 'if r.status_code in (420, 429):\n    back_off()\n', ['420 client-check', '429 client-check']],
      ['the unofficial 419 Page Expired', 'if resp.status_code == 419:\n    refresh_csrf_token()\n', ['419 client-check']],
      ['decoy: 420 as a plain number', 'WIDTH = 420\nheight = 419\n', []],
      ['membership in a tuple', 'if status in (429, 503):\n    retry()\n', ['429 client-check', '503 client-check']],
      ['membership of resp.status in a set', 'if resp.status in {500, 502}:\n    raise X\n', ['500 client-check', '502 client-check']],
      ['a match/case over a status', 'match resp.status_code:\n    case 429 | 503:\n        pass\n', ['429 client-check', '503 client-check']],
      ['abort(429)', 'abort(429)\n', ['429 server-sets']],
      ['HTTPException(status_code=429)', 'raise HTTPException(status_code=429, detail="x")\n', ['429 server-sets']],
      ['a Flask return tuple', 'return jsonify(error="x"), 503\n', ['503 server-sets']],
      ['JsonResponse(status=201)', 'return JsonResponse({"ok": True}, status=201)\n', ['201 server-sets']],
      ['a decorator status_code', '@app.get("/", status_code=202)\ndef f(): ...\n', ['202 server-sets']],
      ['assert r.status_code == 200', 'def test_x(client):\n    r = client.get("/")\n    assert r.status_code == 200\n', ['200 test-assert']],
      ['assertEqual(res.status_code, 201)', 'self.assertEqual(res.status_code, 201)\n', ['201 test-assert']],
      ['urllib3 status_forcelist', 'Retry(total=3, status_forcelist=[429, 500, 503])\n', ['429 retry-config', '500 retry-config', '503 retry-config']],
      ['a retryable-status frozenset', 'RETRY_STATUSES = frozenset({429, 503})\n', ['429 retry-config', '503 retry-config']],
      ['a status default', 'status = getattr(exc, "status_code", None) or 500\n', ['500 server-sets']],
    ]);
  });

  describe('symbolic constants and error codes', () => {
    spotCases('python', [
      ['HTTPStatus.TOO_MANY_REQUESTS', 'if r.status_code == HTTPStatus.TOO_MANY_REQUESTS:\n    pass\n', ['429 client-check']],
      ['status.HTTP_429_TOO_MANY_REQUESTS', 'raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS)\n', ['429 server-sets']],
      ['an aliased DRF status module', 'return Response(d, status=drf_status.HTTP_503_SERVICE_UNAVAILABLE)\n', ['503 server-sets']],
      ['requests.codes.too_many_requests', 'if r.status_code == requests.codes.too_many_requests:\n    pass\n', ['429 client-check']],
      ['a standalone HTTPStatus constant', 'CODE = HTTPStatus.SERVICE_UNAVAILABLE\n', ['503 constant']],
      ["'ECONNRESET' compared with an error code", "if e.code == 'ECONNRESET':\n    pass\n", ['ECONNRESET client-check']],
      ['errno.ECONNRESET', 'if e.errno == errno.ECONNRESET:\n    pass\n', ['ECONNRESET client-check']],
      ['"ThrottlingException" from boto', 'if err.response["Error"]["Code"] == "ThrottlingException":\n    pass\n', ['ThrottlingException client-check']],
      ['a SQLSTATE string', 'if exc.pgcode == "40001":\n    retry()\n', ['40001 client-check']],
      ['grpc.StatusCode.UNAVAILABLE', 'if e.code() == grpc.StatusCode.UNAVAILABLE:\n    pass\n', ['UNAVAILABLE client-check']],
      ['an ambiguous word in an error-code context', 'if err.code == "UNAVAILABLE":\n    pass\n', ['UNAVAILABLE client-check']],
      ["aiohttp's ContentTypeError and requests' JSONDecodeError, not json's", 'import json\nimport aiohttp\nfrom requests.exceptions import JSONDecodeError\ntry:\n    work()\nexcept aiohttp.ContentTypeError:\n    pass\nexcept JSONDecodeError:\n    pass\nexcept json.JSONDecodeError:\n    pass\n', ['ContentTypeError client-check', 'JSONDecodeError client-check']],
      ["a stand-in response or server answering with a status", 'def test_bad(m):\n    m.return_value = Mockresponse(400, {}, raise_error=True)\n    MockServer.retry_times(100, 429, 1.0)\n    MockServer.set_delay(500)\n', ['400 server-sets', '429 server-sets']],
      ["Flask's errorhandler registered for a status", '@app.errorhandler(404)\ndef missing(e):\n    return render("404.html")\n', ['404 server-sets']],
      ['a status force list spelled with an underscore', 'DEFAULT_STATUS_FORCE_LIST = [408, 423, 504]\n', ['408 retry-config', '423 retry-config', '504 retry-config']],
      ["decoy: the name of one of the language's own exceptions compared with an error type", 'def make(error_type):\n    if error_type == "ValueError":\n        return ValueError("x")\n', []],
      ["decoy: a project's own Status enum, imported from a module of the project", 'from .base import CheckOutcome, Status\n\ndef check(self):\n    return CheckOutcome(self.name, Status.UNKNOWN, "no data")\n', []],
      ["requests' MissingSchema caught", 'import requests\ntry:\n    requests.get(url, timeout=5)\nexcept requests.exceptions.MissingSchema:\n    pass\n', ['MissingSchema client-check']],
      ['asyncio.TimeoutError and the built-in TimeoutError caught around aiohttp', 'async def get(s, url):\n    try:\n        async with s.get(url) as r:\n            return await r.json()\n    except asyncio.TimeoutError:\n        return None\n    except TimeoutError:\n        return None\n', ['TimeoutError client-check', 'TimeoutError client-check']],
    ]);
  });

  describe('numbers that are not statuses', () => {
    spotCases('python', [
      ['range(200)', 'for i in range(200):\n    pass\n', []],
      ['sleep(500)', 'time.sleep(500)\n', []],
      ['timeout=500', 'requests.get(url, timeout=500)\n', []],
      ['a port', 'app.run(host="0.0.0.0", port=5000)\nPORT = 8080\n', []],
      ['len(x) == 200', 'if len(x) == 200:\n    pass\n', []],
      ['an exit code', 'if exit_code == 130:\n    pass\n', []],
      ['maxRetries = 500', 'max_retries = 500\n', []],
      ['an array index', 'y = rows[404]\n', []],
      ['arithmetic', 'total = count * 500 + 200\n', []],
      ['numbers in strings and comments', 'msg = "got 503"  # retry on 429\n', []],
      ['a list of widths', 'widths = [200, 300, 400]\n', []],
      ['a bare ambiguous word', 'print("UNAVAILABLE")\nlabel = "TIMEOUT"\n', []],
      ['a year', 'if year == 2024:\n    pass\n', []],
    ]);
  });
});
