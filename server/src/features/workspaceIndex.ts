import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summariseFile } from '../cli/checkFiles';
import { languageForPath } from '../service/parsing/grammars';
import type { ServerContext } from '../server';
import { LIBRARY_PATH } from '../service/workspace/workspaceIndex';
import type { Feature } from './feature';

/** An edit's summary is taken this long after its diagnostics, so typing never waits for it. */
const SUMMARY_DELAY_MS = 300;

/**
 * The workspace index (#16) kept current in the server: an open document is summarised shortly after
 * each analysis, a watched source file when it changes on disk (deleted: forgotten), and the workspace
 * scan summarises every file it reads (workspaceScan.ts). When a summary changes, the open documents
 * that import the file or that it imports (their callers or callees) are analysed again; an edit that
 * changes no summary re-checks nothing else.
 */
export const workspaceIndexFeature: Feature = {
  name: 'workspace-index',
  capabilities: {},
  register(context) {
    const timers = new Map<string, NodeJS.Timeout>();
    context.events.onAnalysed((uri) => {
      clearTimeout(timers.get(uri));
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          void context.queue.run(uri, () => {
            if (!context.service.documents.get(uri) || !context.service.indexDocument(uri)) return;
            // Its own view may change too (the first summary of a document gives it one): a cached analysis is reused when not.
            context.diagnostics.schedule(uri, 0);
            recheckRelated(context, uri);
          });
        }, SUMMARY_DELAY_MS),
      );
    });
    context.events.onWatchedFiles((changes) => {
      for (const change of changes) {
        if (!change.uri.startsWith('file:') || context.service.documents.get(change.uri)) continue;
        const path = fileURLToPath(change.uri);
        const language = languageForPath(path);
        if (!language || language === 'http' || LIBRARY_PATH.test(change.uri)) continue;
        if (change.type === 3) {
          if (context.service.workspace.remove(change.uri)) recheckRelated(context, change.uri);
          continue;
        }
        void context.queue.run(change.uri, async () => {
          if (context.service.documents.get(change.uri)) return;
          let text: string;
          try {
            text = await fs.promises.readFile(path, 'utf8');
          } catch {
            return;
          }
          const summary = await summariseFile(context.service, path, language, text);
          if (summary && context.service.workspace.set(summary)) recheckRelated(context, change.uri);
        });
      }
    });
  },
};

/** Re-checks the open documents that depend on `uri` or that `uri` depends on (callers and callees). */
export function recheckRelated(context: ServerContext, uri: string): void {
  const index = context.service.workspace;
  for (const open of context.service.documents.openUris()) {
    if (open !== uri && (index.dependsOn(open, uri) || index.dependsOn(uri, open))) context.diagnostics.schedule(open, 0);
  }
}
