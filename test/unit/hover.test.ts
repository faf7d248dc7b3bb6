import { strict as assert } from 'node:assert';
import { hoverAt, occurrencesOf, openDoc, testService } from '../support/serviceHarness';

describe('hover on spotted codes', () => {
  it('a numeric status shows code, phrase, retry verdict, Retry-After, library defaults and sources', async () => {
    const hover = await hoverAt('python', 'r = session.get(url)\nif r.status_code == 4|29:\n    backoff()\n');
    assert.ok(hover, 'expected a hover on 429');
    assert.match(hover, /HTTP 429 Too Many Requests/);
    assert.match(hover, /\*\*Retryable\*\*/);
    assert.match(hover, /Retry-After/);
    assert.match(hover, /\*\*Library defaults:\*\*\n- /);
    assert.match(hover, /Sources: \[/);
  });

  it('a non-retryable status says so and carries no Retry-After note', async () => {
    const hover = await hoverAt('typescript', 'if (res.status === 40|4) return null;\n');
    assert.ok(hover);
    assert.match(hover, /HTTP 404 Not Found/);
    assert.match(hover, /Not retryable/);
    assert.doesNotMatch(hover, /`Retry-After` applies/);
  });

  it('a symbolic constant shows the number it stands for', async () => {
    const hover = await hoverAt('python', 'if r.status_code == HTTPStatus.TOO_MANY|_REQUESTS:\n    pass\n');
    assert.ok(hover);
    assert.match(hover, /`HTTPStatus\.TOO_MANY_REQUESTS` = `429`/);
    assert.match(hover, /HTTP 429/);
    const go = await hoverAt('go', 'package p\n\nfunc f() {\n\tw.WriteHeader(http.StatusServiceUnav|ailable)\n}\n');
    assert.ok(go);
    assert.match(go, /`http\.StatusServiceUnavailable` = `503`/);
  });

  it('a class digit says it stands for its class', async () => {
    const hover = await hoverAt('python', 'if r.status_code // 100 == |5:\n    pass\n');
    assert.ok(hover);
    assert.match(hover, /`5` is the 5xx class of statuses; shown here: its first code, 500/);
  });

  it('an error-code string shows its catalog and retryability', async () => {
    const hover = await hoverAt('javascript', "if (err.code === 'ECONN|RESET') retry();\n");
    assert.ok(hover);
    assert.match(hover, /\*\*ECONNRESET\*\*/);
    assert.match(hover, /Node\.js/);
    assert.match(hover, /Retryable only if/);
    assert.match(hover, /built-in catalog/);
  });

  it('a gRPC constant shows the gRPC catalog entry', async () => {
    const hover = await hoverAt('go', 'package p\n\nfunc f(err error) bool {\n\treturn status.Code(err) == codes.Unavail|able\n}\n');
    assert.ok(hover);
    assert.match(hover, /UNAVAILABLE/);
    assert.match(hover, /`codes\.Unavailable`/);
  });

  it('no hover on a port, a timeout or a number in a string', async () => {
    assert.equal(await hoverAt('python', 'app.run(host="0.0.0.0", port=50|00)\n'), undefined);
    assert.equal(await hoverAt('javascript', 'app.listen(30|00, () => {});\nconst PORT = 8080;\n'), undefined);
    assert.equal(await hoverAt('javascript', 'setTimeout(f, 5|00);\n'), undefined);
    assert.equal(await hoverAt('java', 'class A { void f() { log.info("got 5|03"); } }\n'), undefined);
  });

  it('uses UTF-16 columns after an emoji on the same line', async () => {
    const text = "const note = '🚦 slow down'; if (res.status === 429) wait();\n";
    const column = text.indexOf('429'); // JS string index = UTF-16 code units; the emoji counts 2
    assert.equal([...text.slice(0, column)].length, column - 1, 'the prefix holds one astral character');
    const [occurrence] = await occurrencesOf('typescript', text);
    assert.ok(occurrence);
    assert.deepEqual(occurrence.range, { start: { line: 0, character: column }, end: { line: 0, character: column + 3 } });
    const service = testService();
    const uri = await openDoc('typescript', text, service);
    try {
      assert.match(service.hover(uri, { line: 0, character: column + 1 })?.contents ?? '', /HTTP 429/);
      assert.equal(service.hover(uri, { line: 0, character: column - 2 }), undefined);
    } finally {
      service.close(uri);
    }
  });

  it('finds positions in CRLF text', async () => {
    const text = 'import requests\r\nr = requests.get(u)\r\nif r.status_code == 503:\r\n    pass\r\n';
    const [occurrence] = await occurrencesOf('python', text);
    assert.ok(occurrence);
    assert.equal(occurrence.code, '503');
    assert.deepEqual(occurrence.range.start, { line: 2, character: 20 });
    assert.deepEqual(occurrence.range.end, { line: 2, character: 23 });
    const hover = await hoverAt('python', 'import requests\r\nr = requests.get(u)\r\nif r.status_code == 50|3:\r\n    pass\r\n');
    assert.ok(hover);
    assert.match(hover, /HTTP 503 Service Unavailable/);
  });
});
