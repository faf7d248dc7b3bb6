import {
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DiagnosticsPublisher, describe } from './features/diagnosticsPublisher';
import { DocumentQueue } from './features/documentQueue';
import { FEATURES } from './features';
import { ErrorCodeLanguageService } from './service/languageService';
import { normalizeSettings } from './service/settings';
import { LanguageId, SUPPORTED_LANGUAGES } from './service/types';

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
  /** Documents skipped because they are too large, with the reason shown to the user. */
  skipped: Map<string, string>;
  /** Resolves with the initialize params once the client has sent `initialized`. */
  initialized: Promise<InitializeParams>;
}

/** Wires the analysis service to an LSP connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const service = new ErrorCodeLanguageService({ wasmDirs: options.wasmDirs });
  const queue = new DocumentQueue();
  const skipped = new Map<string, string>();
  const notices = (uri: string): Diagnostic[] => {
    const reason = skipped.get(uri);
    return reason
      ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'error-code-insight', code: 'file-skipped', message: reason }]
      : [];
  };
  const diagnostics = new DiagnosticsPublisher(connection, service, queue, notices);
  let initializeParams: InitializeParams | undefined;
  let resolveInitialized: (params: InitializeParams) => void = () => undefined;
  const initialized = new Promise<InitializeParams>((resolve) => (resolveInitialized = resolve));
  const context: ServerContext = { connection, service, queue, diagnostics, skipped, initialized };
  let configurationPull = false;

  connection.onInitialize((params): InitializeResult => {
    initializeParams = params;
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
      service.configure(normalizeSettings(raw));
      diagnostics.republishAll();
    } catch (error) {
      connection.console.error(`Error Code Insight: could not read settings: ${describe(error)}`);
    }
  }

  connection.onDidChangeConfiguration((change) => {
    if (configurationPull) void refreshSettings();
    else {
      const settings = (change.settings as { errorCodeInsight?: unknown } | undefined)?.errorCodeInsight;
      service.configure(normalizeSettings(settings));
      diagnostics.republishAll();
    }
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const languageId = textDocument.languageId as LanguageId;
    if (!SUPPORTED_LANGUAGES.includes(languageId)) return;
    void queue.run(textDocument.uri, async () => {
      const limit = service.getSettings().maxFileSize;
      const text = textDocument.text.length > limit ? '' : textDocument.text;
      if (text !== textDocument.text) {
        skipped.set(textDocument.uri, `Error Code Insight skipped this file: ${textDocument.text.length} characters is over the errorCodeInsight.maxFileSize limit of ${limit}.`);
      } else skipped.delete(textDocument.uri);
      try {
        await service.open({ uri: textDocument.uri, languageId, version: textDocument.version, text });
      } catch (error) {
        connection.console.error(`Error Code Insight: could not open ${textDocument.uri}: ${describe(error)}`);
      }
    });
    diagnostics.schedule(textDocument.uri, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const uri = textDocument.uri;
    if (!service.documents.get(uri) && !skipped.has(uri)) return;
    void queue.run(uri, async () => {
      const doc = service.documents.get(uri);
      if (!doc) return;
      const full = contentChanges.find((c) => !('range' in c));
      const limit = service.getSettings().maxFileSize;
      if (full || skipped.has(uri)) {
        // A full-text change, or a skipped document: re-open from the whole text we can rebuild.
        const text = full ? full.text : doc.text;
        const tooLarge = text.length > limit;
        if (tooLarge) skipped.set(uri, `Error Code Insight skipped this file: ${text.length} characters is over the errorCodeInsight.maxFileSize limit of ${limit}.`);
        else skipped.delete(uri);
        await service.open({ uri, languageId: doc.languageId, version: textDocument.version, text: tooLarge ? '' : text });
        return;
      }
      const edits = contentChanges.filter((c): c is { range: typeof c extends { range: infer R } ? R : never; text: string } => 'range' in c);
      const updated = service.update(uri, textDocument.version, edits);
      if (updated && updated.text.length > limit) {
        skipped.set(uri, `Error Code Insight skipped this file: ${updated.text.length} characters is over the errorCodeInsight.maxFileSize limit of ${limit}.`);
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

  for (const feature of FEATURES) feature.register(context);

  connection.listen();
  return context;
}

declare const VERSION: string;
