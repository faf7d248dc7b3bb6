import type { CatalogRegistry } from '../catalog/catalogRegistry';
import { DiagContext } from '../diagnostics/context';
import { buildFlow } from '../diagnostics/flow/flowModel';
import { takeAnalysedContext, takeAnalysedFlow } from '../diagnostics/runDiagnostics';
import type { ParsedDocument } from '../parsing/documentTrees';
import { grammarFor } from '../parsing/grammars';
import type { Settings } from '../settings';
import type { Finding, Occurrence } from '../types';
import { summariseFile } from './summarise';
import type { FileSummary } from './summaryTypes';
import { LIBRARY_PATH } from './workspaceIndex';

/**
 * The workspace summary of a parsed document (undefined for languages without a flow grammar, library
 * code, or a file that did not parse). The analysis is the file's own, with no workspace view; only
 * `givesUp` comes from `findings`, the file's findings as last computed (in the editor, with its view: a
 * helper whose callers elsewhere all retry it no longer gives up; this settles after one round).
 */
/** Languages the workspace index reads. */
const INDEXED = new Set(['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'java', 'csharp', 'kotlin', 'php', 'ruby', 'rust']);

export function summariseDocument(doc: ParsedDocument, occurrences: readonly Occurrence[], registry: CatalogRegistry, settings: Settings, findings: readonly Finding[] = []): FileSummary | undefined {
  const grammar = grammarFor(doc.languageId);
  if (!grammar || !INDEXED.has(doc.languageId) || !doc.tree || LIBRARY_PATH.test(doc.uri)) return undefined;
  const analysed = takeAnalysedContext(doc, occurrences, registry, settings);
  if (analysed) return summariseFile(doc.uri, analysed, findings);
  const flow = takeAnalysedFlow(doc) ?? buildFlow(doc.tree, doc.text, grammar);
  const ctx = new DiagContext(doc, flow, occurrences, registry, settings);
  return summariseFile(doc.uri, ctx, findings);
}
