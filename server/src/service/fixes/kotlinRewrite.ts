/**
 * OkHttp request calls rewritten into the Kotlin template's helper (templates/kotlin.ts), arguments kept verbatim:
 *   `client.newCall(request).execute()`  → `executeWithRetry(client, request)`
 * A POST/PATCH request gets an `Idempotency-Key` once for the logical request (kept when it already has one), so every
 * attempt re-sends the same key. Ktor, Retrofit and Spring get no rewrite: their own retry configuration differs
 * (Ktor: the HttpRequestRetry plugin).
 */
import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';

function named(node: Node | null | undefined): Node[] {
  return (node?.namedChildren ?? []).filter((n): n is Node => !!n && !n.type.includes('comment'));
}

/** `receiver.name(args)` as [receiver, name, args] when the call has that shape (no trailing lambda). */
function methodCall(call: Node): [Node, string, Node[]] | undefined {
  const [callee, args, ...rest] = named(call);
  if (rest.length > 0 || callee?.type !== 'navigation_expression' || args?.type !== 'value_arguments') return undefined;
  const parts = named(callee);
  const name = parts[parts.length - 1];
  if (parts.length !== 2 || name.type !== 'identifier') return undefined;
  return [parts[0], name.text, named(args)];
}

export function kotlinRewrite(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  if (library !== 'okhttp' || call.type !== 'call_expression') return undefined;
  const execute = methodCall(call);
  if (!execute || execute[1] !== 'execute' || execute[2].length !== 0 || execute[0].type !== 'call_expression') return undefined;
  const newCall = methodCall(execute[0]);
  if (!newCall || newCall[1] !== 'newCall' || newCall[2].length !== 1) return undefined;
  const client = newCall[0].text;
  let request = named(newCall[2][0]).pop()?.text ?? newCall[2][0].text;
  const keyed = method === 'POST' || method === 'PATCH';
  if (keyed) request = `${request}.let { r -> r.newBuilder().header("Idempotency-Key", r.header("Idempotency-Key") ?: UUID.randomUUID().toString()).build() }`;
  return { library: 'okhttp', text: `executeWithRetry(${client}, ${request})`, extraImports: keyed ? ['import java.util.UUID'] : undefined, awaited: false };
}
