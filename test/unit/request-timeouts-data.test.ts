import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { allTimeoutFacts, timeoutFact, type TimeoutLibrary } from '../../server/src/service/diagnostics/timeouts';

/** server/data/request-timeouts.json: valid, and every library the timeout model reports on is in it, waiting for ever. */
const root = path.resolve(__dirname, '..', '..');
const data = JSON.parse(fs.readFileSync(path.join(root, 'server/data/request-timeouts.json'), 'utf8')) as object;
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/request-timeouts.schema.json'), 'utf8')) as object;

/** The libraries the model in server/src/service/diagnostics/timeouts/ can report (the TimeoutLibrary type). */
const REPORTED: TimeoutLibrary[] = ['requests', 'urllib', 'axios', 'got', 'node-http', 'node-fetch', 'superagent', 'net/http', 'go-cleanhttp', 'go-oauth2', 'HttpURLConnection', 'java.net.http', 'RestTemplate', 'apache-httpclient', 'guzzle', 'curl', 'reqwest'];
/** Reported only when told explicitly to wait for ever. */
const EXPLICIT_ONLY: TimeoutLibrary[] = ['httpx', 'HttpClient'];

describe('request timeouts (server/data/request-timeouts.json)', () => {
  it('is valid against schemas/request-timeouts.schema.json, with distinct ids', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
    const ids = allTimeoutFacts().map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('every library reported for a left-out timeout waits for ever by its documentation', () => {
    for (const id of REPORTED) assert.equal(timeoutFact(id).defaultSeconds, null, id);
  });

  it('libraries reported only for an explicit endless timeout are bounded by default', () => {
    for (const id of EXPLICIT_ONLY) assert.ok((timeoutFact(id).defaultSeconds ?? 0) > 0, id);
    assert.equal(timeoutFact('httpx').defaultSeconds, 5);
    assert.equal(timeoutFact('HttpClient').defaultSeconds, 100);
  });
});
