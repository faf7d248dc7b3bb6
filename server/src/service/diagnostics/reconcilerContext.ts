import type { FileFlow } from './flow/flowModel';

/**
 * Code a reconciling framework calls again on failure: an external-dns provider or webhook (`Records`,
 * `ApplyChanges`: the next sync asks again), a controller-runtime reconciler (an error requeues the object with
 * backoff), a cert-manager ACME webhook solver (`Present`/`CleanUp` are retried while the challenge is pending), a
 * client-go workqueue consumer. An error such code returns is retried by the framework, so a request that fails with
 * an error handed back is not lost; one whose failure is only logged (the error swallowed, `return nil`) still is.
 * Known by the file's imports of those frameworks.
 */
const RECONCILER_IMPORT = /^(sigs\.k8s\.io\/external-dns(\/|$)|sigs\.k8s\.io\/controller-runtime(\/|$)|github\.com\/cert-manager\/cert-manager\/pkg\/acme\/webhook|github\.com\/jetstack\/cert-manager\/pkg\/acme\/webhook|k8s\.io\/client-go\/util\/workqueue$)/;

const cache = new WeakMap<FileFlow, boolean>();

export function reconciledByFramework(flow: FileFlow): boolean {
  let answer = cache.get(flow);
  if (answer === undefined) {
    answer = flow.grammarName === 'go' && flow.imports.some((m) => RECONCILER_IMPORT.test(m));
    cache.set(flow, answer);
  }
  return answer;
}
