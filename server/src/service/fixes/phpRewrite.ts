/**
 * Guzzle request calls rewritten into the PHP template's helper (templates/php.ts), arguments kept verbatim:
 *   `$client->get($uri, $options)`              → `requestWithRetry($client, 'GET', $uri, $options)`
 *   `$this->client->request('PUT', $uri, $o)`  → `requestWithRetry($this->client, 'PUT', $uri, $o)`
 * A POST/PATCH gets an `Idempotency-Key` header generated once for the logical request (every attempt re-sends it).
 * Only Guzzle (the helper takes a GuzzleHttp\ClientInterface); Laravel, Symfony and curl get no rewrite.
 */
import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';

const VERBS = new Set(['get', 'head', 'options', 'put', 'delete', 'post', 'patch']);

export function phpRewrite(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  if (library !== 'guzzle' || call.type !== 'member_call_expression') return undefined;
  const name = call.childForFieldName('name')?.text ?? '';
  const client = call.childForFieldName('object')?.text ?? '';
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment').map((a) => a.text);
  let list: string[];
  if (VERBS.has(name) && args.length >= 1 && args.length <= 2) list = [`'${name.toUpperCase()}'`, ...args];
  else if (name === 'request' && args.length >= 2 && args.length <= 3) list = args;
  else return undefined;
  if (method === 'POST' || method === 'PATCH') {
    const key = "['headers' => ['Idempotency-Key' => bin2hex(random_bytes(16))]]";
    list = list.length === 3 ? [list[0], list[1], `array_merge_recursive(${list[2]}, ${key})`] : [...list, key];
  }
  return { library: 'guzzle', text: `requestWithRetry(${client}, ${list.join(', ')})`, awaited: false };
}
