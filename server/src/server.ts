import {
  Connection,
  Diagnostic,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { registerDocumentSync } from './features/documentSync';
import { ExcludedFiles } from './features/excludedFiles';
import { ServerEvents } from './features/serverEvents';
import { analysisNotice, SkippedDocuments } from './features/skippedDocuments';
import { DiagnosticsPublisher, describe } from './features/diagnosticsPublisher';
import { DocumentQueue } from './features/documentQueue';
import { FEATURES } from './features';
import { ErrorCodeLanguageService } from './service/languageService';
import { normalizeSettings } from './service/settings';

export interface ServerOptions {
  /** Folders holding the tree-sitter wasm files; defaults to next to the bundle. */
  wasmDirs?: string[];
}

/** Everything a feature handler may use. Handlers live in ./features, one per LSP feature. */
export interface ServerContext {
  connection: Connection;
  service: ErrorCodeLanguageService;
  queue: DocumentQueue;
  diagnostics: DiagnosticsPublisher;
  /** Documents too large to analyse, kept as text only. */
  skipped: SkippedDocuments;
  /** Settings applied, documents analysed: for features that follow them. */
  events: ServerEvents;
  /** Resolves with the initialize params once the client has sent `initialized`. */
  initialized: Promise<InitializeParams>;
}

/** Wires the analysis service to an LSP connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const service = new ErrorCodeLanguageService({ wasmDirs: options.wasmDirs });
  const queue = new DocumentQueue();
  const skipped = new SkippedDocuments();
  const events = new ServerEvents();
  const notices = (uri: string): Diagnostic[] => [...skipped.notice(uri, service.getSettings().maxFileSize), ...analysisNotice(service, uri)];
  const excluded = new ExcludedFiles();
  const diagnostics = new DiagnosticsPublisher(connection, service, queue, notices, (uri) => events.fireAnalysed(uri), (uri) =>
    excluded.excludes(uri, service.getSettings()),
  );
  let initializeParams: InitializeParams | undefined;
  let resolveInitialized: (params: InitializeParams) => void = () => undefined;
  const initialized = new Promise<InitializeParams>((resolve) => (resolveInitialized = resolve));
  const context: ServerContext = { connection, service, queue, diagnostics, skipped, events, initialized };
  let configurationPull = false;

  connection.onInitialize((params): InitializeResult => {
    initializeParams = params;
    excluded.setRoots(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    configurationPull = params.capabilities.workspace?.configuration === true;
    service.configure(normalizeSettings(params.initializationOptions?.settings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...Object.assign({}, ...FEATURES.map((f) => f.capabilities)),
      },
      serverInfo: { name: 'eci-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (initializeParams) resolveInitialized(initializeParams);
    if (configurationPull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'errorCodeInsight' });
      await refreshSettings();
    }
  });

  async function refreshSettings(): Promise<void> {
    try {
      const raw = configurationPull ? await connection.workspace.getConfiguration('errorCodeInsight') : undefined;
      applySettings(raw);
    } catch (error) {
      connection.console.error(`Error Code Insight: could not read settings: ${describe(error)}`);
    }
  }

  function applySettings(raw: unknown): void {
    service.configure(normalizeSettings(raw));
    events.fireConfigured();
    diagnostics.republishAll();
  }

  connection.onDidChangeConfiguration((change) => {
    if (configurationPull) void refreshSettings();
    else {
      applySettings((change.settings as { errorCodeInsight?: unknown } | undefined)?.errorCodeInsight);
    }
  });

  connection.onDidChangeWatchedFiles((params) => events.fireWatchedFiles(params.changes));
  registerDocumentSync(context);
  for (const feature of FEATURES) feature.register(context);

  connection.listen();
  return context;
}

declare const VERSION: string;
