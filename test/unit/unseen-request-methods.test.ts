import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import type { LanguageId } from '../../server/src/service/types';
import { openDoc, READS_REPORTED, testService } from '../support/serviceHarness';

/**
 * A request whose method is not written where it is sent (a request object handed in, a custom verb) is a write for
 * no-retry-on-request only when the file shows it is one (server/src/service/diagnostics/unseenMethods.ts).
 */
async function noRetryLines(language: LanguageId, text: string, settings = DEFAULT_SETTINGS): Promise<number[]> {
  const service = testService();
  service.configure(settings);
  const uri = await openDoc(language, text, service);
  try {
    return service.diagnostics(uri).filter((f) => f.rule === 'no-retry-on-request').map((f) => f.range.start.line + 1);
  } finally {
    service.close(uri);
    service.configure(DEFAULT_SETTINGS);
  }
}

const GO = `package mirror

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

type Feed struct{ Method, URL string }

func (m *Mirror) exchange(req *http.Request) (*http.Response, error) {
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("mirror answered %d", resp.StatusCode)
	}
	return resp, nil
}

func (m *Mirror) Latest(ctx context.Context) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.base+"/latest", nil)
	return m.exchange(req)
}

func (m *Mirror) Forward(ctx context.Context, f Feed) error {
	req, _ := http.NewRequestWithContext(ctx, f.Method, f.URL, nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("feed answered %d", resp.StatusCode)
	}
	return nil
}

func (m *Mirror) Expire(ctx context.Context, path string) error {
	req, _ := http.NewRequestWithContext(ctx, "PURGE", m.base+path, nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 400 {
		return fmt.Errorf("purge answered %d", resp.StatusCode)
	}
	return nil
}
`;

const CSHARP = `using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public class TileFetcher
{
    private readonly HttpClient _http;

    public async Task<byte[]> SendAsync(HttpRequestMessage message, CancellationToken token)
    {
        var response = await _http.SendAsync(message, token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException("tile server refused");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task Publish(string url, HttpContent content)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        var response = await _http.SendAsync(message);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException("publish refused");
    }
}
`;

describe('no-retry-on-request: requests whose method the file does not show', () => {
  it('Go: a request object handed in and a custom verb say nothing; a method read from data may write', async () => {
    // exchange(req): its only caller builds a GET, so it is a read; Forward takes its method from the feed; Expire's PURGE is no write.
    assert.deepEqual(await noRetryLines('go', GO), [36]);
  });

  it('Go: with reportReadsWithoutRetry the handed-in request and the custom verb are reported too', async () => {
    assert.deepEqual(await noRetryLines('go', GO, READS_REPORTED), [19, 36, 48]);
  });

  it('C#: a SendAsync forwarding the message it is handed is not named for sending; a POST it builds is a write', async () => {
    assert.deepEqual(await noRetryLines('csharp', CSHARP), [21]);
  });
});
