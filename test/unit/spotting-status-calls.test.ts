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
      ['decoy: a domain error with a number', 'def fetch():\n    raise QuotaError(500, "items")\n', []],
    ]);
  });

  describe('TypeScript: an error class with API inside its name, thrown with a status', () => {
    spotCases('typescript', [
      ["a worker API's own error", "function check(id: string) {\n  if (!id) throw new WorkerApiError(400, 'invalid_job_id')\n}\n", ['400 server-sets']],
      ['decoy: a status second', "function check(id: string) {\n  if (!id) throw new WorkerApiError('invalid', 400)\n}\n", []],
    ]);
  });
});
