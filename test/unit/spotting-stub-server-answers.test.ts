/**
 * Statuses stand-in servers and stubs answer with, in the forms beyond `reply(429)`: axios-mock-adapter's `replyOnce`
 * and the `[status, body]` a reply callback returns (nock too), fetch-mock's routes, Gomega's ghttp and Flurl's
 * `RespondWith`, httpmock's `…ResponderOrPanic`, RSpec's `and_return` and Mocha's `returns` on a stubbed status, and
 * Laravel's `Http::response(status: …)` named argument.
 */
import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: statuses of stub servers and stubbed responses', () => {
  spotCases('javascript', [
    [
      'axios-mock-adapter and nock answers, direct and through a callback',
      "mock.onGet('/a').replyOnce(429, {});\nmock.onGet('/b').reply(() => [503, {}]);\nnock(base).get('/c').reply(function () { return [500, 'x']; });\n",
      ['429 test-assert', '503 test-assert', '500 test-assert'],
    ],
    ["fetch-mock routes answering with a status", "fetchMock.get('https://api.test/a', 404);\nfetchMock.catch(503);\n", ['404 test-assert', '503 test-assert']],
    [
      'decoy: a callback returning a pair of sizes, a cache read, a reply callback of another call',
      "mock.onGet('/a').reply(() => [rows, 200]);\ncache.get('https://api.test/a', 404);\nlist.map(() => [200, 300]);\n",
      [],
    ],
  ]);

  spotCases('go', [
    [
      "ghttp's RespondWith and httpmock's OrPanic responder",
      'package api\n\nfunc stub() {\n\tserver.AppendHandlers(ghttp.RespondWith(500, ""))\n\tserver.AppendHandlers(ghttp.RespondWithJSONEncoded(429, body))\n\thttpmock.RegisterResponder("GET", u, httpmock.NewJsonResponderOrPanic(502, body))\n}\n',
      ['500 test-assert', '429 test-assert', '502 server-sets'],
    ],
  ]);

  spotCases('csharp', [
    ["Flurl's HttpTest answers", 'class T {\n  void A() {\n    httpTest.RespondWith("busy", 503);\n    httpTest.RespondWithJson(new { e = 1 }, 429);\n  }\n}\n', ['503 test-assert', '429 test-assert']],
  ]);

  spotCases('ruby', [
    [
      "RSpec's and_return and Mocha's returns on a stubbed status or code, numbers and strings",
      'it "a" do\n  allow(response).to receive(:status).and_return(503)\n  allow(response).to receive(:code).and_return("404")\n  response.stubs(:code).returns("500")\nend\n',
      ['503 test-assert', '404 test-assert', '500 test-assert'],
    ],
    ['decoy: and_return of a stubbed size', 'it "a" do\n  allow(list).to receive(:size).and_return(200)\nend\n', []],
  ]);

  spotCases('php', [
    ["Laravel's Http::response with the status as a named argument", "<?php\nHttp::fake(['*' => Http::response(status: 429)]);\n", ['429 server-sets']],
    ['decoy: a named argument of another name', "<?php\nHttp::fake(['*' => Http::response(body: 'x', delay: 500)]);\n", []],
  ]);
});
