/**
 * axios calls handed a config the file builds in one place — a local bound to a literal, or a method of the class
 * returning one (`const config = this.getAxiosConfig()`) — are read through to that literal: without a timeout there,
 * every call through it can hang, and the fix puts the timeout in the literal, where it bounds them all.
 */
import * as assert from 'node:assert/strict';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { normalizeSettings } from '../../server/src/service/settings';
import { applyEdits } from '../../server/src/service/fixes/text';
import { ruleLines } from '../support/serviceHarness';

const client = `import axios, { AxiosRequestConfig } from "axios";

export class DeskClient {
  constructor(private apiKey: string, private base: string) {}

  async contacts() {
    const config = this.requestConfig();
    const res = await axios.get(this.base + "/contacts", config);
    return res.data;
  }

  async createTicket(body: unknown) {
    const res = await axios.post(this.base + "/tickets", body, this.requestConfig());
    return res.data;
  }

  private requestConfig(): AxiosRequestConfig {
    const config: AxiosRequestConfig = { auth: { username: this.apiKey, password: "X" }, responseType: "json" };
    return config;
  }
}
`;

const opaque = client.replace('    const config: AxiosRequestConfig = { auth: { username: this.apiKey, password: "X" }, responseType: "json" };\n    return config;', '    return loadSharedConfig(this.apiKey);');

describe('axios configs built once in the file', () => {
  it('reports each call whose config literal has no timeout, and one fix bounds them all', async () => {
    assert.deepEqual(await ruleLines('typescript', client, 'request-without-timeout'), [8, 13]);
    const service = new ErrorCodeLanguageService({ settings: normalizeSettings({ requestTimeoutSeconds: 20 }) });
    const uri = 'file:///unit/desk-client.ts';
    await service.open({ uri, languageId: 'typescript', version: 1, text: client });
    const found = service.diagnostics(uri).filter((f) => f.rule === 'request-without-timeout');
    const fix = service.codeActions(uri, found[0].range, found).find((a) => a.fixes?.includes('request-without-timeout') && !/^Suppress/.test(a.title));
    assert.ok(fix, 'a quick fix sets the timeout');
    const fixed = applyEdits(client, fix.edits);
    assert.match(fixed, /const config: AxiosRequestConfig = \{ timeout: 20000, auth:/);
    service.close(uri);
    assert.deepEqual(await ruleLines('typescript', fixed, 'request-without-timeout'), []);
  });

  it('says nothing of a config that comes from elsewhere', async () => {
    assert.deepEqual(await ruleLines('typescript', opaque, 'request-without-timeout'), []);
  });
});
