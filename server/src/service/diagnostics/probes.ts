import type { FnInfo } from './flow/flowModel';

/**
 * A function named for checking that something answers (`healthCheck`, `ping`, `probe_endpoint`, `verifyCredentials`,
 * `test_connection`, `GetAvailabilityAsync`): its failure is the answer it was asked for, and a retry would hide it.
 * An unnamed function is named by the one it is written in (`func (c *Client) ReadinessCheck() Check { return
 * func() error { … } }`, `healthCheck: async () => { … }` in a probe's builder).
 */
export function isProbe(fn: FnInfo | undefined): boolean {
  let named = fn;
  while (named && !named.name && named.parent) named = named.parent;
  return PROBE_NAME.test(named?.name ?? '');
}

const PROBE_NAME = /health|heartbeat|^_?ping|probe|liveness|readiness|is_?alive|connectivity|availab|(test|check|verify|validate)_?(connection|credentials|token|api_?key|access|auth)/i;
