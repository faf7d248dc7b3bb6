import {
  CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type InitializeParams,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { snippetToPlain } from '../service/fixes/text';
import type { CodeActionResult, Finding } from '../service/types';
import { DIAGNOSTIC_SOURCE } from './convert';
import type { Feature } from './feature';

/**
 * textDocument/codeAction: quick fixes for our diagnostics and refactors on spotted codes.
 *
 * Snippets (LSP 3.18): a client announcing `workspace.workspaceEdit.snippetEditSupport` (with
 * `documentChanges`) — vscode-languageclient 10 does — gets the inserted helper as a
 * `SnippetTextEdit` (`{ range, snippet: { kind: 'snippet', value } }`) inside a `TextDocumentEdit`,
 * with tab stops on attempts, base delay and cap; one snippet edit per action, the other edits plain.
 * Every other client gets plain text edits (tab stops replaced by their defaults). Edits only ever
 * touch the requested document.
 */
export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: false },
  },
  register({ connection, service, queue, initialized }) {
    let init: InitializeParams | undefined;
    void initialized.then((params) => (init = params));

    connection.onCodeAction(async (params: CodeActionParams, token) => {
      const uri = params.textDocument.uri;
      await queue.idle(uri);
      if (token.isCancellationRequested) return null;
      const doc = service.documents.get(uri);
      if (!doc) return null;
      const workspaceEdit = init?.capabilities.workspace?.workspaceEdit;
      const documentChanges = workspaceEdit?.documentChanges === true;
      const snippetSupport = documentChanges && workspaceEdit?.snippetEditSupport === true;
      const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
      const { findings, diagnosticsOf } = matchFindings(service.diagnostics(uri), ours);
      const actions = service.codeActions(uri, params.range, findings, { snippetSupport });
      const only = params.context.only;
      return actions
        .filter((a) => !only || only.some((kind) => a.kind === kind || a.kind.startsWith(kind + '.')))
        .map((a) => toCodeAction(a, uri, doc.version, documentChanges, snippetSupport, diagnosticsOf(a)));
    });
  },
};

/**
 * The service's current findings that match the diagnostics the client sent back (same rule and
 * range); a diagnostic with no fresh match is used as sent (its `data` carries the fix's inputs).
 */
function matchFindings(current: Finding[], sent: Diagnostic[]): { findings: Finding[]; diagnosticsOf: (a: CodeActionResult) => Diagnostic[] } {
  const key = (rule: string, r: Diagnostic['range']) => `${rule}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  const byKey = new Map(current.map((f) => [key(f.rule, f.range), f]));
  const pairs: Array<{ finding: Finding; diagnostic: Diagnostic }> = [];
  for (const d of sent) {
    const fresh = byKey.get(key(String(d.code), d.range));
    const finding: Finding | undefined =
      fresh ?? (d.data && typeof d.data === 'object' ? { rule: String(d.code), severity: 'warning', message: d.message as string, range: d.range, data: d.data as Record<string, unknown> } : undefined);
    if (finding) pairs.push({ finding, diagnostic: d });
  }
  return {
    findings: pairs.map((p) => p.finding),
    diagnosticsOf: (a) => pairs.filter((p) => a.fixes?.includes(p.finding.rule)).map((p) => p.diagnostic),
  };
}

const TAB_STOP = /(?<!\\)\$(\d+|\{\d+)/;

function toCodeAction(a: CodeActionResult, uri: string, version: number, documentChanges: boolean, snippetSupport: boolean, diagnostics: Diagnostic[]): CodeAction {
  let snippetUsed = false;
  const edits: Array<TextEdit | SnippetTextEdit> = a.edits.map((e) => {
    if (!a.snippet) return { range: e.range, newText: e.newText };
    if (snippetSupport && !snippetUsed && TAB_STOP.test(e.newText)) {
      snippetUsed = true;
      return { range: e.range, snippet: { kind: 'snippet', value: e.newText } };
    }
    return { range: e.range, newText: snippetToPlain(e.newText) };
  });
  const edit: WorkspaceEdit = documentChanges
    ? { documentChanges: [{ textDocument: { uri, version }, edits }] }
    : { changes: { [uri]: edits as TextEdit[] } };
  const action = CodeAction.create(a.title, edit, a.kind);
  if (a.isPreferred) action.isPreferred = true;
  if (diagnostics.length) action.diagnostics = diagnostics;
  return action;
}
