import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { CallInfo, FnInfo } from './flow/flowModel';
import { escapeRegExp } from './regexText';
import type { RequestInfo } from './requests';
import { responseVarOf } from './requestStatements';
import { cachedRegExp } from '../regexCache';

/**
 * A response whose status nothing reads and whose body is taken as the answer: parsed (`r.json()`, `JSON.parse(res.body)`,
 * `json.NewDecoder(resp.Body)`), indexed (`res["items"]`), written out, or — for a write — the call's result dropped
 * altogether. A response returned to a function of the file is followed into that caller once. Reading the status in
 * any way (a field, an ok flag, `raise_for_status()`, a truth test, a `case`/`match` on it) or handing the response to
 * another call (which may read it) is a status read.
 */
export interface UnreadResponse {
  /** Where the body is used (absent when the response is dropped). */
  use?: Node;
  how: string;
}

/** Members of a response that read its status, headers or success. */
const STATUS_MEMBERS = String.raw`status|status_code|statusCode|StatusCode|code|ok|is_success|isSuccess|success|successful|failed|error|errors|raise_for_status|error_for_status|EnsureSuccessStatusCode|IsSuccessStatusCode|getStatusCode|getStatus|getStatusLine|statusLine|getResponseCode|isSuccessful|is_a|kind_of|instance_of|headers|header|Headers|getHeader|getHeaders|response_code|code_value`;
/** Members that hand over the body. */
const BODY_MEMBERS = String.raw`json|text|content|body|Body|Content|data|parsed_response|iter_content|bytes|arrayBuffer|blob|string|bodyAsText|getBody|getContent|toArray|raw|read_body`;
/** Calls that parse or read a response's body handed to them. */
/** The body read straight off the call: `(await fetch(u)).json()`, `requests.get(u).text`. */
const BODY_READ_OFF_CALL = new RegExp(String.raw`^\s*\)?\s*[?!]?\.\s*(?:${BODY_MEMBERS})\b`);
const BODY_READERS = String.raw`json\.loads|JSON\.parse|json_decode|wp_remote_retrieve_body|io\.ReadAll|ioutil\.ReadAll|json\.NewDecoder|json\.Unmarshal`;

export function unreadResponse(ctx: DiagContext, request: RequestInfo): UnreadResponse | undefined {
  const { call } = request;
  const fn = call.fn;
  if (!fn) return undefined;
  if (!request.responseVar) {
    const after = ctx.flow.text.slice(call.end, Math.min(fn.end, call.end + 160));
    if (BODY_READ_OFF_CALL.test(after)) return { use: call.node.parent ?? call.node, how: 'its body is read off the call' };
    if (/^\s*\)?\s*\.then\s*\(\s*(?:async\s*)?\(?\s*(\w+)\s*(?::\s*\w+)?\)?\s*=>\s*\1\s*\.\s*(?:json|text|arrayBuffer|blob)\s*\(/.test(after)) return { use: call.node.parent ?? call.node, how: 'its body is read in the .then' };
    if (/^(POST|PUT|PATCH|DELETE)$/.test(request.method) && droppedResult(call.node)) return { how: 'its result is dropped' };
    return undefined;
  }
  const next = ctx.requestsIn(fn).find((r) => r.call.start > call.end && r.responseVar === request.responseVar);
  const read = readOf(ctx, request.responseVar, call.end, next?.call.start ?? fn.end);
  if (read !== 'returned') return read;
  // Handed back as it is (`return r`): the file's callers take it from here.
  for (const caller of callersOf(ctx, fn)) {
    const name = responseVarOf(caller.node);
    if (!name || !caller.fn) continue;
    const there = readOf(ctx, name, caller.end, caller.fn.end);
    if (there && there !== 'returned') return { use: there.use, how: `${there.how} in ${caller.fn.name ?? 'its caller'}, which ${fn.name} hands it to` };
  }
  return undefined;
}

/** The reading of `variable` between two offsets (see unreadResponse); `returned` when it is handed back as it is. */
export function readOf(ctx: DiagContext, variable: string, from: number, to: number): UnreadResponse | 'returned' | undefined {
  const text = ctx.flow.text.slice(from, to);
  const ref = String.raw`(?<![\w$.>])${escapeRegExp(variable)}(?![\w$])`;
  if (cachedRegExp(String.raw`${ref}\s*[?!]?(?:\.|->|::)\s*(?:${STATUS_MEMBERS})\b`).test(text)) return undefined;
  // A truth test (`if resp:` is requests' ok flag), a `case`/`match`/`switch` on the response.
  if (cachedRegExp(String.raw`\b(?:if|unless|elif|case|match|switch|when)\s*\(?\s*(?:not\s+|!)?${ref}\s*[):{\n]`).test(text)) return undefined;
  // Handed to a call other than a body reader: that call may read the status.
  const readers = cachedRegExp(String.raw`(?:${BODY_READERS})\s*\(\s*&?${ref}`, 'g');
  if (cachedRegExp(String.raw`[\w$>]\s*\(\s*(?:[^()]*,\s*)?&?${ref}\s*[,)]`).test(text.replace(readers, ''))) return undefined;
  if (cachedRegExp(String.raw`\breturn\s+(?:await\s+)?${ref}\s*(?:[;)\n]|$)`).test(text)) return 'returned';
  const use = cachedRegExp(String.raw`${ref}\s*[?!]*(?:\.|->)\s*(?:${BODY_MEMBERS})\b|${ref}\s*\[|(?:${BODY_READERS})\s*\(\s*&?${ref}`).exec(text);
  if (!use) return undefined;
  const at = from + use.index;
  return { use: ctx.doc.tree!.rootNode.descendantForIndex(at, at + use[0].length) ?? undefined, how: 'its body is used as the answer' };
}

/** The call is a statement of its own (awaited or not): its result goes nowhere. */
function droppedResult(node: Node): boolean {
  let n: Node | null = node.parent;
  while (n && /^(await|await_expression|parenthesized_expression)$/.test(n.type)) n = n.parent;
  return n?.type === 'expression_statement' || n?.type === 'body_statement' || n?.type === 'block' || n?.type === 'method';
}

/** Calls of `fn` by name in the file, as `x = fn(…)` / `self.fn(…)` (one level). */
function callersOf(ctx: DiagContext, fn: FnInfo): CallInfo[] {
  if (!fn.name) return [];
  return ctx.flow.calls.filter((c) => c.name === fn.name && c.fn && c.fn !== fn && (!c.receiver || /^(self|this|cls|@?\w+)$/.test(c.receiver)));
}
