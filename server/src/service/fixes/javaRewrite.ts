import type { Node } from 'web-tree-sitter';
import type { HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';
import { namedArgs, UNSAFE } from './rewriteArguments';

/** `client.send(request, handler)` → `HttpRetry.send(client, request, handler)`. */
export function javaRewrite(call: Node, method: HttpMethod): CallRewrite | undefined {
  if (call.type !== 'method_invocation' || call.childForFieldName('name')?.text !== 'send') return undefined;
  const receiver = call.childForFieldName('object')?.text;
  const args = namedArgs(call.childForFieldName('arguments'));
  if (!receiver || args.length !== 2) return undefined;
  let request = args[0].text;
  const extraImports: string[] = [];
  if (UNSAFE.has(method)) {
    const header = `.header("Idempotency-Key", UUID.randomUUID().toString())`;
    request = /\.build\(\)\s*$/.test(request)
      ? request.replace(/\.build\(\)\s*$/, `${header}.build()`)
      : `HttpRequest.newBuilder(${request}, (name, value) -> true)${header}.build()`;
    extraImports.push('import java.util.UUID;');
  }
  return { library: 'java.net.http', text: `HttpRetry.send(${receiver}, ${request}, ${args[1].text})`, extraImports, awaited: false };
}
