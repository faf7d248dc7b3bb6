import { CodesChangedNotification, type ParamsOf, type ResultOf, WorkspaceCodesRequest } from '../protocol/customMessages';
import { CodeIndex } from '../service/conveniences/codeIndex';
import type { ServerContext } from '../server';
import type { Feature } from './feature';

const CHANGE_DEBOUNCE_MS = 500;

/**
 * The workspace's codes for the client's Error Codes view. The scan fills the index for files that
 * are not open; open documents are (re)indexed lazily after each diagnostics run, and the client is
 * told (debounced) that the codes changed.
 */
export class WorkspaceCodes {
  readonly index = new CodeIndex();
  scanned = false;
  private readonly dirtyOpen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private pendingReason: ParamsOf<typeof CodesChangedNotification.type>['reason'] = 'edit';

  constructor(private readonly context: ServerContext) {}

  /** An open document was analysed again. */
  noteOpenChanged(uri: string): void {
    this.dirtyOpen.add(uri);
    this.changed('edit');
  }

  /** Schedules one `errorCodeInsight/codesChanged`; a scan's reason wins over edits in the same window. */
  changed(reason: ParamsOf<typeof CodesChangedNotification.type>['reason'], delay = CHANGE_DEBOUNCE_MS): void {
    if (reason === 'scan') this.pendingReason = 'scan';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const params: ParamsOf<typeof CodesChangedNotification.type> = { reason: this.pendingReason };
      this.pendingReason = 'edit';
      void this.context.connection.sendNotification(CodesChangedNotification.method, params);
    }, delay);
  }

  /** Re-indexes the open documents that changed since the last request. */
  async refreshOpen(): Promise<void> {
    const { service, queue } = this.context;
    const uris = [...this.dirtyOpen];
    this.dirtyOpen.clear();
    for (const uri of uris) {
      await queue.idle(uri);
      const doc = service.documents.get(uri);
      if (!doc) continue;
      try {
        this.index.set(uri, service.occurrences(uri), service.diagnostics(uri), (line) => doc.lines.lineText(line));
      } catch (error) {
        this.context.connection.console.error(`Error Code Insight: indexing ${uri} failed: ${String(error)}`);
      }
    }
  }
}

const instances = new WeakMap<ServerContext, WorkspaceCodes>();

/** The one WorkspaceCodes of a server, shared by the scan and the view request. */
export function workspaceCodesFor(context: ServerContext): WorkspaceCodes {
  let codes = instances.get(context);
  if (!codes) {
    codes = new WorkspaceCodes(context);
    instances.set(context, codes);
  }
  return codes;
}

/** `errorCodeInsight/workspaceCodes`: codes grouped by code, each with its places and how they are handled. */
export const workspaceCodesFeature: Feature = {
  name: 'workspace-codes',
  capabilities: {},
  register(context) {
    const codes = workspaceCodesFor(context);
    // Follow analyses of open documents so the view tracks edits.
    context.events.onAnalysed((uri) => codes.noteOpenChanged(uri));
    type Params = ParamsOf<typeof WorkspaceCodesRequest.type> | undefined;
    type Result = ResultOf<typeof WorkspaceCodesRequest.type>;
    context.connection.onRequest(WorkspaceCodesRequest.method, async (params: Params): Promise<Result> => {
      await codes.refreshOpen();
      return {
        scanned: codes.scanned,
        files: codes.index.fileCount,
        groups: codes.index.groups(context.service.registry, params?.onlyUnhandledRetryable === true),
      };
    });
  },
};
