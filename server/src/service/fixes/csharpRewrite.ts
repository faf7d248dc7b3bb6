import type { Node } from 'web-tree-sitter';
import type { HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';
import { csharpSendFactory } from './csharpSend';
import { isAwaited, namedArgs, UNSAFE } from './rewriteArguments';

/** `client.GetAsync(url)` → `HttpRetry.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, url))`. */
export function csharpRewrite(call: Node, method: HttpMethod): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  if (call.type !== 'invocation_expression' || fn?.type !== 'member_access_expression') return undefined;
  const receiver = fn.childForFieldName('expression')?.text;
  const name = fn.childForFieldName('name')?.text ?? '';
  if (name === 'SendAsync' && receiver) return csharpSend(call, receiver, method);
  const args = namedArgs(call.childForFieldName('arguments')).map((a) => a.text);
  const verbs: Record<string, string> = { GetAsync: 'Get', DeleteAsync: 'Delete', PostAsync: 'Post', PutAsync: 'Put', PatchAsync: 'Patch' };
  const verb = verbs[name];
  if (!receiver || !verb || !args[0]) return undefined;
  const inits: string[] = [];
  const hasContent = ['Post', 'Put', 'Patch'].includes(verb);
  if (hasContent && args[1]) inits.push(`Content = ${args[1]}`);
  let before: string[] | undefined;
  if (UNSAFE.has(verb.toUpperCase())) {
    inits.push('Headers = { { "Idempotency-Key", idempotencyKey } }');
    before = ['var idempotencyKey = Guid.NewGuid().ToString();'];
  }
  const extra = args.slice(hasContent ? 2 : 1);
  const message = `new HttpRequestMessage(HttpMethod.${verb}, ${args[0]})${inits.length ? ` { ${inits.join(', ')} }` : ''}`;
  return { library: 'HttpClient', text: `HttpRetry.SendAsync(${receiver}, () => ${message}${extra.length ? ', ' + extra.join(', ') : ''})`, before, extraImports: ['using System;'], awaited: isAwaited(call) };
}

/** `client.SendAsync(message)`: the message becomes the per-attempt factory (see csharpSend.ts). */
function csharpSend(call: Node, receiver: string, method: HttpMethod): CallRewrite | undefined {
  const factory = csharpSendFactory(call, method);
  if (!factory) return undefined;
  const before = factory.keyed ? ['var idempotencyKey = Guid.NewGuid().ToString();'] : undefined;
  const text = `HttpRetry.SendAsync(${receiver}, () => ${factory.creation}${factory.token ? ', ' + factory.token : ''})`;
  return { library: 'HttpClient', text, before, remove: factory.remove, extraImports: ['using System;'], awaited: isAwaited(call) };
}
