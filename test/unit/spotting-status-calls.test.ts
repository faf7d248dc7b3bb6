import { spotCases } from '../fixtures/spotting/cases';

/**
 * Status tests written as a call on the status or on a range, and failures answered with an error class whose name
 * carries API or HTTP inside it: each reads a status as surely as `==` does.
 */
describe('spotting: statuses tested by a call, and API errors raised with one', () => {
  describe('Ruby: a call on the status tests it against its arguments', () => {
    spotCases('ruby', [
      ['between?', 'def ok?(response)\n  response.code.between?(200, 299)\nend\n', ['200 client-check', '299 client-check']],
      ['in? a list', 'def again?(response)\n  response.status.in?([401, 403])\nend\n', ['401 client-check', '403 client-check']],
      ['in? a range', 'def ok?(response)\n  response.status.in?(200..399)\nend\n', ['200 client-check', '399 client-check']],
      ['decoy: between? on a count', 'def few?(items)\n  items.size.between?(200, 299)\nend\n', []],
    ]);
  });

  describe('Rust: a range asked whether it holds the status', () => {
    spotCases('rust', [
      ['(200..300).contains(&status)', 'fn ok(status: u16) -> bool {\n    (200..300).contains(&status)\n}\n', ['200 client-check', '300 client-check']],
      ['an inclusive range on a response', 'fn retry(resp: &Response) -> bool {\n    (500..=599).contains(&resp.status().as_u16())\n}\n', ['500 client-check', '599 client-check']],
      ['decoy: a range of sizes', 'fn small(n: u16) -> bool {\n    (200..300).contains(&n)\n}\n', []],
    ]);
  });

  describe('Python: the status of a response handed to an assertion after it', () => {
    spotCases('python', [
      ["Flask-Testing's assertStatus(response, 200)", 'class T(TestCase):\n    def test_a(self):\n        r = self.client.get("/x")\n        self.assertStatus(r, 200)\n', ['200 test-assert']],
      ['an API error raised with its status first', 'def fetch():\n    raise OpenAIHTTPError(408, {}, "timed out")\n', ['408 server-sets']],
      ["a client's error raised with its status first", 'def fetch():\n    raise FiksClientException(500, "no case")\n', ['500 server-sets']],
      ['decoy: a domain error with a number', 'def fetch():\n    raise QuotaError(500, "items")\n', []],
    ]);
  });

  describe('TypeScript: an error class with API inside its name, thrown with a status', () => {
    spotCases('typescript', [
      ["a worker API's own error", "function check(id: string) {\n  if (!id) throw new WorkerApiError(400, 'invalid_job_id')\n}\n", ['400 server-sets']],
      // (A message first and the status after it, `new HttpClientError('HTTP Error Occurred', 500)`, is the other order
      // such classes take; a number among more arguments is not read.)
      ['its status after its message', "function check(id: string) {\n  if (!id) throw new WorkerApiError('invalid', 400)\n}\n", ['400 server-sets']],
      ['decoy: a number among more arguments', "function check(id: string) {\n  if (!id) throw new WorkerApiError('invalid', 400, 'items')\n}\n", []],
    ]);
  });

  describe('statuses read through a function, a key or a name that says so', () => {
    spotCases('php', [
      [
        "WordPress's wp_remote_retrieve_response_code($response)",
        '<?php\nfunction rate($get) {\n  if (429 === wp_remote_retrieve_response_code($get)) { return null; }\n  if (wp_remote_retrieve_response_code($get) != 200) { return false; }\n}\n',
        ['429 client-check', '200 client-check'],
      ],
    ]);
    spotCases('python', [
      ['a transport handing rcode to its interpreter', 'def interpret(self, rbody, rcode, rheaders):\n    if rcode == 429:\n        raise RateLimited(rbody)\n', ['429 client-check']],
      ['a response_status key read with get', 'def sent(self):\n    return self.context.get("response_status") == 200\n', ['200 client-check']],
      ['decoy: another key', 'def sent(self):\n    return self.context.get("attempts") == 200\n', []],
    ]);
    spotCases('ruby', [['a :response_status key', 'def f(e)\n  mark(e) if e.info[:response_status] == 403\nend\n', ['403 client-check']]]);
  });

  describe('statuses a response is built with, in code and in tests', () => {
    spotCases('kotlin', [
      [
        "Spring's HttpStatus entries imported one by one, and ResponseEntity's builders called bare",
        'import org.springframework.http.HttpStatus.CONFLICT\nimport org.springframework.http.ResponseEntity.*\n\nclass C {\n  fun a() = ok(body)\n  fun b() = status(CONFLICT).build<Unit>()\n  fun c() = thing.ok(1)\n}\n',
        ['200 server-sets', '409 server-sets'],
      ],
      ['decoy: a bare ok() with no such import', 'class C {\n  fun a() = ok(body)\n}\n', []],
    ]);
    spotCases('java', [['a static import of the builders', 'import static org.springframework.http.ResponseEntity.*;\nclass C {\n  ResponseEntity<?> a() { return badRequest().build(); }\n}\n', ['400 server-sets']]]);
    spotCases('python', [
      ["httpretty's callback answering with the headers it was handed", 'def request_callback(request, uri, headers):\n    return (200, headers, "{}")\n', ['200 server-sets']],
      ['decoy: a triple of sizes', 'def size():\n    return (200, width, height)\n', []],
    ]);
    spotCases('go', [
      [
        'a test table: the status a case expects, and a code beside its error',
        'package p\n\nvar cases = []struct{ code int; err string; expectedResponseStatus int }{\n\t{code: 404, err: "nf"},\n\t{expectedResponseStatus: 400},\n}\n',
        ['404 server-sets', '400 test-assert'],
      ],
    ]);
    spotCases('rust', [
      [
        "ureq's Response::new in a test module beside the code",
        'pub fn ok() -> bool { true }\n\n#[cfg(test)]\nmod tests {\n    fn failing() -> ureq::Response {\n        ureq::Response::new(500, "Internal Server Error", "").unwrap()\n    }\n}\n',
        ['500 test-assert'],
      ],
      ['decoy: a vector made with a capacity', 'fn f() { let v = Vec::new(200); }\n', []],
    ]);
  });

  describe('a constant named for no status, declared where its uses read it as one', () => {
    spotCases('kotlin', [
      [
        'RATE_LIMIT_EXCEEDED = 429 compared with response.code',
        'private const val RATE_LIMIT_EXCEEDED = 429\n\nfun limited(response: Response) = response.code == RATE_LIMIT_EXCEEDED\n',
        ['429 constant', '429 client-check'],
      ],
      ['decoy: the same constant compared with a count', 'private const val RATE_LIMIT_EXCEEDED = 429\n\nfun full(items: List<Int>) = items.size == RATE_LIMIT_EXCEEDED\n', []],
    ]);
    spotCases('go', [
      [
        'a camel-case Go constant compared with resp.StatusCode',
        'package api\n\nconst (\n\tStatusEnhanceYourCalm = 420\n)\n\nfunc calm(resp *http.Response) bool {\n\treturn resp.StatusCode == StatusEnhanceYourCalm\n}\n',
        ['420 constant', '420 client-check'],
      ],
      ['decoy: a camel-case constant compared with a length', 'package api\n\nconst maxBatchSize = 200\n\nfunc full(items []int) bool {\n\treturn len(items) == maxBatchSize\n}\n', []],
    ]);
  });

  describe("Kotlin's until ranges", () => {
    spotCases('kotlin', [
      ['code() !in 200 until 400', 'fun ok(response: Response) = response.code() !in 200 until 400\n', ['200 client-check', '400 client-check']],
      ['decoy: indices until a size', 'fun each(items: List<Int>) { for (i in 0 until 200) println(items[i]) }\n', []],
    ]);
  });
});
