import type { Feature } from './feature';

/**
 * textDocument/inlayHint: the reason phrase after bare numeric status codes (`429` ▸ Too Many Requests).
 * `errorCodeInsight.inlayHints` switches them off; the service reads it. When settings change the
 * server asks the client to re-request hints (`workspace/inlayHint/refresh`), if the client supports that.
 */
export const inlayHintsFeature: Feature = {
  name: 'inlay-hints',
  capabilities: { inlayHintProvider: { resolveProvider: false } },
  register({ connection, service, queue, initialized, events }) {
    connection.languages.inlayHint.on(async ({ textDocument, range }, token) => {
      await queue.idle(textDocument.uri);
      if (token.isCancellationRequested) return null;
      return service.inlayHints(textDocument.uri, range).map((h) => ({
        position: h.position,
        label: h.label,
        paddingLeft: h.paddingLeft,
        tooltip: h.tooltip ? { kind: 'markdown' as const, value: h.tooltip } : undefined,
      }));
    });

    let refreshSupported = false;
    let ready = false;
    void initialized.then((params) => {
      refreshSupported = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
      ready = true;
    });
    events.onConfigured(() => {
      if (ready && refreshSupported) {
        connection.languages.inlayHint.refresh().catch((error: unknown) => connection.console.warn(`Error Code Insight: inlay hint refresh failed: ${String(error)}`));
      }
    });
  },
};
