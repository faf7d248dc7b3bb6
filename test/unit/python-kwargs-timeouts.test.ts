/**
 * A requests wrapper that hands its `**kwargs` on (`requests.request(method, url, **kwargs)`) is silent when the
 * file names a timeout somewhere — a caller or a convenience method may pass one through — and reported when nothing
 * in the file ever does: no timeout reaches the call from here.
 */
import * as assert from 'node:assert/strict';
import { openDoc, testService, ruleLines } from '../support/serviceHarness';

const wrapper = `import requests


class StationApi:
    base = "https://stations.example.test/v1"

    def request(self, path, method="get", **kwargs):
        headers = kwargs.pop("headers", {})
        headers["X-Key"] = "k"
        return requests.request(method, self.base + path, headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.request(path, "get", **kwargs)

    def readings(self, station):
        return self.get(f"/stations/{station}/readings", params={"limit": 50}).json()
`;

const withTimeout = wrapper.replace('    def get(self, path, **kwargs):\n', '    def get(self, path, **kwargs):\n        kwargs.setdefault("timeout", 10)\n');
const withSetting = wrapper.replace('class StationApi:\n', 'API_TIMEOUT = 15\n\n\nclass StationApi:\n');

describe('requests wrappers handing **kwargs on', () => {
  it('reports the call when the file never names a timeout', async () => {
    assert.deepEqual(await ruleLines('python', wrapper, 'request-without-timeout'), [10]);
  });

  it('stays silent when a timeout is set on the way, or a timeout setting exists', async () => {
    assert.deepEqual(await ruleLines('python', withTimeout, 'request-without-timeout'), []);
    assert.deepEqual(await ruleLines('python', withSetting, 'request-without-timeout'), []);
  });

  it('offers no edit beside **kwargs, where a timeout a caller passes would clash', async () => {
    const service = testService();
    const uri = await openDoc('python', wrapper, service);
    const found = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
    assert.equal(found.length, 1);
    const fix = service.codeActions(uri, found[0].range, found).find((a) => a.fixes?.includes('request-without-timeout') && !/^Suppress/.test(a.title));
    assert.equal(fix, undefined);
    service.close(uri);
  });
});
