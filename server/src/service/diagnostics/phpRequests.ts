import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';

const VERBS: Record<string, HttpMethod> = {
  get: 'GET', head: 'HEAD', options: 'OPTIONS', put: 'PUT', delete: 'DELETE', post: 'POST', patch: 'PATCH',
};
/** A Guzzle / Symfony / PSR-18 client by its name: `$client`, `$this->httpClient`, `$guzzle`, `$this->http`. */
const CLIENT = /(?:^|->|::)\$?(client|http|guzzle|httpClient|http_client|api|\w+Client|\w+_client)$/;
/** A call of the project's that hands back a client: `self::buildHttpClient()`, `$this->http()`, `$this->getClient()`. */
const CLIENT_CALL = /(?:^|->|::)\$?(?:get|build|make|create|new)?_?(?:http_?client|httpClient|HttpClient|client|Client|http|Http|guzzle|Guzzle)\(\)$/;
/** Laravel's HTTP facade and its pending requests: `Http::get(…)`, `Http::withToken($t)->retry(3, 100)->post(…)`. */
const LARAVEL = /^\\?(Illuminate\\Support\\Facades\\)?Http(::|$)/;

/** The HTTP request a PHP call sends, if it is one. */
export function phpRequest(flow: FileFlow, call: CallInfo): { library: HttpLibrary; method: HttpMethod } | undefined {
  const name = call.name;
  const receiver = call.receiver ?? '';
  const verb = /^(get|head|options|put|delete|post|patch)(Async)?$/.exec(name);
  if (LARAVEL.test(receiver)) return verb ? { library: 'laravel-http', method: VERBS[verb[1]] } : name === 'send' ? { library: 'laravel-http', method: methodArgument(call) } : undefined;
  // curl: the request goes out at curl_exec($ch); CURLOPT_POST / CURLOPT_CUSTOMREQUEST in the function say the method.
  if (name === 'curl_exec' && !receiver) {
    const scope = call.fn?.node.text ?? flow.text;
    const custom = /CURLOPT_CUSTOMREQUEST\s*,\s*['"]([A-Z]+)['"]/.exec(scope)?.[1];
    return { library: 'curl', method: toMethod(custom ?? (/CURLOPT_POST(FIELDS)?\b/.test(scope) ? 'POST' : 'GET')) };
  }
  // WordPress's HTTP API: `wp_remote_get($url, $args)`, `wp_safe_remote_post(…)`, `wp_remote_request($url, ['method' => 'PUT'])`.
  const wordpress = !receiver && /^wp_(?:safe_)?remote_(get|post|head|request)$/.exec(name);
  if (wordpress) return { library: 'wordpress-http', method: wordpress[1] === 'request' ? methodOption(call) : VERBS[wordpress[1]] };
  // A client handed back by a function of the project (`self::buildHttpClient()->put(…)`, `$this->http()->get(…)`):
  // in a file using Laravel's facade, a pending request built on it.
  if (CLIENT_CALL.test(receiver) && /\bHttp::|Facades\\Http\b/.test(flow.text)) return verb ? { library: 'laravel-http', method: VERBS[verb[1]] } : undefined;
  if (!CLIENT.test(receiver) && !CLIENT_CALL.test(receiver)) return undefined;
  const library: HttpLibrary = /Symfony\\Component\\HttpClient|Symfony\\Contracts\\HttpClient/.test(flow.text) ? 'symfony-http-client' : 'guzzle';
  if (verb) return { library, method: VERBS[verb[1]] };
  // `$client->request('POST', $uri, $options)` (Guzzle and Symfony HttpClient)
  if (name === 'request' || name === 'requestAsync') return { library, method: methodArgument(call) };
  // `$client->send($request)` / PSR-18 `sendRequest($request)` with `new Request('POST', …)` in the function
  if (name === 'send' || name === 'sendAsync' || name === 'sendRequest') {
    const built = /new\s+(?:\\?[\w\\]*\\)?Request\(\s*['"]([A-Za-z]+)['"]/.exec(call.fn?.node.text ?? flow.text);
    return { library: library === 'symfony-http-client' ? 'psr-18' : library, method: toMethod(built?.[1]) };
  }
  return undefined;
}

/** Guzzle throws ClientException/ServerException for 4xx/5xx unless `http_errors` is turned off (`'http_errors' => false`, `$options['http_errors'] = false`). */
export function guzzleThrowsOnStatus(text: string): boolean {
  return !/['"]http_errors['"]\s*(=>|\]\s*=)\s*false/.test(text);
}

function methodArgument(call: CallInfo): HttpMethod {
  const m = /^\(\s*['"]([A-Za-z]+)['"]/.exec(call.node.childForFieldName('arguments')?.text ?? '');
  return toMethod(m?.[1]);
}

/** `'method' => 'PUT'` among the call's arguments (WordPress's request arguments); GET when none is written. */
function methodOption(call: CallInfo): HttpMethod {
  const args = call.node.childForFieldName('arguments')?.text ?? '';
  const m = /['"]method['"]\s*=>\s*(['"]?)([A-Za-z]+)\1/.exec(args);
  // Arguments built elsewhere (`wp_remote_request($url, $args)`) may set any method.
  if (!m) return /['"]method['"]|,\s*\$\w+\s*\)\s*$/.test(args) ? 'UNKNOWN' : 'GET';
  return m[1] ? toMethod(m[2]) : 'UNKNOWN';
}

function toMethod(text: string | undefined): HttpMethod {
  const upper = (text ?? '').toUpperCase();
  return (['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH', 'TRACE'] as const).find((m) => m === upper) ?? 'UNKNOWN';
}
