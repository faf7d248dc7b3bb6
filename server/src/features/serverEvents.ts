/**
 * Plain listener lists for what features may want to follow without owning the LSP notification:
 * settings applied, and a document analysed (diagnostics computed for an open document).
 */
export class ServerEvents {
  private readonly configured: Array<() => void> = [];
  private readonly analysed: Array<(uri: string) => void> = [];

  onConfigured(listener: () => void): void {
    this.configured.push(listener);
  }

  onAnalysed(listener: (uri: string) => void): void {
    this.analysed.push(listener);
  }

  fireConfigured(): void {
    for (const listener of this.configured) listener();
  }

  fireAnalysed(uri: string): void {
    for (const listener of this.analysed) listener(uri);
  }
}
