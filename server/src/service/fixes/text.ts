/**
 * Small text and syntax-tree helpers shared by the fixes: offsets ↔ ranges, indentation, the node
 * under a range, and applying edits (the same way an editor does: all ranges refer to the original text).
 */
import type { Node } from 'web-tree-sitter';
import type { ParsedDocument } from '../parsing/documentTrees';
import type { Range, TextEdit } from '../types';

export type Doc = ParsedDocument;

export function offsetsOf(doc: Doc, range: Range): [number, number] {
  return [doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end)];
}

export function textOf(doc: Doc, range: Range): string {
  const [start, end] = offsetsOf(doc, range);
  return doc.text.slice(start, end);
}

export function rangeOfNode(doc: Doc, node: Node): Range {
  return doc.lines.rangeOf(node.startIndex, node.endIndex);
}

export function edit(doc: Doc, start: number, end: number, newText: string): TextEdit {
  return { range: doc.lines.rangeOf(start, end), newText };
}

export function insertAt(doc: Doc, offset: number, newText: string): TextEdit {
  return edit(doc, offset, offset, newText);
}

/** Leading whitespace of a line. */
export function indentOfLine(doc: Doc, line: number): string {
  return /^[ \t]*/.exec(doc.lines.lineText(line))?.[0] ?? '';
}

/** One indentation step as the file uses it (tab, or the smallest space run seen; default 4 / Go tab). */
export function indentUnit(doc: Doc): string {
  if (doc.languageId === 'go') return '\t';
  let best = 0;
  for (const line of doc.text.split('\n')) {
    if (line.startsWith('\t')) return '\t';
    const spaces = /^( +)\S/.exec(line)?.[1].length ?? 0;
    if (spaces > 0 && (best === 0 || spaces < best)) best = spaces;
  }
  return ' '.repeat(best === 0 || best > 8 ? (doc.languageId.startsWith('java') || doc.languageId.startsWith('type') ? 2 : 4) : best);
}

/** The document's line break. */
export function eol(doc: Doc): string {
  return doc.text.includes('\r\n') ? '\r\n' : '\n';
}

/** Re-indents a block written with `\n` and 4-space/tab steps: every line but the first gets `indent`. */
export function indentBlock(text: string, indent: string, doc: Doc, firstLineToo = false): string {
  const unit = indentUnit(doc);
  const lines = text.split('\n').map((line) => line.replace(/^((?: {4}|\t)+)/, (lead) => unit.repeat(lead.replace(/ {4}/g, '\t').length)));
  return lines.map((line, i) => (line.length === 0 || (i === 0 && !firstLineToo) ? line : indent + line)).join(eol(doc));
}

/** The deepest node covering [start, end) of the range. */
export function nodeAt(doc: Doc, range: Range): Node | undefined {
  if (!doc.tree) return undefined;
  const [start, end] = offsetsOf(doc, range);
  let node: Node | null = doc.tree.rootNode.descendantForIndex(start, end);
  while (node && !(node.startIndex <= start && node.endIndex >= end)) node = node.parent;
  return node ?? undefined;
}

/** The nearest ancestor (or the node itself) of one of the given types. */
export function ancestor(node: Node | null | undefined, types: string[]): Node | undefined {
  for (let n = node ?? null; n; n = n.parent) if (types.includes(n.type)) return n;
  return undefined;
}

/** Applies non-overlapping edits whose ranges refer to `text` (as LSP clients do). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = lineStarts(text);
  const toOffset = (p: { line: number; character: number }) => Math.min(text.length, (lines[p.line] ?? text.length) + p.character);
  const sorted = edits
    .map((e, i) => ({ start: toOffset(e.range.start), end: toOffset(e.range.end), newText: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/**
 * Counts ERROR and MISSING nodes in a tree. The cursor must be deleted explicitly: web-tree-sitter's
 * finalizer for a garbage-collected TreeCursor frees the wrong memory (it passes the tree's address
 * without marshalling the cursor), which corrupts the wasm heap ("memory access out of bounds").
 */
export function errorCount(root: Node): number {
  let count = 0;
  const cursor = root.walk();
  try {
    let done = false;
    while (!done) {
      const n = cursor.currentNode;
      if (n.type === 'ERROR' || n.isMissing) count++;
      if (n.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  return count;
}

/**
 * Strips LSP snippet syntax into the text a plain insertion gets: `${n:default}` → default,
 * `$n`/`${n}` → '', `\$ \\ \}` → the character.
 */
export function snippetToPlain(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i];
    if (ch === '\\' && i + 1 < snippet.length && '\\$}'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (ch === '$') {
      const simple = /^\$(\d+)/.exec(snippet.slice(i)) ?? /^\$\{(\d+)\}/.exec(snippet.slice(i));
      const withDefault = /^\$\{(\d+):((?:\\.|[^\\}])*)\}/.exec(snippet.slice(i));
      if (withDefault) {
        out += snippetToPlain(withDefault[2]);
        i += withDefault[0].length - 1;
      } else if (simple) {
        i += simple[0].length - 1;
      } else out += ch;
    } else out += ch;
  }
  return out;
}
