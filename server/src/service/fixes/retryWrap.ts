/**
 * "Retry with backoff honouring Retry-After": replaces a request call with the retry template's
 * helper call (for the HTTP library in use) and inserts the helper once per file, imports merged.
 * Offered for `retryable-treated-as-final` and `no-retry-on-request`.
 */
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import { escapeSnippetText, templatesFor } from '../templates';
import type { CodeActionResult, Finding, Range, TextEdit } from '../types';
import { rewriteCall } from './callRewrite';
import { definesName, helperEdits } from './helper';
import { Doc, edit, eol, indentOfLine, insertAt, nodeAt, offsetsOf } from './text';

export const RETRY_WRAP_TITLE = 'Retry with backoff honouring Retry-After';

const CALL_TYPES = ['call', 'call_expression', 'method_invocation', 'invocation_expression', 'member_call_expression'];

interface RequestFields {
  library?: HttpLibrary;
  method?: HttpMethod;
  requestRange?: Range;
  requestStatementRange?: Range;
  indent?: string;
}

export function retryWrapFix(doc: Doc, finding: Finding, snippetSupport: boolean): CodeActionResult | undefined {
  const data = (finding.data ?? {}) as RequestFields;
  if (!data.requestRange || !data.library) return undefined;
  let call = nodeAt(doc, data.requestRange);
  while (call && !CALL_TYPES.includes(call.type) && call.namedChildCount === 1) call = call.namedChildren[0] ?? undefined;
  if (!call || !CALL_TYPES.includes(call.type)) return undefined;
  const statementLine = (data.requestStatementRange ?? data.requestRange).start.line;
  const indent = indentOfLine(doc, statementLine);
  const rewrite = rewriteCall(doc, call, data.library, data.method ?? 'UNKNOWN', indent);
  if (!rewrite) return undefined;
  const template = rewrite.templateId
    ? templatesFor(doc.languageId).find((t) => t.id === rewrite.templateId)
    : templatesFor(doc.languageId).find((t) => t.library === rewrite.library && !t.id.startsWith('retry-after-parse') && !t.id.endsWith('-async'));
  if (!template) return undefined;
  // Snippet syntax only when there are tab stops to offer, i.e. when the helper goes in.
  const snippet = snippetSupport && !definesName(doc, template.helperName);
  const esc = (text: string) => (snippet ? escapeSnippetText(text) : text);
  const helper = helperEdits(doc, template, { snippet, extraImports: rewrite.extraImports, extraHelpers: rewrite.extraHelpers });
  const nl = eol(doc);
  const edits: TextEdit[] = [...helper.edits];
  if (rewrite.before?.length) {
    const lineStart = offsetsOf(doc, { start: { line: statementLine, character: 0 }, end: { line: statementLine, character: 0 } })[0];
    edits.push(insertAt(doc, lineStart, rewrite.before.map((s) => indent + esc(s) + nl).join('')));
  }
  edits.push(edit(doc, call.startIndex, call.endIndex, esc(rewrite.text.replace(/\n/g, nl))));
  for (const [start, end] of rewrite.remove ?? []) edits.push(edit(doc, start, end, ''));
  return {
    title: RETRY_WRAP_TITLE,
    kind: 'quickfix',
    isPreferred: true,
    fixes: [finding.rule],
    edits,
    snippet,
  };
}
