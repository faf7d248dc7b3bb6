/**
 * Go: a client whose Transport is an `http.Transport{…}` of the file's own with no timeout and no dialer is as
 * unbounded as one with no Transport (a zero Transport has neither DefaultTransport's dial nor its TLS-handshake
 * timeout); `resty.New()` hands back a client with no timeout until `SetTimeout` is called on it.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const inventory = (transport: string, client: string) => `package inventory

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

type Store struct{ web *http.Client }

func Open(skipVerify bool) *Store {
	${transport}
	return &Store{web: ${client}}
}

func (s *Store) Items(u string) (*http.Response, error) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	_ = net.IPv4len
	_ = time.Second
	_ = tls.VersionTLS12
	return s.web.Do(req)
}
`;

const rest = (setup: string) => `package rest

import "github.com/go-resty/resty/v2"

func Client(base string) *resty.Client {
	${setup}
}
`;

describe('Go transports and resty clients that bound nothing', () => {
  it('reports a client over a named Transport that only sets TLS options', async () => {
    const code = inventory('shop := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: skipVerify}}', '&http.Client{Transport: shop}');
    assert.deepEqual(await ruleLines('go', code, 'request-without-timeout'), [14]);
  });

  it('reports a Transport written in the client literal with no timeout', async () => {
    const code = inventory('_ = skipVerify', '&http.Client{Transport: &http.Transport{MaxIdleConns: 4}}');
    assert.deepEqual(await ruleLines('go', code, 'request-without-timeout'), [14]);
  });

  it('leaves a Transport that sets a header timeout or a dialer', async () => {
    const header = inventory('shop := &http.Transport{ResponseHeaderTimeout: 20 * time.Second}', '&http.Client{Transport: shop}');
    assert.deepEqual(await ruleLines('go', header, 'request-without-timeout'), []);
    const dialer = inventory('shop := &http.Transport{DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}', '&http.Client{Transport: shop}');
    assert.deepEqual(await ruleLines('go', dialer, 'request-without-timeout'), []);
  });

  it('leaves a named Transport the file gives a timeout later, or binds twice', async () => {
    const later = inventory('shop := &http.Transport{}\n\tshop.TLSHandshakeTimeout = 5 * time.Second', '&http.Client{Transport: shop}');
    assert.deepEqual(await ruleLines('go', later, 'request-without-timeout'), []);
    const twice = inventory('shop := &http.Transport{}\n\tif skipVerify {\n\t\tshop = newTunedTransport()\n\t}', '&http.Client{Transport: shop}');
    assert.deepEqual(await ruleLines('go', twice, 'request-without-timeout'), []);
  });

  it('reports resty.New() with no SetTimeout, chained or kept', async () => {
    assert.deepEqual(await ruleLines('go', rest('return resty.New().SetBaseURL(base)'), 'request-without-timeout'), [6]);
    assert.deepEqual(await ruleLines('go', rest('c := resty.New()\n\tc.SetBaseURL(base)\n\treturn c'), 'request-without-timeout'), [6]);
  });

  it('leaves resty clients given a timeout', async () => {
    assert.deepEqual(await ruleLines('go', rest('return resty.New().SetBaseURL(base).SetTimeout(10 * time.Second)'), 'request-without-timeout'), []);
    assert.deepEqual(await ruleLines('go', rest('c := resty.New()\n\tc.SetTimeout(10 * time.Second)\n\treturn c'), 'request-without-timeout'), []);
    // A chain broken after its dots, with a comment between its links.
    assert.deepEqual(await ruleLines('go', rest('return resty.New().\n\t\tSetTimeout(time.Minute).\n\t\t// retries\n\t\tSetRetryCount(3)'), 'request-without-timeout'), []);
  });
});
