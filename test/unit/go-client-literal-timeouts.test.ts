/**
 * Go: an `&http.Client{}` with no Timeout is unbounded — unless it is handed, in the same call, with a context the
 * function bound to a deadline (`ctx, cancel := context.WithTimeout(…)`; `probe(ctx, &http.Client{})`).
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const handler = (ctxLine: string) => `package probe

import (
	"context"
	"net/http"
	"time"
)

func serve(w http.ResponseWriter, r *http.Request, p *Prober) {
	${ctxLine}
	defer cancel()
	ok, err := p.Probe(ctx, r.URL.Query(), &http.Client{})
	if err != nil || !ok {
		http.Error(w, "probe failed", http.StatusBadGateway)
	}
	_ = time.Second
}
`;

describe('Go client literals handed over with a deadline', () => {
  it('leaves a client handed with a context bound to a timeout', async () => {
    assert.deepEqual(await ruleLines('go', handler('ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)'), 'request-without-timeout'), []);
  });

  it('still reports one handed with a context that cannot expire', async () => {
    assert.deepEqual(await ruleLines('go', handler('ctx, cancel := context.WithCancel(context.Background())'), 'request-without-timeout'), [12]);
  });
});
