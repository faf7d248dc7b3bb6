import type { HttpLibrary, HttpMethod } from './findingData';
import type { CallInfo, FileFlow } from './flow/flowModel';
import { methodFromFirstString, VERBS } from './httpMethods';

const PY_CLIENT = /^_?(requests|httpx|session|sess|s|client|http|http_?client|async_?client|api|pool|aiohttp)$|^_?\w*_(session|http_?client|client)$|^_?(http|api)_\w+$/i;

/** The HTTP request a Python call sends (urllib, requests and its sessions, httpx, aiohttp, urllib3), if it is one. */
export function pythonRequest(flow: FileFlow, call: CallInfo, name: string, receiverLast: string): { library: HttpLibrary; method: HttpMethod } | undefined {
  // urllib: `urlopen(url)`, `urllib.request.urlopen(req, timeout=5)`.
  if (name === 'urlopen' && (!call.receiver || /^(urllib\.request|request|urllib2|urllib)$/.test(call.receiver))) {
    return { library: 'urllib', method: /\bmethod\s*=\s*['"]([A-Z]+)['"]/.test(call.node.text) ? methodFromFirstString(call.node) : 'GET' };
  }
  // (A receiver of any name the file binds to a requests session: `self._oauth = OAuth2Session(…)`.)
  // (`Session().send(req)`, `requests.Session().get(u)`: a session made for the one call.)
  const fresh = /^(?:requests\.)?Session\(\s*\)$/.test(call.receiver ?? '') && (call.receiver!.startsWith('requests.') || /^\s*from\s+requests\s+import\s+[^\n]*\bSession\b/m.test(flow.text));
  if (!fresh && !PY_CLIENT.test(receiverLast) && !(call.receiver && boundToSession(flow, call.receiver))) return undefined;
  // An ORM session (`db.session.delete(card)`, SQLAlchemy's `session.get(User, 5)`) or a web framework's session
  // (`request.session.get("user")`) is not an HTTP client.
  if (ormSession(flow, call)) return undefined;
  // `from dlt.sources.helpers import requests`: a project's or framework's own `requests` (often a retrying,
  // time-limited wrapper), not the requests package: the calls are requests of a client the file does not show.
  const library: HttpLibrary = fresh ? 'requests' : receiverLast === 'requests' && reboundRequests(flow) ? 'unknown'
    : receiverLast === 'requests' ? 'requests'
    : /httpx/.test(call.receiver ?? '') || flow.imports.includes('httpx') ? 'httpx'
    : flow.imports.includes('aiohttp') ? 'aiohttp'
    // (urllib3 imported for its Retry does not make a name bound to `requests.Session()` a urllib3 pool.)
    : flow.imports.some((m) => m.startsWith('urllib3')) && receiverLast !== 'requests' && !boundToSession(flow, call.receiver ?? '') ? 'urllib3' : 'requests';
  if (VERBS[name]) return { library, method: VERBS[name] };
  if (name === 'request') return { library, method: methodFromFirstString(call.node) };
  // requests-oauthlib: an OAuth2Session is a requests.Session whose token calls POST to the token endpoint, and so
  // is an OAuth1Session, whose request-token and access-token calls POST too.
  if (/^(fetch_token|refresh_token|fetch_request_token|fetch_access_token)$/.test(name) && library === 'requests' && boundToSession(flow, call.receiver ?? '')) return { library, method: 'POST' };
  // `session.send(prepared)`: a prepared request (its method was set where it was built).
  if (name === 'send' && library === 'requests' && receiverLast !== 'requests') return { library, method: 'UNKNOWN' };
  return undefined;
}

/** The file binds `requests` to a module of another package (`from dlt.sources.helpers import requests`). */
function reboundRequests(flow: FileFlow): boolean {
  let known = rebound.get(flow);
  if (known === undefined) {
    known = /^[ \t]*from[ \t]+(?!requests\b)[\w.]+[ \t]+import[ \t]+(?:\(?[^\n]*,[ \t]*)?requests\b(?![ \t]+as\b)/m.test(flow.text) || /^[ \t]*import[ \t]+(?!requests\b)[\w.]+[ \t]+as[ \t]+requests\b/m.test(flow.text);
    rebound.set(flow, known);
  }
  return known;
}

const rebound = new WeakMap<FileFlow, boolean>();

/**
 * The receiver (`session`, `self.session`) is bound in this file to `requests.Session()` (assigned, or `with … as`),
 * or to requests-oauthlib's `OAuth2Session(…)` / `OAuth1Session(…)`, subclasses. The names are read once per file.
 */
function boundToSession(flow: FileFlow, receiver: string): boolean {
  let names = sessionNames.get(flow);
  if (!names) {
    names = new Set();
    // (A bare `Session()` is requests' only when imported from it: SQLAlchemy has one too.)
    const bare = /^\s*from\s+requests\s+import\s+[^\n]*\bSession\b/m.test(flow.text) ? '?' : '';
    const oauth = flow.imports.some((m) => m.startsWith('requests_oauthlib')) ? '|(?:requests_oauthlib\\.)?OAuth[12]Session' : '';
    const session = `(?:(?:requests\\.)${bare}Session${oauth})`;
    const pattern = new RegExp(`(?:^|[\\s;(.])(\\w+)\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*${session}\\(|\\bwith\\s+${session}\\([^)]*\\)\\s+as\\s+(\\w+)\\b`, 'gm');
    for (const m of flow.text.matchAll(pattern)) names.add(m[1] ?? m[2]);
    sessionNames.set(flow, names);
  }
  return names.has(receiver.replace(/^self\./, ''));
}

const sessionNames = new WeakMap<FileFlow, Set<string>>();

/** A database session: `db.session`, or a session in a file that imports SQLAlchemy whose first argument is no address. */
function ormSession(flow: FileFlow, call: CallInfo): boolean {
  const receiver = call.receiver ?? '';
  if (/(^|\.)(db|database|orm)\.session$|^db_?session$/i.test(receiver)) return true;
  // A web framework's session, a dict: `request.session.get("user", {})`, Flask's `session.get("token")` — a key, not a URL.
  if (/(^|\.)(request|req)\.session$|^session$/.test(receiver)) {
    const key = flow.adapter.callArguments(call.node)[0]?.text ?? '';
    if (/^["'][\w.-]*["']$/.test(key)) return true;
  }
  if (!flow.imports.some((m) => /^(sqlalchemy|flask_sqlalchemy|sqlmodel)\b/.test(m))) return false;
  const first = flow.adapter.callArguments(call.node)[0]?.text ?? '';
  return !/^[rfb]?["']|url|uri|endpoint|path|href|link/i.test(first);
}
