/**
 * Ruby request calls rewritten into the Net::HTTP template's helper (templates/ruby.ts), arguments kept verbatim:
 *   `http.request(req)`            → `request_with_retry(http, req)`
 *   `Net::HTTP.get_response(uri)`  → `Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == "https") { |http| request_with_retry(http, Net::HTTP::Get.new(uri)) }`
 * A POST/PATCH request object gets an `Idempotency-Key` first (`req["Idempotency-Key"] ||= SecureRandom.uuid`), so every
 * attempt carries the same key. Other libraries (Faraday, HTTParty…) get no rewrite: their own retry options differ.
 */
import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';

const SIMPLE = /^[@]{0,2}[a-z_]\w*$/;

export function rubyRewrite(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  if (library !== 'Net::HTTP' || call.type !== 'call') return undefined;
  const name = call.childForFieldName('method')?.text ?? '';
  const receiver = call.childForFieldName('receiver')?.text ?? '';
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  if (call.childForFieldName('block')) return undefined;
  if (name === 'request' && args.length === 1 && SIMPLE.test(receiver) && SIMPLE.test(args[0].text)) {
    const keyed = method === 'POST' || method === 'PATCH';
    return {
      library: 'Net::HTTP',
      text: `request_with_retry(${receiver}, ${args[0].text})`,
      before: keyed ? [`${args[0].text}["Idempotency-Key"] ||= SecureRandom.uuid`] : undefined,
      extraImports: keyed ? ['require "securerandom"'] : undefined,
      awaited: false,
    };
  }
  if (name === 'get_response' && /^(?:::)?Net::HTTP$/.test(receiver) && args.length === 1 && SIMPLE.test(args[0].text)) {
    const uri = args[0].text;
    return {
      library: 'Net::HTTP',
      text: `Net::HTTP.start(${uri}.host, ${uri}.port, use_ssl: ${uri}.scheme == "https") { |http| request_with_retry(http, Net::HTTP::Get.new(${uri})) }`,
      awaited: false,
    };
  }
  return undefined;
}
