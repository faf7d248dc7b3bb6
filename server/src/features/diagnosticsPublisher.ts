import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { ErrorCodeLanguageService } from '../service/languageService';
import { toDiagnostic } from './convert';
import type { DocumentQueue } from './documentQueue';

const DEBOUNCE_MS = 150;

/**
 * Publishes diagnostics for open documents, debounced per document and computed after pending edits,
 * so a result is never published for a version the editor no longer has.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly service: ErrorCodeLanguageService,
    private readonly queue: DocumentQueue,
    private readonly notices: (uri: string) => Diagnostic[],
    private readonly analysed: (uri: string) => void = () => undefined,
    private readonly excluded: (uri: string) => boolean = () => false,
  ) {}

  schedule(uri: string, delay = DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.queue.run(uri, () => this.publishNow(uri));
      }, delay),
    );
  }

  /** Computes and sends diagnostics at once (inside the document's queue). */
  publishNow(uri: string): void {
    const doc = this.service.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    let diagnostics: Diagnostic[];
    try {
      const findings = this.excluded(uri) ? [] : this.service.diagnostics(uri);
      diagnostics = [...this.notices(uri), ...findings.map((f) => toDiagnostic(f, uri))];
    } catch (error) {
      this.connection.console.error(`Error Code Insight: analysis of ${uri} failed: ${describe(error)}`);
      diagnostics = this.notices(uri);
    }
    if (this.service.documents.get(uri)?.version !== version) return; // changed meanwhile: a newer run is scheduled
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    this.analysed(uri);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  republishAll(): void {
    for (const uri of this.service.documents.openUris()) this.schedule(uri, 0);
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}
