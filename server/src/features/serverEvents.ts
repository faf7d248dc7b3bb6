/**
 * Plain listener lists for what features may want to follow without owning the LSP notification:
 * settings applied, and a document analysed (diagnostics computed for an open document).
 */
/** One watched file event: `type` 1 created, 2 changed, 3 deleted (LSP FileChangeType). */
export interface WatchedFileChange {
  uri: string;
  type: number;
}

export class ServerEvents {
  private readonly configured: Array<() => void> = [];
  private readonly analysed: Array<(uri: string) => void> = [];
  private readonly watched: Array<(changes: readonly WatchedFileChange[]) => void> = [];

  /** workspace/didChangeWatchedFiles: the connection takes one handler, so features share it through here. */
  onWatchedFiles(listener: (changes: readonly WatchedFileChange[]) => void): void {
    this.watched.push(listener);
  }

  fireWatchedFiles(changes: readonly WatchedFileChange[]): void {
    for (const listener of this.watched) listener(changes);
  }

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
