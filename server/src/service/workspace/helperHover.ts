import { buildFlow, calleeOf, type FileFlow } from '../diagnostics/flow/flowModel';
import { analysedFlow } from '../diagnostics/runDiagnostics';
import type { ParsedDocument } from '../parsing/documentTrees';
import { grammarFor, type GrammarName } from '../parsing/grammars';
import type { HoverResult, Position } from '../types';
import type { FunctionSummary } from './summaryTypes';
import type { WorkspaceView } from './workspaceView';

/** The flow of the document version last hovered: one kept at a time (the analysis's own is released). */
let hovered: { doc: ParsedDocument; flow: FileFlow } | undefined;

function flowFor(doc: ParsedDocument, grammar: GrammarName): FileFlow {
  const own = analysedFlow(doc);
  if (own) return own;
  if (hovered?.doc !== doc) hovered = { doc, flow: buildFlow(doc.tree!, doc.text, grammar) };
  return hovered.flow;
}

/** Hover on a call to a function of another file that the index summarises: what it does for its callers. */
export function helperHover(doc: ParsedDocument, view: WorkspaceView, position: Position): HoverResult | undefined {
  const grammar = grammarFor(doc.languageId);
  if (!grammar || !doc.tree) return undefined;
  const flow = flowFor(doc, grammar);
  const offset = doc.lines.offsetAt(position);
  for (let n = doc.tree.rootNode.descendantForIndex(offset, offset); n; n = n.parent) {
    const call = flow.callByNode.get(n.id);
    if (!call) continue;
    const { name, receiver } = calleeOf(call.node, flow.adapter);
    const helper = view.calleeSummary(name, receiver?.split(/[.(\[]|\?\./)[0]);
    if (!helper) return undefined;
    return { contents: describeHelper(helper), range: doc.lines.rangeOf(call.node.startIndex, call.node.endIndex) };
  }
  return undefined;
}

export function describeHelper(helper: FunctionSummary & { uri: string }): string {
  const facts: string[] = [];
  if (helper.sends) facts.push(`sends ${helper.sends.method === 'UNKNOWN' ? 'a request' : helper.sends.method} (${helper.sends.library})`);
  if (helper.givesUp) facts.push(`gives up${helper.givesUp.codes ? ` on ${helper.givesUp.codes.join(', ')}` : ' on error statuses'} with no retry (${helper.givesUp.rule})`);
  else if (helper.failsOnStatus) facts.push('fails on error statuses, no retry in its file');
  if (helper.raisesOnParam !== undefined) facts.push('fails (raises or returns an error) on error statuses of the response it is handed');
  if (helper.retriesCallback) facts.push('runs the function it is handed again when it fails (a retry wrapper)');
  if (helper.returnsRetryingClient) facts.push(`returns a client with a retry policy (${helper.returnsRetryingClient})`);
  const where = `${decodeURIComponent(helper.uri.split('/').slice(-2).join('/'))}:${helper.line + 1}`;
  return `**${helper.className ? helper.className + '.' : ''}${helper.name}** — ${where}\n\n${facts.length ? facts.join('; ') : 'no request or retry of its own'}.`;
}
