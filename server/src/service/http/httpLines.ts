/**
 * Line splitting and span helpers shared by the .http parser and spotters.
 * Lines break at CRLF, CR or LF (as LSP does); a leading BOM is not part of line 0's text
 * but still shifts its character offsets, so ranges stay true to the raw document.
 */
import type { Position, Range } from '../types';
import type { TextSpan } from './httpFileTypes';

export interface SourceLine {
  /** 0-based line number. */
  line: number;
  /** Line text without the line break (and without a leading BOM). */
  text: string;
  /** Document character of `text[0]`: 1 on a BOM line, else 0. */
  base: number;
}

export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = breaks.exec(text)) !== null) {
    lines.push({ line: lines.length, text: text.slice(start, match.index), base: 0 });
    start = match.index + match[0].length;
  }
  lines.push({ line: lines.length, text: text.slice(start), base: 0 });
  const first = lines[0];
  if (first.text.charCodeAt(0) === 0xfeff) {
    first.text = first.text.slice(1);
    first.base = 1;
  }
  return lines;
}

export function pos(l: SourceLine, index: number): Position {
  return { line: l.line, character: l.base + index };
}

export function lineRange(l: SourceLine, start: number, end: number): Range {
  return { start: pos(l, start), end: pos(l, end) };
}

/** Span of `l.text.slice(start, end)`. */
export function lineSpan(l: SourceLine, start: number, end: number): TextSpan {
  return { text: l.text.slice(start, end), range: lineRange(l, start, end) };
}

/** Span from `first.text[startIndex]` to `last.text[endIndex]`; text joined with `\n`. */
export function multiLineSpan(
  lines: SourceLine[],
  firstLine: number,
  startIndex: number,
  lastLine: number,
  endIndex: number,
): TextSpan {
  const first = lines[firstLine];
  const last = lines[lastLine];
  if (firstLine === lastLine) return lineSpan(first, startIndex, Math.max(startIndex, endIndex));
  const parts: string[] = [first.text.slice(startIndex)];
  for (let k = firstLine + 1; k < lastLine; k++) parts.push(lines[k].text);
  parts.push(last.text.slice(0, endIndex));
  return { text: parts.join('\n'), range: { start: pos(first, startIndex), end: pos(last, endIndex) } };
}

/** Blank characters for indentation and trimming (one definition, so both always agree). */
export function isBlankChar(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff;
}

/** Index of the first non-blank character, or `text.length` when the line is blank. */
export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && isBlankChar(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-blank character at or after `from`. */
export function trimmedEnd(text: string, from = 0): number {
  let e = text.length;
  while (e > from && isBlankChar(text.charCodeAt(e - 1))) e--;
  return e;
}

/** Maps offsets in a (multi-line, `\n`-joined) span's text back to document positions. */
export class SpanMapper {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly span: TextSpan) {
    const t = span.text;
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.span.range.start;
    const column = offset - this.lineStarts[lo];
    return lo === 0
      ? { line: start.line, character: start.character + column }
      : { line: start.line + lo, character: column };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset) };
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
