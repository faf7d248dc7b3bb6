import * as assert from 'node:assert/strict';
import { completionContextAt, switchSubject } from '../../server/src/service/conveniences/completionContext';
import type { CompletionEntry } from '../../server/src/service/completion';
import type { LanguageId } from '../../server/src/service/types';
import { cursor, openDoc, testService } from '../support/serviceHarness';

async function complete(languageId: LanguageId, marked: string): Promise<CompletionEntry[]> {
  const { text, position } = cursor(marked);
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  try {
    return service.completions(uri, position);
  } finally {
    service.close(uri);
  }
}

const labels = (items: CompletionEntry[]) => items.map((i) => i.label);

describe('completion: status-code contexts', () => {
  const positives: Array<[LanguageId, string]> = [
    ['python', 'def f(r):\n    if r.status_code == |'],
    ['python', 'def f(r):\n    if r.status_code in (429, |'],
    ['python', 'from urllib3 import Retry\nretry = Retry(total=3, status_forcelist=[429, |'],
    ['python', 'raise HTTPException(status_code=|'],
    ['python', 'abort(|'],
    ['python', 'match r.status_code:\n    case 200:\n        pass\n    case |'],
    ['javascript', 'if (res.status === |'],
    ['javascript', 'app.get("/", (req, res) => res.status(|'],
    ['javascript', 'const client = got.extend({ retry: { statusCodes: [|'],
    ['javascript', 'switch (res.status) {\n  case 200:\n    break;\n  case |'],
    ['typescript', 'if (response.status !== 4|'],
    ['go', 'func h(w http.ResponseWriter) {\n\tw.WriteHeader(|'],
    ['go', 'func f(resp *http.Response) {\n\tswitch resp.StatusCode {\n\tcase 200:\n\tcase |'],
    ['go', 'func f(resp *http.Response) bool {\n\treturn resp.StatusCode == |'],
    ['java', 'class A { void f(HttpResponse<String> r) { if (r.statusCode() == |'],
    ['csharp', 'class A { void F(HttpResponseMessage r) { if ((int)r.StatusCode == |'],
  ];
  for (const [language, marked] of positives) {
    it(`offers status codes: ${language} ${JSON.stringify(marked.split('\n').pop())}`, async () => {
      const items = await complete(language, marked);
      const codes = labels(items).filter((l) => /^\d{3}$/.test(l));
      assert.ok(codes.length > 0, 'no status items');
      const typed = /(\d+)$/.exec(cursor(marked).text)?.[1];
      if (typed) assert.ok(codes.every((c) => c.startsWith(typed)), `items not narrowed to ${typed}: ${codes.join(',')}`);
      assert.ok(!labels(items).includes('ECONNRESET'), 'error codes offered in a status context');
    });
  }

  it('orders the common codes first, then the rest by number', async () => {
    const items = await complete('python', 'if r.status_code == |');
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 14), ['200', '201', '204', '400', '401', '403', '404', '409', '422', '429', '500', '502', '503', '504']);
    const rest = sorted.slice(14).map(Number);
    assert.deepEqual(rest, [...rest].sort((a, b) => a - b));
    assert.ok(rest.includes(100) && rest.includes(418));
  });

  it('gives each status its phrase and a markdown doc', async () => {
    const items = await complete('javascript', 'if (res.status === |');
    const item = items.find((i) => i.label === '429');
    assert.ok(item);
    assert.equal(item.detail, 'Too Many Requests');
    assert.match(item.documentation, /\*\*HTTP 429 Too Many Requests\*\*/);
    assert.match(item.documentation, /Retryable/);
  });

  it('replaces the digits typed so far', async () => {
    const items = await complete('python', 'if r.status_code == 42|');
    const item = items.find((i) => i.label === '429')!;
    assert.deepEqual(item.range, { start: { line: 0, character: 20 }, end: { line: 0, character: 22 } });
    assert.ok(!labels(items).includes('500'));
  });

  it('offers http.Status… constants in Go when the file uses them', async () => {
    const go = 'package p\nimport "net/http"\nfunc f(w http.ResponseWriter, r *http.Response) {\n\tif r.StatusCode == http.StatusOK {}\n\tw.WriteHeader(|)\n}';
    const items = await complete('go', go);
    const constant = items.find((i) => i.label === 'http.StatusTooManyRequests');
    assert.ok(constant, 'constant form missing');
    assert.equal(constant.detail, '429 Too Many Requests');
    assert.ok(items.find((i) => i.label === '429'), 'number form missing');
    const without = await complete('go', 'package p\nfunc f(w W) {\n\tw.WriteHeader(|)\n}');
    assert.ok(!labels(without).some((l) => l.startsWith('http.')), 'constants offered in a file that does not use them');
  });

  it('offers HTTPStatus.X in Python when HTTPStatus is imported', async () => {
    const items = await complete('python', 'from http import HTTPStatus\n\ndef f(r):\n    return r.status_code == HTTPStatus.|');
    const constant = items.find((i) => i.label === 'HTTPStatus.TOO_MANY_REQUESTS');
    assert.ok(constant);
    assert.equal(constant.range.start.character, '    return r.status_code == '.length);
  });

  const negatives: Array<[LanguageId, string]> = [
    ['python', 'x = |'],
    ['python', 'count == |'],
    ['python', 'if len(items) == |'],
    ['python', '# if r.status_code == |'],
    ['python', 'print("status_code == |")'],
    ['python', 'time.sleep(|'],
    ['javascript', 'const n = items.length === |'],
    ['javascript', '// res.status(|'],
    ['javascript', 'throw new Error(|'],
    ['javascript', 'String(|'],
    ['javascript', 'switch (kind) {\n  case |'],
    ['javascript', 'res.status(200).json(|'],
    ['go', 'func f() {\n\tswitch {\n\tcase |'],
    ['go', 'func f() {\n\tfmt.Println(|'],
    ['java', 'class A { int f(List<String> xs) { return xs.size() == |'],
    ['csharp', 'class A { void F() { Console.WriteLine(|'],
    ['http', 'GET https://example.com/ HTTP/1.1\nAccept: |'],
    ['http', '# HTTP/1.1 |'],
  ];
  for (const [language, marked] of negatives) {
    it(`offers nothing: ${language} ${JSON.stringify(marked.split('\n').pop())}`, async () => {
      assert.deepEqual(labels(await complete(language, marked)), []);
    });
  }
});

describe('completion: error-code contexts', () => {
  const positives: Array<[LanguageId, string]> = [
    ['javascript', "if (err.code === '|"],
    ['typescript', "if (error.code !== 'ECONN|"],
    ['javascript', "switch (err.code) {\n  case 'EPIPE':\n  case '|"],
    ['python', "if e.response['Error']['Code'] == '|"],
    ['python', "if err.errno in ('ECONNRESET', '|"],
    ['java', 'class A { boolean f(SdkException e) { return e.getErrorCode().equals("|'],
    ['go', 'func f(err *smithy.GenericAPIError) bool {\n\treturn err.Code == "|'],
  ];
  for (const [language, marked] of positives) {
    it(`offers error codes: ${language} ${JSON.stringify(marked.split('\n').pop())}`, async () => {
      const items = await complete(language, marked);
      assert.ok(labels(items).includes('ECONNRESET'), 'ECONNRESET missing');
      assert.ok(labels(items).includes('ThrottlingException'), 'AWS codes missing');
      assert.ok(!labels(items).some((l) => /^\d{3}$/.test(l)), 'status codes offered in an error-code context');
      assert.ok(!labels(items).includes('ChunkedEncodingError'), 'Python exception class names are not string codes');
      for (const name of ['HttpRequestException', 'SocketTimeoutException', 'AxiosError', 'SlackApiError']) {
        assert.ok(!labels(items).includes(name), `${name}: exception class names of any catalog are not string codes`);
      }
    });
  }

  it('replaces what was typed inside the quotes and documents the code', async () => {
    const items = await complete('javascript', "if (err.code === 'ECONN|') {}");
    const item = items.find((i) => i.label === 'ECONNRESET')!;
    assert.equal(item.range.start.character, "if (err.code === '".length);
    assert.equal(item.range.end.character, "if (err.code === 'ECONN".length);
    assert.match(item.documentation, /\*\*ECONNRESET\*\*/);
  });

  const negatives: Array<[LanguageId, string]> = [
    ['javascript', "const s = '|"],
    ['javascript', "if (user.name === '|"],
    ['javascript', "if (res.status === '|"],
    ['python', "logger.info('|"],
    ['javascript', "if (err.code === 'x') log('|"],
  ];
  for (const [language, marked] of negatives) {
    it(`offers nothing: ${language} ${JSON.stringify(marked)}`, async () => {
      assert.deepEqual(labels(await complete(language, marked)), []);
    });
  }
});

describe('completion: .http files', () => {
  it('completes a response status line with code and phrase', async () => {
    const items = await complete('http', 'GET https://example.com/\n\nHTTP/1.1 |');
    const item = items.find((i) => i.label === '503')!;
    assert.equal(item.insertText, '503 Service Unavailable');
  });
  it('completes a ?? status assert with the bare code', async () => {
    const items = await complete('http', 'GET https://example.com/\n?? status == |');
    assert.equal(items.find((i) => i.label === '429')?.insertText, '429');
  });
  it('completes response.status comparisons in handler scripts', async () => {
    const items = await complete('http', 'GET https://example.com/\n\n> {%\n  client.assert(response.status === |');
    assert.ok(labels(items).includes('200'));
  });
  it('offers nothing on a request line or a body', async () => {
    assert.deepEqual(labels(await complete('http', 'GET https://example.com/ |')), []);
    assert.deepEqual(labels(await complete('http', 'POST https://example.com/\n\n{"status": |')), []);
  });
});

describe('completion context helpers', () => {
  it('finds the subject of the enclosing switch or match', () => {
    assert.equal(switchSubject(['switch (res.status) {', '  case 200:', '    break;', '  case ']), 'res.status');
    assert.equal(switchSubject(['match r.status_code:', '    case ']), 'r.status_code');
    assert.equal(switchSubject(['switch (a) {', '}', 'case ']), undefined);
  });
  it('is purely textual and bounded', () => {
    assert.equal(completionContextAt('if r.status_code == ', false)?.kind, 'status');
    const started = Date.now();
    assert.equal(completionContextAt('x'.repeat(50_000) + ' == ', false), undefined);
    assert.ok(Date.now() - started < 250, `took ${Date.now() - started} ms`);
  });
});
