/**
 * no-retry-on-request: an error that carries the status to the caller, in the shapes SDK transports write it — an
 * options object handed to the error's constructor, the status set on a plain error before it is thrown,
 * `Object.assign` onto an error, a Go error wrapped around a composite that keeps the status, a C# cast of the status —
 * leaves the decision to the caller as a typed error does. A plain error whose message alone names the status does not.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const ts = (giveUp: string): string => `export class ApiError extends Error {
  constructor(readonly init: { status: number; body: string }) { super('api ' + init.status); }
}

export async function createWidget(base: string, widget: unknown): Promise<unknown> {
  const res = await fetch(base + '/widgets', { method: 'POST', body: JSON.stringify(widget) });
  if (!res.ok) {
    ${giveUp}
  }
  return res.json();
}
`;

const go = (giveUp: string): string => `package widgets

import (
	"bytes"
	"fmt"
	"net/http"
)

type HTTPError struct{ Code int }

func (e *HTTPError) Error() string { return fmt.Sprintf("http %d", e.Code) }

func CreateWidget(url string, body []byte) error {
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		${giveUp}
	}
	return nil
}
`;

const csharp = (giveUp: string): string => `using System.Net.Http;
using System.Threading.Tasks;

public class WidgetClient
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<string> CreateAsync(string body)
    {
        var response = await _http.PostAsync("widgets", new StringContent(body));
        if (!response.IsSuccessStatusCode)
        {
            ${giveUp}
        }
        return await response.Content.ReadAsStringAsync();
    }
}
`;

const python = (giveUp: string): string => [
  'import requests',
  '',
  'class WidgetError(Exception):',
  '    pass',
  '',
  'def create_widget(url, widget):',
  '    r = requests.post(url, json=widget, timeout=10)',
  '    if r.status_code != 201:',
  `        ${giveUp}`,
  '    return r.json()',
].join('\n');

describe('no-retry-on-request: errors that carry the status, as SDK transports write them', () => {
  it('TypeScript: an options object, a property set before the throw, Object.assign — handed on', async () => {
    assert.deepEqual(await ruleLines('typescript', ts('throw new ApiError({ status: res.status, body: await res.text() });'), 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('typescript', ts("const err: any = new Error('widget failed');\n    err.status = res.status;\n    throw err;"), 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('typescript', ts("throw Object.assign(new Error('widget failed'), { status: res.status });"), 'no-retry-on-request'), []);
  });

  it('TypeScript: the status only in the message, or set on an error that is not the one thrown, still gives up', async () => {
    assert.deepEqual(await ruleLines('typescript', ts('throw new Error(`widget failed: ${res.status}`);'), 'no-retry-on-request'), [7]);
    assert.deepEqual(await ruleLines('typescript', ts("const note: any = {};\n    note.status = res.status;\n    throw new Error('widget failed');"), 'no-retry-on-request'), [7]);
  });

  it('Go: an error wrapping a composite that keeps the status is handed on; one with it in the text is not', async () => {
    assert.deepEqual(await ruleLines('go', go('return fmt.Errorf("create widget: %w", &HTTPError{Code: resp.StatusCode})'), 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('go', go('return fmt.Errorf("create widget: status %d", resp.StatusCode)'), 'no-retry-on-request'), [19]);
  });

  it('C#: a cast of the status handed to the error counts as the status', async () => {
    assert.deepEqual(await ruleLines('csharp', csharp('throw new WidgetApiException((int)response.StatusCode, "widget failed");'), 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('csharp', csharp('throw new InvalidOperationException("widget failed");'), 'no-retry-on-request'), [11]);
  });

  it('Python: a dict of the status handed to the error is handed on', async () => {
    assert.deepEqual(await ruleLines('python', python('raise WidgetError({"status": r.status_code, "body": r.text})'), 'no-retry-on-request'), []);
    assert.deepEqual(await ruleLines('python', python('raise WidgetError(f"widget failed: {r.status_code}")'), 'no-retry-on-request'), [8]);
  });
});
