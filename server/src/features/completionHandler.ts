import { CompletionItem, CompletionItemKind, MarkupKind } from 'vscode-languageserver/node';
import type { CompletionEntry } from '../service/completion';
import type { Feature } from './feature';

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  status: CompletionItemKind.Value,
  constant: CompletionItemKind.Constant,
  'error-code': CompletionItemKind.EnumMember,
};

/**
 * textDocument/completion: status codes after `status_code ==`, `res.status(`, `case `, in retry lists
 * and .http asserts/status lines; error codes inside `err.code === '…'`. Nothing anywhere else.
 */
export const completionFeature: Feature = {
  name: 'completion',
  capabilities: { completionProvider: { triggerCharacters: [' ', '(', '[', '{', ',', '=', "'", '"'], resolveProvider: false } },
  register({ connection, service, queue }) {
    connection.onCompletion(async ({ textDocument, position }, token) => {
      await queue.idle(textDocument.uri);
      if (token.isCancellationRequested) return null;
      const entries = service.completions(textDocument.uri, position);
      if (entries.length === 0) return null;
      return { isIncomplete: false, items: entries.map(toItem) };
    });
  },
};

function toItem(e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    labelDetails: { description: e.detail },
    kind: KIND[e.kind],
    detail: e.detail,
    documentation: { kind: MarkupKind.Markdown, value: e.documentation },
    sortText: e.sortText,
    filterText: e.label,
    textEdit: { range: e.range, newText: e.insertText },
  };
}
