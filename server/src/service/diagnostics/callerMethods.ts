import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { CallInfo, FnInfo } from './flow/flowModel';
import { parameterAt } from './statusSets';

/*
 * The methods the file's own callers hand a helper that sends whatever method it is given
 * (`def _request(self, method, url)` called as `self._request("GET", url)`): when every caller of the file passes
 * a read, the helper's retries re-send reads only.
 */

const METHOD_PARAM = /^(method|http_?method|verb|httpMethod)$/i;
const METHOD_LITERAL = /^['"`]([A-Za-z]+)['"`]$|^(?:HttpMethod|Method|http\.Method|requests\.)\.?(Get|Head|Options|Put|Delete|Post|Patch|GET|HEAD|OPTIONS|PUT|DELETE|POST|PATCH)\b|^:(get|head|options|put|delete|post|patch)$/;

/**
 * The methods the callers of `fn` in this file pass it, upper-cased; undefined when it has no caller here or one
 * passes something the file does not show (a variable, a spread).
 */
export function methodsFromCallers(ctx: DiagContext, fn: FnInfo | undefined): Set<string> | undefined {
  if (!fn?.name) return undefined;
  const index = methodParameterIndex(fn);
  if (index < 0) return undefined;
  const methods = new Set<string>();
  // A method's callers are its class's own (`self._request(…)`): another class of the file may have one of that name.
  const home = classOf(fn.node);
  for (const call of ctx.flow.calls) {
    if (call.name !== fn.name || (call.start >= fn.start && call.end <= fn.end)) continue;
    if (home && (!call.fn || classOf(call.fn.node)?.id !== home.id)) continue;
    const method = literalMethodAt(ctx, call, index);
    if (!method) return undefined;
    methods.add(method);
  }
  return methods.size > 0 ? methods : undefined;
}

/**
 * The method one call hands `fn` as a literal, upper-cased: at its method parameter (`self._send("POST", …)`), as a
 * keyword (`method="post"`, forwarded through `**kwargs`), or in an options object or array (`this.call('/posts', { method:
 * 'POST', body })` forwarded as `fetch(url, { ...init })`, PHP `['method' => 'POST']`, Ruby `method: :post`): a caller
 * writes a method there for the request to use it.
 */
export function methodHanded(ctx: DiagContext, fn: FnInfo, call: CallInfo): string | undefined {
  const index = methodParameterIndex(fn);
  const positional = index < 0 ? undefined : literalMethodAt(ctx, call, index);
  if (positional) return positional;
  for (const arg of ctx.flow.adapter.callArguments(call.node)) {
    const m = OPTION_METHOD.exec(arg.text);
    if (m) return m[1].toUpperCase();
  }
  return undefined;
}

/** A `method` keyword argument, or the `method` key of an object argument, set to a literal method. */
const OPTION_METHOD = /^(?:method\s*=\s*|[{[][^{}[\]]*?['"]?\bmethod['"]?\s*(?::|=>)\s*)(?:['"`]|:)(get|head|options|put|delete|post|patch)\b/i;

/** The position of the function's method parameter (`method`, `verb`…), or -1. */
function methodParameterIndex(fn: FnInfo): number {
  for (let i = 0; i < 6; i++) {
    const name = parameterAt(fn, i);
    if (name && METHOD_PARAM.test(name)) return i;
  }
  return -1;
}

function literalMethodAt(ctx: DiagContext, call: CallInfo, index: number): string | undefined {
  const args = ctx.flow.adapter.callArguments(call.node);
  // A keyword argument names it (`method="POST"`); otherwise the position does.
  const keyword = args.find((a) => /^(method|http_?method|verb)\s*[=:]/i.test(a.text));
  const arg = keyword ? keyword.text.replace(/^[^=:]*[=:]\s*/, '') : args[index]?.text;
  const m = arg ? METHOD_LITERAL.exec(arg.trim()) : null;
  return m ? (m[1] ?? m[2] ?? m[3]).toUpperCase() : undefined;
}

/**
 * What the callers of a helper that sends whatever method it is given hand it is only reads: every caller in the file
 * passes a read, or — with none here — every caller in the files that import it is named for asking (`inferBySchema`
 * handing `fetchRetry(url, { method: 'POST', … })` a question).
 */
export function handedOnlyReads(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (onlySafeMethods(methodsFromCallers(ctx, fn))) return true;
  if (!fn?.name || ctx.flow.calls.some((c) => c.name === fn.name && !(c.start >= fn.start && c.end <= fn.end))) return false;
  return ctx.workspace?.callersRetry(fn.name)?.asks === true;
}

/** Only reads (or idempotent writes): nothing a retry could apply twice. */
export function onlySafeMethods(methods: Set<string> | undefined): boolean {
  return !!methods && [...methods].every((m) => m !== 'POST' && m !== 'PATCH');
}

/** The class a function is declared in, if any. */
function classOf(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (CLASS.test(n.type)) return n;
  return undefined;
}

const CLASS = /^(class_definition|class_declaration|class|class_body|object_declaration|struct_declaration|impl_item)$/;
