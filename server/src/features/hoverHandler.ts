import { MarkupKind } from 'vscode-languageserver/node';
import type { Feature } from './feature';

/** textDocument/hover: the catalog's explanation of the code under the cursor. */
export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: { hoverProvider: true },
  register({ connection, service, queue }) {
    connection.onHover(async ({ textDocument, position }, token) => {
      await queue.idle(textDocument.uri);
      if (token.isCancellationRequested) return null;
      const hover = service.hover(textDocument.uri, position);
      return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range } : null;
    });
  },
};
