/**
 * A `requests.Session()` this file builds and names has no timeout of its own: when two or more of its requests set
 * none, that is one decision, reported once at the construction (the requests as related locations), and the fix
 * sets a timeout on each request. A session with one such request keeps the finding on the request; a session whose
 * requests all set one is silent.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/service/fixes/text';
import { openDoc, testService } from '../support/serviceHarness';

const inventory = (getExtra: string, postExtra: string) => `import requests


class Inventory:
    def __init__(self, base):
        self.base = base
        self.http = requests.Session()
        self.http.headers["Accept"] = "application/json"

    def items(self):
        reply = self.http.get(self.base + "/items"${getExtra})
        reply.raise_for_status()
        return reply.json()

    def add(self, item):
        reply = self.http.post(self.base + "/items", json=item${postExtra})
        reply.raise_for_status()
        return reply.json()
`;

async function timeouts(text: string) {
  const service = testService();
  const uri = await openDoc('python', text, service);
  try {
    const findings = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
    const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
    const actions = service.codeActions(uri, whole, findings).filter((a) => a.fixes?.includes('request-without-timeout'));
    return { findings, actions };
  } finally {
    service.close(uri);
  }
}

describe('request-without-timeout: the requests of a session built in the file', () => {
  it('reports them once, at the Session() the file builds, with each request as a related location', async () => {
    const { findings } = await timeouts(inventory('', ''));
    assert.deepEqual(findings.map((f) => f.range.start.line + 1), [7]);
    assert.deepEqual((findings[0].related ?? []).map((r) => r.range.start.line + 1), [11, 16]);
    assert.match(findings[0].message, /2 requests sent through this session/);
  });

  it('offers one fix that sets a timeout on every request of the session', async () => {
    const text = inventory('', '');
    const { actions } = await timeouts(text);
    const set = actions.filter((a) => /^Set a timeout/.test(a.title));
    assert.deepEqual(set.map((a) => a.title), ['Set a timeout on the 2 requests sent through this session']);
    const fixed = applyEdits(text, set[0].edits ?? []);
    assert.match(fixed, /self\.http\.get\(self\.base \+ "\/items", timeout=30\)/);
    assert.match(fixed, /self\.http\.post\(self\.base \+ "\/items", json=item, timeout=30\)/);
    assert.deepEqual((await timeouts(fixed)).findings, []);
  });

  it('keeps the finding on the request when only one request of the session sets none', async () => {
    const { findings } = await timeouts(inventory('', ', timeout=10'));
    assert.deepEqual(findings.map((f) => f.range.start.line + 1), [11]);
    assert.equal(findings[0].related, undefined);
  });

  it('is silent when every request of the session sets a timeout', async () => {
    assert.deepEqual((await timeouts(inventory(', timeout=10', ', timeout=10'))).findings, []);
  });

  it('reads `with requests.Session() as s` the same way', async () => {
    const text = [
      'import requests',
      '',
      'def sync(urls):',
      '    with requests.Session() as s:',
      '        first = s.get(urls[0])',
      '        second = s.get(urls[1])',
      '        return first.json(), second.json()',
      '',
    ].join('\n');
    const { findings } = await timeouts(text);
    assert.deepEqual(findings.map((f) => f.range.start.line + 1), [4]);
    assert.deepEqual((findings[0].related ?? []).map((r) => r.range.start.line + 1), [5, 6]);
  });

  it('reports module-level requests calls per call, as before', async () => {
    const text = ['import requests', '', 'def a(u):', '    return requests.get(u).json()', '', 'def b(u):', '    return requests.get(u).json()', ''].join('\n');
    assert.deepEqual((await timeouts(text)).findings.map((f) => f.range.start.line + 1), [4, 7]);
  });

  it('keeps the grouped finding right after an edit inside one of the requests (incremental analysis)', async () => {
    const service = testService();
    const text = inventory('', '');
    const uri = await openDoc('python', text, service);
    try {
      assert.equal(service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout').length, 1);
      // `json=item` → `json=item, timeout=5` inside add(): the session's other request still sets none.
      const at = text.indexOf('json=item') + 'json=item'.length;
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - text.lastIndexOf('\n', at - 1) - 1;
      service.update(uri, 2, [{ range: { start: { line, character }, end: { line, character } }, text: ', timeout=5' }]);
      const after = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
      assert.deepEqual(after.map((f) => f.range.start.line + 1), [11]);
      assert.equal(after[0].related, undefined);
    } finally {
      service.close(uri);
    }
  });
});
