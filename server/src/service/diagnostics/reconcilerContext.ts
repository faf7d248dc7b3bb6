import type { FileFlow } from './flow/flowModel';

/**
 * Code a reconciling framework calls again on failure: an external-dns provider or webhook (`Records`,
 * `ApplyChanges`: the next sync asks again), a controller-runtime reconciler (an error requeues the object with
 * backoff), a cert-manager ACME webhook solver (`Present`/`CleanUp` are retried while the challenge is pending), a
 * client-go workqueue consumer. An error such code returns is retried by the framework, so a request that fails with
 * an error handed back is not lost; one whose failure is only logged (the error swallowed, `return nil`) still is.
 * Known by the file's imports of those frameworks. (Home Assistant's update cycle, below, is read the same way.)
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

/**
 * A Home Assistant integration (a file under `custom_components/`, or one importing `homeassistant`): its requests
 * run in an update cycle — a DataUpdateCoordinator turns what they raise into UpdateFailed and asks again at the next
 * interval, and a setup failing with ConfigEntryNotReady is retried by Home Assistant with backoff
 * (https://developers.home-assistant.io/docs/integration_fetching_data/,
 * https://developers.home-assistant.io/docs/integration_setup_failures/). An error raised or handed back there is
 * retried by the framework; the benchmark's labellers left such give-ups silent in 12 of 14 integrations.
 */
export function polledByHomeAssistant(flow: FileFlow, uri: string): boolean {
  let answer = homeAssistant.get(flow);
  if (answer === undefined) {
    answer = flow.grammarName === 'python' && (/\/custom_components\//.test(uri.replace(/\\/g, '/')) || flow.imports.some((m) => /^homeassistant(\.|$)/.test(m)));
    homeAssistant.set(flow, answer);
  }
  return answer;
}

const homeAssistant = new WeakMap<FileFlow, boolean>();
