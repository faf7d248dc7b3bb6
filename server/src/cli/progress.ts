/** Where progress goes: a terminal (it is rewritten in place). */
export interface ProgressStream {
  write(text: string): unknown;
  columns?: number;
}

/** Redraws at most this often. */
const INTERVAL_MS = 100;

/**
 * One status line on a terminal's stderr while `eci check` runs: files done of the total and findings
 * so far, redrawn in place and erased at the end, so nothing of it stays in the output. The CLI creates
 * one only when stderr is a terminal; piped or redirected stderr stays silent.
 */
export class Progress {
  private done = 0;
  private findings = 0;
  private last = -Infinity;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** One more file finished, with this many findings. */
  fileDone = (findings: number): void => {
    this.done++;
    this.findings += findings;
    const t = this.now();
    if (t - this.last >= INTERVAL_MS || this.done === this.total) {
      this.last = t;
      this.draw();
    }
  };

  /** The current line, as drawn. */
  line(): string {
    const s = this.findings === 1 ? '' : 's';
    return `eci: ${this.done}/${this.total} files, ${this.findings} finding${s}`;
  }

  /** Erases the line, leaving the terminal as it was. */
  finish(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    const width = Math.max(20, (this.stream.columns || 80) - 1); // a terminal of unknown size says 0
    this.stream.write(`\r\x1b[2K${this.line().slice(0, width)}`);
    this.shown = true;
  }
}
