/**
 * C# `client.SendAsync(message)` under the retry fix: an HttpRequestMessage cannot be sent twice, so
 * the helper takes a factory building a fresh message per attempt. The factory is the message's
 * creation expression: written inline at the call, or taken from a local `var request = new
 * HttpRequestMessage(…) { … };` whose only other use is this call (the declaration is then removed).
 * A message that is configured after its creation (`request.Headers.Add(…)`) or used elsewhere is
 * not rewritten: the factory would lose that configuration. POST/PATCH get an Idempotency-Key
 * generated once, before the call, and added to every attempt's message.
 */
import type { Node } from 'web-tree-sitter';
import type { HttpMethod } from '../diagnostics/findingData';
import { ancestor } from './text';

const KEY_INIT = 'Headers = { { "Idempotency-Key", idempotencyKey } }';

export interface SendFactory {
  creation: string;
  token?: string;
  keyed: boolean;
  remove?: Array<[number, number]>;
}

/** The creation expression with the key header added to its object initializer. */
function withKey(creation: Node): string | undefined {
  const init = creation.childForFieldName('initializer') ?? creation.namedChildren.find((n) => n?.type === 'initializer_expression');
  if (!init) return `${creation.text} { ${KEY_INIT} }`;
  if (/\bHeaders\s*=/.test(init.text)) return undefined;
  const inside = init.text.slice(1, -1).trim().replace(/,$/, '');
  return creation.text.slice(0, init.startIndex - creation.startIndex) + `{ ${inside ? inside + ', ' : ''}${KEY_INIT} }`;
}

const unwrap = (arg: Node | undefined) => (arg?.type === 'argument' ? arg.namedChildren.find((n) => n && n.type !== 'comment') ?? undefined : arg);

export function csharpSendFactory(call: Node, method: HttpMethod): SendFactory | undefined {
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  if (args.length < 1 || args.length > 2 || args.some((a) => /^\s*@?\w+\s*:(?!:)/.test(a.text))) return undefined;
  if (args[1] && /HttpCompletionOption/.test(args[1].text)) return undefined; // the helper has no such overload
  const message = unwrap(args[0]);
  if (!message) return undefined;
  let creation: Node | undefined;
  let remove: Array<[number, number]> | undefined;
  if (message.type === 'object_creation_expression') creation = message;
  else if (message.type === 'identifier') {
    const found = declaration(call, message.text);
    if (!found) return undefined;
    creation = found.creation;
    remove = [found.span];
  }
  if (!creation || !/^new\s+(System\.Net\.Http\.)?HttpRequestMessage\b/.test(creation.text)) return undefined;
  const verb = /HttpMethod\.(\w+)/.exec(creation.text)?.[1]?.toUpperCase() ?? method;
  const keyed = verb === 'POST' || verb === 'PATCH';
  const text = keyed ? withKey(creation) : creation.text;
  if (!text) return undefined;
  return { creation: text, token: args[1] ? unwrap(args[1])?.text : undefined, keyed, remove };
}

/** `var name = new HttpRequestMessage(…);` in the same method, with `name` used only there and at the call. */
function declaration(call: Node, name: string): { creation: Node; span: [number, number] } | undefined {
  const method = ancestor(call, ['method_declaration', 'local_function_statement', 'lambda_expression', 'constructor_declaration']);
  if (!method) return undefined;
  const uses = method.descendantsOfType('identifier').filter((n) => n?.text === name);
  if (uses.length !== 2) return undefined;
  const declarator = uses[0]?.parent;
  if (declarator?.type !== 'variable_declarator') return undefined;
  const creation = declarator.namedChildren.find((n) => n?.type === 'object_creation_expression') ?? undefined;
  const stmt = ancestor(declarator, ['local_declaration_statement']);
  if (!creation || !stmt || stmt.descendantsOfType('variable_declarator').length !== 1) return undefined;
  if (stmt.endIndex > call.startIndex) return undefined;
  // The whole line(s) of the statement, when nothing else shares them.
  const text = stmt.tree.rootNode.text;
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const lineEnd = text.indexOf('\n', stmt.endIndex);
  if (text.slice(lineStart, stmt.startIndex).trim() || text.slice(stmt.endIndex, lineEnd < 0 ? text.length : lineEnd).trim()) return undefined;
  return { creation, span: [lineStart, lineEnd < 0 ? text.length : lineEnd + 1] };
}
