import { grammarCompatText } from './grammarCompat';
import type { Parser, Tree } from 'web-tree-sitter';
import type { DocumentInput, LanguageId, Range } from '../types';
import { grammarFor, GrammarName } from './grammars';
import { TextLines } from './textLines';
import { TreeSitterHost } from './treeSitter';

/** One open document: its text, version and (for tree-sitter languages) its syntax tree. */
export interface ParsedDocument {
  readonly uri: string;
  readonly languageId: LanguageId;
  readonly version: number;
  readonly text: string;
  readonly lines: TextLines;
  readonly tree: Tree | undefined;
  /**
   * The one edit that made this version from the previous one (single-change updates only), so
   * analyses can redo just what it touched. Offsets: `start` and `oldEnd` in the previous text,
   * `newEnd` in this one. Cleared on the next update, so versions never chain.
   */
  edit?: DocumentEdit;
}

export interface DocumentEdit {
  previous: ParsedDocument;
  start: number;
  oldEnd: number;
  newEnd: number;
  /**
   * Where the new tree's structure differs from the old one (tree-sitter's changed ranges, merged into
   * one span of new offsets; empty when only token text changed). Set when the edit was re-parsed.
   */
  changed?: [number, number];
}

/** An edit as LSP sends it: a range in the previous text and its replacement. */
export interface TextChange {
  range: Range;
  text: string;
}

/**
 * Keeps one tree per open document and re-parses incrementally on edits.
 * Trees hold wasm memory, so closing a document deletes its tree.
 */
export class DocumentTrees {
  private readonly docs = new Map<string, ParsedDocument>();
  private readonly parsers = new Map<GrammarName, Parser>();

  constructor(private readonly host: TreeSitterHost) {}

  get(uri: string): ParsedDocument | undefined {
    return this.docs.get(uri);
  }

  /** Parses a document from scratch (open, or a full-text change). */
  async open(input: DocumentInput): Promise<ParsedDocument> {
    const parser = await this.parserFor(input.languageId);
    // The JavaScript of .http handler scripts is parsed with the JavaScript grammar (withScratchTree).
    if (input.languageId === 'http') await this.parserFor('javascript');
    const previous = this.docs.get(input.uri);
    const tree = parser ? parseWithin(parser, grammarCompatText(input.languageId, input.text)) : undefined;
    previous?.tree?.delete();
    const doc: ParsedDocument = { ...input, lines: new TextLines(input.text), tree };
    this.docs.set(input.uri, doc);
    return doc;
  }

  /**
   * Applies incremental changes (in order, as LSP sends them) and re-parses reusing the old tree.
   * Returns undefined when the document is not open.
   */
  update(uri: string, version: number, changes: readonly TextChange[]): ParsedDocument | undefined {
    const previous = this.docs.get(uri);
    if (!previous) return undefined;
    // Synchronous on purpose: edits must apply in arrival order. open() created the parser already.
    const grammar = grammarFor(previous.languageId);
    const parser = grammar ? this.parsers.get(grammar) : undefined;
    let text = previous.text;
    let lines = previous.lines;
    const tree = previous.tree;
    let edit: DocumentEdit | undefined;
    for (const change of changes) {
      const start = lines.offsetAt(change.range.start);
      const oldEnd = lines.offsetAt(change.range.end);
      edit = changes.length === 1 ? { previous, start, oldEnd, newEnd: start + change.text.length } : undefined;
      const next = text.slice(0, start) + change.text + text.slice(oldEnd);
      const nextLines = lines.edited(start, oldEnd, change.text, next);
      const newEnd = start + change.text.length;
      tree?.edit({
        startIndex: start,
        oldEndIndex: oldEnd,
        newEndIndex: newEnd,
        startPosition: lines.point(start),
        oldEndPosition: lines.point(oldEnd),
        newEndPosition: nextLines.point(newEnd),
      } as Parameters<Tree['edit']>[0]);
      text = next;
      lines = nextLines;
    }
    // Without a tree (e.g. its last parse ran out of time) parse afresh, so a document can recover.
    const reparsed = parser ? parseWithin(parser, grammarCompatText(previous.languageId, text), tree) : undefined;
    if (edit && reparsed && tree && reparsed !== tree) edit.changed = changedSpan(tree, reparsed, edit.start);
    if (reparsed !== tree) tree?.delete();
    const doc: ParsedDocument = { uri, languageId: previous.languageId, version, text, lines, tree: reparsed };
    if (edit && reparsed) doc.edit = edit;
    previous.edit = undefined;
    this.docs.set(uri, doc);
    return doc;
  }

  /**
   * Parses a scratch text with the parser of an open document's language (for checking a quick fix's
   * result) and hands the tree to `use`, deleting it afterwards. Undefined when there is no parser yet.
   */
  withScratchTree<T>(languageId: LanguageId, text: string, use: (tree: Tree) => T): T | undefined {
    const grammar = grammarFor(languageId);
    const parser = grammar ? this.parsers.get(grammar) : undefined;
    const tree = parser ? parseWithin(parser, grammarCompatText(languageId, text)) : undefined;
    if (!tree) return undefined;
    try {
      return use(tree);
    } finally {
      tree.delete();
    }
  }

  close(uri: string): void {
    this.docs.get(uri)?.tree?.delete();
    this.docs.delete(uri);
  }

  openUris(): string[] {
    return [...this.docs.keys()];
  }

  private async parserFor(languageId: LanguageId): Promise<Parser | undefined> {
    const grammar = grammarFor(languageId);
    if (!grammar) return undefined;
    let parser = this.parsers.get(grammar);
    if (!parser) {
      parser = await this.host.newParser(grammar);
      this.parsers.set(grammar, parser);
    }
    return parser;
  }
}

/**
 * Parse time budget. Some grammars go superlinear on odd input (tree-sitter-python is quadratic in a run
 * of comment lines: 4,000 of them took 10 s), which would freeze the server; past the budget the parse is
 * cancelled and the document has no tree (no occurrences, no diagnostics) until an edit parses in time.
 */
const PARSE_BUDGET_MS = 2000;
const PARSE_BUDGET_MS_PER_KB = 4;

function parseWithin(parser: Parser, text: string, old?: Tree): Tree | undefined {
  const deadline = Date.now() + PARSE_BUDGET_MS + (PARSE_BUDGET_MS_PER_KB * text.length) / 1024;
  const tree = parser.parse(text, old ?? null, { progressCallback: () => Date.now() > deadline }) ?? undefined;
  if (!tree) parser.reset(); // a cancelled parse would otherwise resume on the next call
  return tree;
}

/** The span of new offsets holding every range where the trees' structure differs. */
function changedSpan(oldTree: Tree, newTree: Tree, at: number): [number, number] {
  let start = at;
  let end = at;
  for (const range of oldTree.getChangedRanges(newTree)) {
    start = Math.min(start, range.startIndex);
    end = Math.max(end, range.endIndex);
  }
  return [start, end];
}
