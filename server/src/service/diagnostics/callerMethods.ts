import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';
import { parameterAt } from './statusSets';

/*
 * The methods the file's own callers hand a helper that sends whatever method it is given
 * (`def _request(self, method, url)` called as `self._request("GET", url)`): when every caller of the file passes
 * a read, the helper's retries re-send reads only.
 */

const METHOD_PARAM = /^(method|http_?method|verb|httpMethod)$/i;
const METHOD_LITERAL = /^['"`]([A-Za-z]+)['"`]$|^(?:HttpMethod|Method|http\.Method|requests\.)\.?(Get|Head|Options|Put|Delete|Post|Patch|GET|HEAD|OPTIONS|PUT|DELETE|POST|PATCH)\b/;

/**
 * The methods the callers of `fn` in this file pass it, upper-cased; undefined when it has no caller here or one
 * passes something the file does not show (a variable, a spread).
 */
export function methodsFromCallers(ctx: DiagContext, fn: FnInfo | undefined): Set<string> | undefined {
  if (!fn?.name) return undefined;
  let index = -1;
  for (let i = 0; i < 6; i++) {
    const name = parameterAt(fn, i);
    if (name && METHOD_PARAM.test(name)) {
      index = i;
      break;
    }
  }
  if (index < 0) return undefined;
  const methods = new Set<string>();
  // A method's callers are its class's own (`self._request(…)`): another class of the file may have one of that name.
  const home = classOf(fn.node);
  for (const call of ctx.flow.calls) {
    if (call.name !== fn.name || (call.start >= fn.start && call.end <= fn.end)) continue;
    if (home && (!call.fn || classOf(call.fn.node)?.id !== home.id)) continue;
    const args = ctx.flow.adapter.callArguments(call.node);
    // A keyword argument names it (`method="POST"`); otherwise the position does.
    const keyword = args.find((a) => /^(method|http_?method|verb)\s*[=:]/i.test(a.text));
    const arg = keyword ? keyword.text.replace(/^[^=:]*[=:]\s*/, '') : args[index]?.text;
    const m = arg ? METHOD_LITERAL.exec(arg.trim()) : null;
    if (!m) return undefined;
    methods.add((m[1] ?? m[2]).toUpperCase());
  }
  return methods.size > 0 ? methods : undefined;
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
