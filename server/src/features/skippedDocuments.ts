import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextLines } from '../service/parsing/textLines';
import type { ErrorCodeLanguageService } from '../service/languageService';
import type { TextChange } from '../service/parsing/documentTrees';

/**
 * Documents too large to analyse. Their text is kept here (not parsed), so incremental edits still
 * apply and the document can be analysed again once it shrinks below the limit.
 */
export class SkippedDocuments {
  private readonly texts = new Map<string, string>();

  has(uri: string): boolean {
    return this.texts.has(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  set(uri: string, text: string): void {
    this.texts.set(uri, text);
  }

  delete(uri: string): void {
    this.texts.delete(uri);
  }

  /** Applies LSP incremental changes, in order, to a skipped document's text. */
  apply(uri: string, changes: readonly TextChange[]): string | undefined {
    let text = this.texts.get(uri);
    if (text === undefined) return undefined;
    for (const change of changes) {
      const lines = new TextLines(text);
      text = text.slice(0, lines.offsetAt(change.range.start)) + change.text + text.slice(lines.offsetAt(change.range.end));
    }
    this.texts.set(uri, text);
    return text;
  }

  /** The visible notice published in place of diagnostics. */
  notice(uri: string, limit: number): Diagnostic[] {
    const text = this.texts.get(uri);
    if (text === undefined) return [];
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'error-code-insight',
        code: 'file-skipped',
        message: `Error Code Insight skipped this file: ${text.length} characters is over the errorCodeInsight.maxFileSize limit of ${limit}.`,
      },
    ];
  }
}

/** A notice for a document whose analysis stopped at a time budget (see ErrorCodeLanguageService.analysisNotice). */
export function analysisNotice(service: ErrorCodeLanguageService, uri: string): Diagnostic[] {
  const message = service.analysisNotice(uri);
  if (!message) return [];
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'error-code-insight',
      code: 'analysis-incomplete',
      message,
    },
  ];
}
