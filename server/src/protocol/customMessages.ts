/**
 * Custom messages between the VS Code client and the language server, defined once here and bundled
 * into both sides (the vscode-eslint style: a namespace per message with its method and typed `type`).
 * Plain data only: positions are LSP's (0-based line, UTF-16 character).
 *
 * The client and the server libraries each carry their own nested copy of vscode-jsonrpc, whose
 * message classes do not type-check across copies; so both sides register and send by `method` and
 * take their parameter and result types from `type` (ParamsOf / ResultOf), which keeps them in step.
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';

/** The parameter type of a request or notification type. */
export type ParamsOf<T> = T extends RequestType<infer P, unknown, unknown> ? P : T extends NotificationType<infer P> ? P : never;
/** The result type of a request type. */
export type ResultOf<T> = T extends RequestType<unknown, infer R, unknown> ? R : never;

export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** How one occurrence stands: unhandled = covered by a `retryable-treated-as-final`/`no-retry-on-request` diagnostic. */
export type PlaceState = 'unhandled' | 'retry-configured' | 'handled';

export interface CodePlace {
  uri: string;
  range: ProtocolRange;
  /** The source line, trimmed (at most 200 characters). */
  lineText: string;
  /** Occurrence role: client-check, server-sets, retry-config, … */
  role: string;
  state: PlaceState;
}

export interface CodeGroup {
  /** `429`, `ECONNRESET`. */
  code: string;
  kind: 'http-status' | 'error-code';
  /** Reason phrase or short name from the catalog. */
  name: string;
  /** The catalog's retry verdict. */
  retryable: 'yes' | 'conditional' | 'no' | 'unknown';
  places: CodePlace[];
  unhandled: number;
  retryConfigured: number;
}

export interface WorkspaceCodesParams {
  /** Only codes whose verdict is retryable (yes/conditional) with at least one unhandled place. */
  onlyUnhandledRetryable?: boolean;
}

export interface WorkspaceCodesResult {
  /** Whether a workspace scan has run; before one, only open documents are known. */
  scanned: boolean;
  files: number;
  groups: CodeGroup[];
}

/** `errorCodeInsight/workspaceCodes`: the codes found in the workspace, grouped by code. */
export namespace WorkspaceCodesRequest {
  export const method = 'errorCodeInsight/workspaceCodes' as const;
  export const type = new RequestType<WorkspaceCodesParams, WorkspaceCodesResult, void>(method);
}

export interface ScanWorkspaceParams {
  /** Workspace folder URIs; when absent the server asks the client (`workspace/workspaceFolders`). */
  folders?: string[];
  /** Glob patterns switched on in VS Code's `files.exclude`. */
  filesExclude?: string[];
}

export interface ScanWorkspaceResult {
  /** Files the walk found (after exclusions). */
  files: number;
  /** Files parsed and analysed (the others had no candidate text or were open in the editor). */
  analysed: number;
  /** Files with at least one diagnostic. */
  withDiagnostics: number;
  cancelled: boolean;
  durationMs: number;
}

/**
 * `errorCodeInsight/scanWorkspace`: analyse every file of the workspace that is not open and publish
 * its diagnostics. Reports `window/workDoneProgress` (server-created, cancellable).
 */
export namespace ScanWorkspaceRequest {
  export const method = 'errorCodeInsight/scanWorkspace' as const;
  export const type = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>(method);
}

export interface CodesChangedParams {
  reason: 'scan' | 'edit';
}

/** `errorCodeInsight/codesChanged` (server → client, debounced): the workspace codes changed. */
export namespace CodesChangedNotification {
  export const method = 'errorCodeInsight/codesChanged' as const;
  export const type = new NotificationType<CodesChangedParams>(method);
}
