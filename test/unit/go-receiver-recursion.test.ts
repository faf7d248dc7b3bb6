/**
 * A Go method calling itself through its own receiver, whatever the receiver is named (`monitor.Add(m)` in `func
 * (monitor *Service) Add(m Monitor)`), re-sends by recursion. Its branch is the status test around it, not the tests of
 * what the wait is read from inside (`if retryAfter != ""`, `if err == nil` after parsing it): a 429 that waits
 * Retry-After and calls itself again with nothing counting has no cap, and retries no client error.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const monitor = `package monitors

import (
	"net/http"
	"strconv"
	"time"
)

type Service struct{ client *http.Client }

type Monitor struct{ Name, URL string }

func (monitor *Service) Add(m Monitor) {
	resp, err := monitor.client.Post(m.URL, "application/x-www-form-urlencoded", nil)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		retryAfter := resp.Header.Get("Retry-After")
		if retryAfter != "" {
			seconds, err := strconv.Atoi(retryAfter)
			if err == nil {
				time.Sleep(time.Duration(seconds) * time.Second)
				monitor.Add(m)
			}
		}
	}
}
`;

const capped = monitor.replace('func (monitor *Service) Add(m Monitor) {', 'func (monitor *Service) Add(m Monitor, tries int) {').replace('\t\t\t\tmonitor.Add(m)', '\t\t\t\tmonitor.Add(m, tries+1)').replace('if resp.StatusCode == http.StatusTooManyRequests {', 'if resp.StatusCode == http.StatusTooManyRequests && tries < 3 {');

describe('Go recursion through a named receiver', () => {
  it('reports a 429 re-sent with no cap, and no client error retried', async () => {
    assert.deepEqual(await ruleLines('go', monitor, 'retry-without-backoff'), [19]);
    assert.deepEqual(await ruleLines('go', monitor, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('go', monitor, 'retry-ignores-retry-after'), []);
  });

  it('stays silent when the re-send counts its tries against a bound', async () => {
    assert.deepEqual(await ruleLines('go', capped, 'retry-without-backoff'), []);
  });
});

const transport = `package roundtripper

import (
	"net/http"
	"strconv"
	"time"
)

type rateLimitTransport struct{ inner http.RoundTripper }

func (t *rateLimitTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		time.Sleep(time.Duration(secs) * time.Second)
		return t.RoundTrip(r)
	}
	return resp, nil
}
`;

describe('Go recursion on the wait the server asked for', () => {
  it('reads a re-send under a parsed Retry-After as a rate-limit retry with no cap, retrying no client error', async () => {
    assert.deepEqual(await ruleLines('go', transport, 'retry-without-backoff'), [16]);
    assert.deepEqual(await ruleLines('go', transport, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('go', transport, 'unsafe-retry'), []);
  });
});

const paced = (pace: string) => `package provider

import (
	"fmt"
	"net/http"
	"time"
)

type Provider struct {
	client    *http.Client
	rateLimit time.Duration
}

func (p *Provider) fetch(url string) (*http.Response, error) {
	p.sleep()
	resp, err := p.client.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == 429 {
		time.Sleep(2 * time.Second)
		return p.fetch(url)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp, nil
}
${pace}`;

describe('Go recursion paced by a method of the file', () => {
  it("reads `p.sleep()` that sleeps the provider's fixed pace as the file's own wait: the 429 re-send has no cap and reads no Retry-After", async () => {
    const text = paced('\nfunc (p *Provider) sleep() {\n\ttime.Sleep(p.rateLimit)\n}\n');
    assert.deepEqual(await ruleLines('go', text, 'retry-without-backoff'), [20]);
    assert.deepEqual(await ruleLines('go', text, 'retry-ignores-retry-after'), [20]);
  });

  it('leaves a sleep() the file does not define to the object it belongs to (a policy whose waits are its own)', async () => {
    assert.deepEqual(await ruleLines('go', paced(''), 'retry-without-backoff'), []);
  });
});
