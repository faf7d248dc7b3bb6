import type { ServerContext } from '../server';
import type { TextChange } from '../service/parsing/documentTrees';
import { LanguageId, SUPPORTED_LANGUAGES } from '../service/types';
import { describe } from './diagnosticsPublisher';

/**
 * textDocument/didOpen, didChange, didClose. Every operation on a document runs in its queue, in
 * arrival order; documents over the size limit are kept as text only and reported as skipped.
 */
export function registerDocumentSync(context: ServerContext): void {
  const { connection, service, queue, diagnostics, skipped } = context;

  /** (Re)opens a document from its whole text, or parks it as skipped when it is too large. */
  async function load(uri: string, languageId: LanguageId, version: number, text: string): Promise<void> {
    const limit = service.getSettings().maxFileSize;
    try {
      if (text.length > limit) {
        skipped.set(uri, text);
        await service.open({ uri, languageId, version, text: '' });
      } else {
        skipped.delete(uri);
        await service.open({ uri, languageId, version, text });
      }
    } catch (error) {
      connection.console.error(`Error Code Insight: could not open ${uri}: ${describe(error)}`);
    }
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const languageId = textDocument.languageId as LanguageId;
    if (!SUPPORTED_LANGUAGES.includes(languageId)) return;
    void queue.run(textDocument.uri, () => load(textDocument.uri, languageId, textDocument.version, textDocument.text));
    diagnostics.schedule(textDocument.uri, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const uri = textDocument.uri;
    void queue.run(uri, async () => {
      const doc = service.documents.get(uri);
      if (!doc) return;
      const ranged = contentChanges.filter((c): c is TextChange => 'range' in c && c.range !== undefined);
      const full = contentChanges.length > 0 && ranged.length < contentChanges.length ? contentChanges[contentChanges.length - 1].text : undefined;
      if (full !== undefined && ranged.length === 0) {
        await load(uri, doc.languageId, textDocument.version, full);
      } else if (skipped.has(uri)) {
        await load(uri, doc.languageId, textDocument.version, skipped.apply(uri, ranged) ?? '');
      } else if (doc.text.length + ranged.reduce((n, c) => n + c.text.length, 0) > service.getSettings().maxFileSize) {
        // It may grow past the limit: apply the edits as text first, so an oversized document is never parsed.
        skipped.set(uri, doc.text);
        await load(uri, doc.languageId, textDocument.version, skipped.apply(uri, ranged) ?? '');
      } else {
        const updated = service.update(uri, textDocument.version, ranged);
        if (updated && updated.text.length > service.getSettings().maxFileSize) {
          await load(uri, doc.languageId, textDocument.version, updated.text);
        }
      }
    });
    diagnostics.schedule(uri);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    void queue.run(textDocument.uri, () => {
      service.close(textDocument.uri);
      skipped.delete(textDocument.uri);
    });
    diagnostics.clear(textDocument.uri);
  });
}
