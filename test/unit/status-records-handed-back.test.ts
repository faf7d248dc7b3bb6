/**
 * no-retry-on-request: a failure branch that hands its caller a record carrying the response's status (a dict, an
 * object, a hash, a PHP array, a Go struct or map literal) gives the caller what a typed error would — it can tell a 503
 * from a 404 and send again. A record that keeps only a sentence, or one an anonymous callback hands to the code right
 * around it, still gives the write up.
 */
import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const lines = (language: Parameters<typeof ruleLines>[0], text: string): Promise<number[]> => ruleLines(language, text, 'no-retry-on-request');

const python = [
  'import requests',
  '',
  'class Relay:',
  '    def push_item(self, url, item):',
  '        reply = requests.post(url, json=item, timeout=20)',
  '        if reply.status_code >= 400:',
  '            return {"failed": True, "status_code": reply.status_code, "detail": reply.text[:200]}',
  '        return {"failed": False}',
  '',
  '    def stream_answer(self, url, body):',
  '        reply = requests.post(url, json=body, timeout=60, stream=True)',
  '        if reply.status_code >= 400:',
  '            yield {',
  '                "error": {"message": reply.text[:300]},',
  '                # the status is what callers branch on',
  '                "status_code": reply.status_code,',
  '            }',
  '            return',
  '        for chunk in reply.iter_lines():',
  '            yield chunk',
  '',
  'def queue_job(url, job):',
  '    r = requests.post(url, json=job, timeout=20)',
  '    if r.status_code != 200:',
  '        return {"ok": False, "error": f"job rejected with {r.status_code}"}',
  '    return {"ok": True}',
].join('\n');

const typescript = `export async function deliverEvent(hookUrl: string, event: unknown) {
  const res = await fetch(hookUrl, { method: 'POST', body: JSON.stringify(event) });
  if (!res.ok) {
    return { failed: true, status: res.status, retryAfter: res.headers.get('retry-after') };
  }
  return { failed: false };
}

export async function postComment(api: string, text: string) {
  const res = await fetch(api, { method: 'POST', body: JSON.stringify({ text }) });
  if (!res.ok) {
    return { failed: true, message: \`comment failed: \${res.status}\` };
  }
  return { failed: false };
}

export async function fanOut(hooks: string[], payload: unknown): Promise<number> {
  const outcomes = await Promise.allSettled(
    hooks.map(async (url) => {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(payload) });
      if (!res.ok) {
        return { success: false, url, status: res.status };
      }
      return { success: true, url };
    }),
  );
  return outcomes.length;
}
`;

const go = `package relay

import (
	"bytes"
	"fmt"
	"net/http"
)

type Outcome struct {
	Code int
	Err  error
}

func SendRecord(url string, body []byte) Outcome {
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return Outcome{Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Outcome{Code: resp.StatusCode, Err: fmt.Errorf("send failed")}
	}
	return Outcome{Code: resp.StatusCode}
}

func PushRecord(url string, body []byte) (map[string]any, error) {
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return map[string]any{"status": resp.StatusCode}, fmt.Errorf("push failed")
	}
	return map[string]any{"ok": true}, nil
}

func StoreRecord(url string, body []byte) error {
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("store failed: %d", resp.StatusCode)
	}
	return nil
}
`;

const ruby = `require 'net/http'
require 'json'

class Forwarder
  def forward_order(uri, order)
    res = Net::HTTP.post(uri, order.to_json, 'Content-Type' => 'application/json')
    unless res.is_a?(Net::HTTPSuccess)
      return { failed: true, status: res.code.to_i, retry_after: res['Retry-After'] }
    end
    { failed: false }
  end

  def forward_refund(uri, refund)
    res = Net::HTTP.post(uri, refund.to_json, 'Content-Type' => 'application/json')
    unless res.is_a?(Net::HTTPSuccess)
      return { failed: true, error: "refund failed #{res.code}" }
    end
    { failed: false }
  end
end
`;

const php = `<?php
use GuzzleHttp\\Client;

class Pusher
{
    public function pushLead(array $lead): array
    {
        $client = new Client(['http_errors' => false, 'timeout' => 10]);
        $response = $client->post('https://crm.example.test/leads', ['json' => $lead]);
        if ($response->getStatusCode() >= 400) {
            return ['failed' => true, 'status' => $response->getStatusCode()];
        }
        return ['failed' => false];
    }

    public function pushNote(array $note): array
    {
        $client = new Client(['http_errors' => false, 'timeout' => 10]);
        $response = $client->post('https://crm.example.test/notes', ['json' => $note]);
        if ($response->getStatusCode() >= 400) {
            return ['failed' => true, 'error' => 'note failed'];
        }
        return ['failed' => false];
    }
}
`;

describe('no-retry-on-request: records that carry the status back', () => {
  it('Python: a dict with the status, returned or yielded before a bare return, is handed on; a sentence is not', async () => {
    assert.deepEqual(await lines('python', python), [24]);
  });

  it('TypeScript: an object with the status is handed on; a message is not, nor a callback\'s record collected right there', async () => {
    assert.deepEqual(await lines('typescript', typescript), [11, 21]);
  });

  it('Go: a struct or map literal with the status is handed on; fmt.Errorf with it in the text is not', async () => {
    assert.deepEqual(await lines('go', go), [44]);
  });

  it('Ruby: a hash with the status is handed on; one with a sentence is not', async () => {
    assert.deepEqual(await lines('ruby', ruby), [15]);
  });

  it('PHP: an array with the status is handed on; one with a sentence is not', async () => {
    assert.deepEqual(await lines('php', php), [20]);
  });
});
