import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';

const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};
/** Net::HTTP's class methods: `Net::HTTP.get_response(uri)`, `Net::HTTP.post(uri, body, headers)`. */
const NET_HTTP_CLASS = /^(?:::)?Net::HTTP$/;
const NET_HTTP_CLASS_CALLS: Record<string, HttpMethod> = { get: 'GET', get_response: 'GET', get_print: 'GET', post: 'POST', post_form: 'POST' };
/** A Net::HTTP session or a Faraday/Excon connection by its name: `http`, `conn`, `@connection`, `api_client`. */
const CONNECTION = /^@{0,2}(https?|conn|connection|faraday|client|api|session|net_http|\w+_(conn|connection|client|http|api))$/;
/** Net::HTTP instance calls: `http.request(req)`, `http.get(path)`, `http.request_post(path, body)`. */
const NET_HTTP_VERB = /^(request_)?(get|head|post|put|patch|delete|options)$|^get2$|^post2$/;
/** Libraries called on their module: `HTTParty.get`, `RestClient.post`, `Faraday.get`, `Excon.get`, `HTTP.get` (http.rb). */
const MODULE_CLIENTS: Record<string, HttpLibrary> = { HTTParty: 'httparty', RestClient: 'rest-client', Faraday: 'faraday', Excon: 'excon', HTTP: 'http.rb', Typhoeus: 'typhoeus' };

/** The HTTP request a Ruby call sends, if it is one. */
export function rubyRequest(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod } | undefined {
  const name = call.name;
  const receiver = call.receiver ?? '';
  if (NET_HTTP_CLASS.test(receiver)) return NET_HTTP_CLASS_CALLS[name] ? { library: 'Net::HTTP', method: NET_HTTP_CLASS_CALLS[name] } : undefined;
  const module = MODULE_CLIENTS[receiver.replace(/^::/, '')];
  if (module && VERBS[name]) return { library: module, method: VERBS[name] };
  // Dynamic dispatch of the verb: `RestClient.send(type, *attributes)`, `HTTParty.public_send(:post, url, …)`.
  if (module && /^(send|public_send|__send__)$/.test(name)) {
    const verb = /^\(?\s*:(\w+)/.exec(call.node.childForFieldName('arguments')?.text ?? '')?.[1];
    return { library: module, method: VERBS[verb ?? ''] ?? 'UNKNOWN' };
  }
  // `RestClient::Request.execute(method: :post, url: …)`
  if (name === 'execute' && /^(?:::)?RestClient::Request$/.test(receiver)) return { library: 'rest-client', method: methodOption(call) };
  // An HTTParty class calling its own verbs: `self.class.get(path)`, `get("/users")` in `include HTTParty`.
  if (VERBS[name] && (receiver === 'self.class' || receiver === 'self' || !receiver) && /^\s*include\s+HTTParty\b/m.test(flow.text)) {
    return call.node.childForFieldName('arguments') ? { library: 'httparty', method: VERBS[name] } : undefined;
  }
  if (!CONNECTION.test(receiver)) return undefined;
  const library = libraryOf(flow);
  const verb = NET_HTTP_VERB.exec(name);
  if (verb && (verb[2] || /2$/.test(name))) {
    const method = VERBS[verb[2] ?? (name === 'get2' ? 'get' : 'post')];
    return call.node.childForFieldName('arguments') || library === 'faraday' ? { library, method } : undefined;
  }
  // `http.request(req)` with `req = Net::HTTP::Post.new(uri)`; Excon `connection.request(method: :post)`
  if (name === 'request' && call.node.childForFieldName('arguments')) {
    const built = /Net::HTTP::(Get|Post|Put|Patch|Delete|Head|Options)\.new/.exec(call.fn?.node.text ?? flow.text);
    return { library, method: built ? (built[1].toUpperCase() as HttpMethod) : methodOption(call) };
  }
  // Faraday `conn.run_request(:post, url, body, headers)`
  if (name === 'run_request') return { library: 'faraday', method: VERBS[/^\(?\s*:(\w+)/.exec(call.node.childForFieldName('arguments')?.text ?? '')?.[1] ?? ''] ?? 'UNKNOWN' };
  return undefined;
}

/** Which library a connection belongs to, by what the file requires or builds. */
function libraryOf(flow: FileFlow): HttpLibrary {
  if (flow.imports.includes('faraday') || /\bFaraday(\.new|::Connection)\b/.test(flow.text)) return 'faraday';
  if (flow.imports.includes('excon') || /\bExcon\.new\b/.test(flow.text)) return 'excon';
  if (flow.imports.some((m) => m.startsWith('net/http')) || /\bNet::HTTP\b/.test(flow.text)) return 'Net::HTTP';
  return 'unknown';
}

/** `method: :post` among the call's options. */
function methodOption(call: CallInfo): HttpMethod {
  const m = /\bmethod:\s*:?["']?(\w+)/.exec(call.node.text) ?? /:method\s*=>\s*:?["']?(\w+)/.exec(call.node.text);
  return VERBS[(m?.[1] ?? '').toLowerCase()] ?? 'UNKNOWN';
}
