import type { Node } from 'web-tree-sitter';
import type { HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { cachedRegExp } from '../regexCache';
import { escapeRegExp } from './regexText';

/* The HTTP method of a request as its code writes it: a verb's name, a string argument, fetch's options, a builder. */

/** Client methods named for their verb. */
export const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};

/** The method a text names (`post`, `GET`); UNKNOWN for anything else. */
export function toMethod(text: string | undefined): HttpMethod {
  const upper = (text ?? '').toUpperCase();
  return (['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH', 'TRACE'] as const).find((m) => m === upper) ?? 'UNKNOWN';
}

/** The first string argument of the call as a method: `requests.request('POST', url)`. */
export function methodFromFirstString(call: Node): HttpMethod {
  const m = /\(\s*['"]([A-Za-z]+)['"]/.exec(call.text);
  return toMethod(m?.[1]);
}

/** fetch-style options: `{ method: 'POST' }`, a method with a fallback, or none (GET unless a body says otherwise). */
export function methodFromOptions(call: Node): HttpMethod {
  const text = call.text + localOptions(call);
  const m = /method\s*:\s*['"`]([A-Za-z]+)['"`]/.exec(text);
  if (m) return toMethod(m[1]);
  // `{ method: webhook.method || 'POST' }`: chosen at run time, and a write unless told otherwise.
  const fallback = /\bmethod\s*:\s*[\w$.?]+\s*(?:\|\||\?\?)\s*['"`]([A-Za-z]+)['"`]/.exec(text);
  if (fallback) return toMethod(fallback[1]);
  // `{ method: webhook.method }`, `{ method, body }`: a method chosen at run time; a body with no method is no GET either;
  // nor options spread from elsewhere (`{ ...init, headers }`), which may carry one.
  return /[{,]\s*method\s*[:,}]|\bbody\s*:|[{,]\s*\.\.\./.test(text) ? 'UNKNOWN' : 'GET';
}

/**
 * The object literal a local handed as the options was set to in the same function (`const options = { ...init,
 * headers }` before `fetch(url, options)`), as text; empty when the options are written in the call or not found.
 */
export function localOptions(call: Node): string {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null) ?? [];
  const options = args[1];
  if (options?.type !== 'identifier') return '';
  let scope: Node | null = call.parent;
  while (scope && !/function|method_definition|arrow_function|program/.test(scope.type)) scope = scope.parent;
  if (!scope) return '';
  const m = cachedRegExp(`\\b(?:const|let|var)\\s+${escapeRegExp(options.text)}\\s*(?::[^=;]+)?=\\s*(\\{[^;]*)`).exec(scope.text);
  return m ? ' ' + m[1] : '';
}

/** Java/C#: the request builder in the same function (`.POST(`, `HttpMethod.Post`, `.method("PATCH"`). */
export function methodFromBuilder(flow: FileFlow, call: CallInfo): HttpMethod {
  const scope = call.fn?.node.text ?? flow.text;
  const m = /\.(POST|PUT|DELETE|GET|PATCH)\s*\(|HttpMethod\.(Post|Put|Delete|Get|Patch)\b|method\(\s*"([A-Z]+)"|\.(post|put|patch|delete|get)\(\)/.exec(scope);
  return toMethod(m?.[1] ?? m?.[2] ?? m?.[3] ?? m?.[4]);
}

/** Apache HttpClient: the request object's class (`new HttpPost(url)`) in the same function. */
export function methodFromApache(flow: FileFlow, call: CallInfo): HttpMethod {
  const m = /new\s+Http(Get|Post|Put|Patch|Delete|Head)\b|ClassicRequestBuilder\.(get|post|put|patch|delete)\b|SimpleRequestBuilder\.(get|post|put|patch|delete)\b/.exec(call.fn?.node.text ?? flow.text);
  return toMethod(m?.[1] ?? m?.[2] ?? m?.[3]);
}
