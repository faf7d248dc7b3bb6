import type { Node } from 'web-tree-sitter';
import type { HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { importedAs } from './jsClientNames';

/*
 * superagent: `request.get(url).set('Authorization', token).query(q)` builds a request whose chain is sent when it
 * is awaited (or `.then`/`.end`). It rejects on 4xx/5xx like axios, and waits for ever unless `.timeout(…)` is in
 * the chain. The client is the name the file imports superagent as.
 */

const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', del: 'DELETE', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};

/** The request a call starts, when it is a verb of a name bound to superagent: its method and response variable. */
export function superagentRequest(flow: FileFlow, call: CallInfo, responseVarOf: (node: Node) => string | undefined): { method: HttpMethod; responseVar?: string } | undefined {
  const method = VERBS[call.name];
  if (!method || !call.receiver || call.receiver.includes('.')) return undefined;
  if (!importedAs(flow, 'superagent').has(call.receiver)) return undefined;
  const responseVar = responseVarOf(builderChain(call.node).top);
  return { method, ...(responseVar ? { responseVar } : {}) };
}

/**
 * The builder calls chained on a request call (`.set(…)`, `.query(…)`, `.timeout(…)`, in order) and the outermost
 * call of the chain, whose value is the response once awaited.
 */
export function builderChain(call: Node): { top: Node; methods: string[] } {
  const methods: string[] = [];
  let top = call;
  for (;;) {
    const member = top.parent;
    const next = member?.parent;
    if (member?.type !== 'member_expression' || member.childForFieldName('object')?.id !== top.id || next?.type !== 'call_expression') break;
    const name = member.childForFieldName('property')?.text ?? '';
    // `.then(…)` / `.catch(…)` / `.end(…)` send the request: past them the value is no longer the request's.
    if (/^(then|catch|finally|end)$/.test(name)) break;
    methods.push(name);
    top = next;
  }
  return { top, methods };
}
