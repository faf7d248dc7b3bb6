import { strict as assert } from 'node:assert';
import { openDoc, testService, withReadsReported } from '../support/serviceHarness';
import type { LanguageId } from '../../server/src/service/types';

async function rulesOf(languageId: LanguageId, text: string, rule: string): Promise<number[]> {
  const service = testService();
  const uri = await openDoc(languageId, text, service);
  const lines = service.diagnostics(uri).filter((f) => f.rule === rule).map((f) => f.range.start.line + 1);
  service.close(uri);
  return lines;
}

/** A probe handed out as a closure: the closure is named by the function that builds it. */
const PROBE_BUILDER = `package status

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

type Check func() error

type Mirror struct {
	client *http.Client
	base   string
}

func (m *Mirror) LivenessCheck(ctx context.Context) Check {
	return func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.base+"/ping", nil)
		if err != nil {
			return err
		}
		resp, err := m.client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("mirror answered %d", resp.StatusCode)
		}
		return nil
	}
}

func (m *Mirror) Manifest(ctx context.Context) Check {
	return func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.base+"/manifest", nil)
		if err != nil {
			return err
		}
		resp, err := m.client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("manifest answered %d", resp.StatusCode)
		}
		return nil
	}
}

var _ = time.Second
`;

/** A decorated retry of a 403 raised from a call to GitHub's API, which answers a rate limit with 403. */
const GITHUB_403 = `import requests
from tenacity import retry, stop_after_attempt, wait_exponential, TryAgain

API = "https://api.github.com"


@retry(stop=stop_after_attempt(4), wait=wait_exponential(multiplier=1, max=30))
def release_notes(owner, repo, tag):
    resp = requests.get(f"{API}/repos/{owner}/{repo}/releases/tags/{tag}", timeout=10)
    if resp.status_code == 403:
        raise TryAgain
    if resp.status_code != 200:
        return None
    return resp.json()["body"]
`;

/** An availability check: a refused connection is the answer it reports, not a failure to retry. */
const AVAILABILITY = `public class StatusPage
{
    private readonly HttpClient _http;
    public StatusPage(HttpClient http) { _http = http; }

    public async Task<bool> CheckAvailabilityAsync(string url, CancellationToken ct)
    {
        try
        {
            return (await _http.GetAsync(url, ct)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<string?> FetchBannerAsync(string url, CancellationToken ct)
    {
        try
        {
            return await _http.GetStringAsync(url, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
`;

describe('probe closures and GitHub 403s', () => {
  withReadsReported();
  it('retryable-treated-as-final: an availability check answers with the failure; a fetch that drops it does not', async () => {
    const lines = await rulesOf('csharp', AVAILABILITY, 'retryable-treated-as-final');
    assert.ok(lines.every((l) => l > 17), `nothing in CheckAvailabilityAsync: ${lines}`);
    assert.ok(lines.some((l) => l > 17), `FetchBannerAsync still gives the failure up: ${lines}`);
  });

  it('no-retry-on-request: a closure built by a liveness check is the probe; one built by another function is not', async () => {
    const lines = await rulesOf('go', PROBE_BUILDER, 'no-retry-on-request');
    assert.ok(lines.every((l) => l > 35), `nothing in LivenessCheck's closure: ${lines}`);
    assert.ok(lines.some((l) => l > 35), `Manifest's closure is still read: ${lines}`);
  });

  it('non-retryable-retried: a decorated retry of the 403 of a GitHub API call is a rate-limit retry', async () => {
    assert.deepEqual(await rulesOf('python', GITHUB_403, 'non-retryable-retried'), []);
    const elsewhere = GITHUB_403.replace('https://api.github.com', 'https://registry.example.net');
    assert.deepEqual(await rulesOf('python', elsewhere, 'non-retryable-retried'), [7], 'the same retry of another API’s 403 repeats a refusal');
  });
});
