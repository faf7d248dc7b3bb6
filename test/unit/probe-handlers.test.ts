/**
 * A health, readiness or liveness probe's 503 tells an orchestrator to route elsewhere; no client waits on it, so it
 * needs no Retry-After — whether the handler is named for it, registered on the probe's route, or in a file named for it.
 */
import * as assert from 'node:assert/strict';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import { ruleLines } from '../support/serviceHarness';

const ROUTES = `import express from 'express';

const router = express.Router();

router.get('/healthz', async (req, res) => {
  const ok = await checkDatabase();
  if (!ok) res.status(503);
  res.json({ ok });
});

router.get('/orders', async (req, res) => {
  if (await overloaded()) return res.status(503).json({ error: 'busy' });
  res.json(await listOrders());
});

export default router;
`;

describe('probe handlers', () => {
  it('leaves the 503 of an anonymous handler on a probe route, reports the one on an API route', async () => {
    assert.deepEqual(await ruleLines('typescript', ROUTES, 'missing-retry-after'), [12]);
  });

  it('leaves an anonymous handler in a file named for a health endpoint', async () => {
    const text = "export default (router) => {\n  router.get('/', (req, res) => {\n    if (!ready()) res.status(503);\n    res.json({ ready: ready() });\n  });\n};\n";
    const open = async (uri: string) => {
      const service = new ErrorCodeLanguageService();
      await service.open({ uri, languageId: 'typescript', version: 1, text });
      return service.diagnostics(uri).filter((d) => d.rule === 'missing-retry-after').map((d) => d.range.start.line + 1);
    };
    assert.deepEqual(await open('file:///w/extensions/server-health-endpoint/src/index.ts'), []);
    assert.deepEqual(await open('file:///w/extensions/orders-endpoint/src/index.ts'), [3]);
  });

  it('leaves a named handler in a file named for a probe (a Rails healthcheck controller\'s index)', async () => {
    const text = 'class HealthcheckController < ApplicationController\n  def index\n    status = ok? ? nil : :service_unavailable\n    render status:, json: checks\n  end\nend\n';
    const open = async (uri: string) => {
      const service = new ErrorCodeLanguageService();
      await service.open({ uri, languageId: 'ruby', version: 1, text });
      return service.diagnostics(uri).filter((d) => d.rule === 'missing-retry-after').map((d) => d.range.start.line + 1);
    };
    assert.deepEqual(await open('file:///w/app/controllers/healthcheck_controller.rb'), []);
    assert.deepEqual(await open('file:///w/app/controllers/orders_controller.rb'), [3]);
  });
});

describe('503 for an administrative state', () => {
  const handler = (condition: string) => `package server

import "net/http"

func (s *Server) handleReceiver(w http.ResponseWriter, r *http.Request) {
	receiver := s.lookup(r)
	if ${condition} {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	s.process(w, r, receiver)
}
`;

  it('leaves a 503 answered because the resource is suspended', async () => {
    assert.deepEqual(await ruleLines('go', handler('receiver.Spec.Suspend'), 'missing-retry-after'), []);
  });

  it('reports a 503 answered because the server is busy', async () => {
    assert.deepEqual(await ruleLines('go', handler('s.queue.Full()'), 'missing-retry-after'), [8]);
  });
});
