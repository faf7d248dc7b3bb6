import type { Position, Range } from '../types';

/** Line starts of a text, for converting between UTF-16 offsets and LSP positions. */
export class TextLines {
  private readonly starts: number[];
  /** True when some CR is not followed by LF (tree-sitter counts rows at LF only; then rows differ from lines). */
  readonly loneCr: boolean;

  constructor(readonly text: string, starts?: number[], loneCr?: boolean) {
    if (starts) {
      this.starts = starts;
      this.loneCr = loneCr ?? true;
    } else {
      this.starts = [0];
      this.loneCr = scanLineStarts(text, 0, text.length, this.starts);
    }
  }

  /**
   * The line table of `next`, which is this text with [start, oldEnd) replaced by `inserted`: line starts
   * before the edit are kept, the edited lines (and the one before) re-scanned, later ones moved. Equals `new TextLines(next)`
   * (a CR LF pair split or joined by the edit lies inside the re-scanned lines).
   */
  edited(start: number, oldEnd: number, inserted: string, next: string): TextLines {
    const old = this.starts;
    // From the line before: an edit at a line start can join a CR ending it with an inserted LF.
    const first = Math.max(0, this.lineOf(start) - 1);
    const last = this.lineOf(oldEnd);
    const delta = inserted.length - (oldEnd - start);
    const hasTail = last + 1 < old.length;
    const scanEnd = hasTail ? old[last + 1] + delta : next.length;
    const starts = old.slice(0, first + 1);
    const loneCr = scanLineStarts(next, old[first], scanEnd, starts);
    if (hasTail) {
      // The break ending the last edited line yields the first moved start below.
      if (starts.pop() !== scanEnd) return new TextLines(next);
      for (let i = last + 1; i < old.length; i++) starts.push(old[i] + delta);
    }
    // Once a lone CR was seen the flag stays (it only makes `point` take the slow, exact path).
    return new TextLines(next, starts, this.loneCr || loneCr);
  }

  /** A tree-sitter point (rows counted at LF only, columns in UTF-16 units) for an offset. */
  point(offset: number): { row: number; column: number } {
    if (!this.loneCr) {
      const { line, character } = this.positionAt(offset);
      return { row: line, column: character };
    }
    const before = this.text.slice(0, Math.max(0, Math.min(offset, this.text.length)));
    let row = 0;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) row++;
    return { row, column: before.length - (before.lastIndexOf('\n') + 1) };
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  /** The line holding an offset (clamped to the text). */
  lineOf(offset: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Appends the start of every line that begins after a line break in text[from, to); true when a CR stood alone. */
function scanLineStarts(text: string, from: number, to: number, starts: number[]): boolean {
  let loneCr = false;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      else loneCr = true;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return loneCr;
}
