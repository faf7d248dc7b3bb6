import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import type { CallInfo } from '../flow/flowModel';
import { appendArgument, inScope, type UnboundedRequest } from './unbounded';
import { escapeRegExp } from '../regexText';
import { feedparserFetches } from './pythonFeedFetches';

/**
 * Python: `requests` calls (module-level or on a `requests.Session()` built in this file — a session has no
 * default timeout), `urllib.request.urlopen`, feedparser fetching a feed by its address, and httpx asked explicitly to wait for ever (`timeout=None`).
 * Silent when the options come from the caller (`**kwargs`) in a file that names a timeout somewhere, when the file sets a process-wide socket
 * default (`socket.setdefaulttimeout`), and for a session of a class or adapter this file defines.
 */
/** A file written as a one-off script: it exits at module level, reads its command line, or runs as `__main__`. */
const ONE_OFF_SCRIPT = /^(?:sys\.)?(?:exit|quit)\s*\(|__name__\s*==\s*['"]__main__['"]|\bargparse\b|\bsys\.argv\b|^\s+(?:sys\.)?exit\s*\(\s*\d?\s*\)\s*$/m;

export function pythonUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  if (/\bsetdefaulttimeout\s*\(/.test(flow.text)) return [];
  const out: UnboundedRequest[] = [];
  // One answer per receiver: the file-wide reads below would otherwise run once per request.
  const sessions = new Map<string, boolean>();
  const isSession = (call: CallInfo, receiver = call.receiver ?? '') => {
    let known = sessions.get(receiver);
    if (known === undefined) sessions.set(receiver, (known = plainRequestsSession(flow.text, receiver) || sessionFromFactory(ctx, receiver)));
    return known;
  };
  // Requests through a session this file builds and names: one finding, at the construction (see sessionFinding).
  const viaSession = new Map<Node, UnboundedRequest[]>();
  for (const request of ctx.requests) {
    const call = request.call;
    // A session another file's function builds and returns with no timeout (`self.session = make_session()`).
    const source = request.library === 'urllib' ? undefined : ctx.workspace?.unboundedClient(call.node, request.aliasOf ?? call.receiver);
    const elsewhere = source?.library === 'requests' ? source.from : undefined;
    if (request.library !== 'requests' && request.library !== 'httpx' && request.library !== 'urllib' && !elsewhere) continue;
    if (!inScope(flow, call.node)) continue;
    // At module level: a module's set-up (a bot's config loading its data at import) waits like any request; a
    // one-off script's own statements (it exits, reads its arguments, runs as __main__) are the operator's to watch.
    if (!call.fn && ONE_OFF_SCRIPT.test(flow.text)) continue;
    const args = call.node.childForFieldName('arguments');
    // Options handed on (`**kwargs`) may hold a timeout — unless nothing in the file ever names one: the wrapper's own
    // convenience methods and the dict it builds add none, so none reaches the call from here.
    if (!args || args.type !== 'argument_list' || (splatted(args) && namesTimeout(flow.text))) continue;
    const timeout = keyword(args, 'timeout');
    // (A name bound to `requests.Session()` is a requests session whatever else the file imports.)
    // (`send = requests.post` … `send(url)`: the alias's client decides.)
    const builtHere = request.library === 'urllib' ? false : isSession(call, request.aliasOf ?? call.receiver);
    const session = builtHere || !!elsewhere;
    if (request.library === 'requests' || (session && request.library === 'httpx') || elsewhere) {
      if (!session) continue;
      if (timeout && timeout.text !== 'None') continue;
      // (With `**kwargs` handed on, a timeout added beside it would clash with one a caller passes: no edit is offered.)
      const found = unbounded(call, 'requests', args, flow.text, timeout);
      if (splatted(args)) delete found.edit;
      const receiver = request.aliasOf ?? call.receiver;
      if (builtHere && !timeout && receiver) {
        const made = sessionConstruction(ctx, receiver);
        // (Re-analysing one function whose session is made elsewhere: the finding stands in for the grouped one and
        // asks for a full pass, incremental.ts.)
        if (made && !inScope(flow, made)) {
          out.push({ ...found, where: 'session' });
          continue;
        }
        if (made) {
          viaSession.set(made, [...(viaSession.get(made) ?? []), found]);
          continue;
        }
      }
      out.push({ ...found, ...(elsewhere && !builtHere ? { builtElsewhere: elsewhere } : {}) });
    } else if (request.library === 'urllib') {
      if (timeout || args.namedChildren.filter((a) => a && a.type !== 'keyword_argument').length >= 2) continue;
      out.push(unbounded(call, 'urllib', args, flow.text, undefined));
    } else if (request.library === 'httpx' && timeout?.text === 'None') {
      out.push(unbounded(call, 'httpx', args, flow.text, timeout));
    }
  }
  // (A session with one such request: the finding stays on the request, where its one edit goes.)
  for (const [made, calls] of viaSession) {
    if (calls.length === 1) out.push(calls[0]);
    else if (inScope(flow, made)) out.push(sessionFinding(made, calls));
  }
  // `httpx.Client(timeout=None)`: every request through it waits for ever.
  for (const call of flow.calls) {
    if (!inScope(flow, call.node) || !/^(Async)?Client$/.test(call.name) || call.receiver !== 'httpx') continue;
    const args = call.node.childForFieldName('arguments');
    const timeout = args ? keyword(args, 'timeout') : undefined;
    if (timeout?.text === 'None') out.push({ ...unbounded(call, 'httpx', args!, flow.text, timeout), where: 'client' });
  }
  // (Module-level fetches of a one-off script are run by hand, as for requests above.)
  out.push(...feedparserFetches(ctx, ONE_OFF_SCRIPT.test(flow.text)));
  return out;
}

/**
 * A `requests.Session()` this file builds and binds to a name (`self.session = requests.Session()`, `with
 * requests.Session() as s`): its requests that set no timeout are one decision, reported once where the session is
 * made and listed as related locations; the edit sets a timeout on each of them (a session has no timeout of its
 * own for requests to inherit).
 */
function sessionFinding(made: Node, calls: UnboundedRequest[]): UnboundedRequest {
  const edits = calls.flatMap((c) => (c.edit ? [c.edit] : []));
  return { node: made, library: 'requests', where: 'session', through: calls.map((c) => c.node), ...(edits.length === calls.length ? { edits } : {}) };
}

/** The `Session()` call bound to `receiver` in this file (the first binding), when there is exactly one such binding. */
function sessionConstruction(ctx: DiagContext, receiver: string): Node | undefined {
  const name = receiver.replace(/^self\./, '');
  if (!/^\w+$/.test(name) || receiver === 'requests') return undefined;
  const cache = constructions.get(ctx.flow) ?? new Map<string, Node | undefined>();
  constructions.set(ctx.flow, cache);
  if (cache.has(receiver)) return cache.get(receiver);
  const pattern = new RegExp(`(?:^|[\\s;(])((?:self\\.)?${name})\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*((?:requests\\.)?Session\\(\\s*\\))|\\bwith\\s+((?:requests\\.)?Session\\(\\s*\\))\\s+as\\s+(${name})\\b`, 'gm');
  const found = [...ctx.flow.text.matchAll(pattern)].filter((m) => (m[1] ?? m[4]).replace(/^self\./, '') === name);
  let node: Node | undefined;
  if (found.length === 1) {
    const m = found[0];
    const at = m.index! + m[0].indexOf(m[2] ?? m[3]);
    let n: Node | null = ctx.doc.tree!.rootNode.descendantForIndex(at);
    while (n && n.type !== 'call') n = n.parent;
    node = n && n.startIndex === at ? n : undefined;
  }
  cache.set(receiver, node);
  return node;
}

const constructions = new WeakMap<object, Map<string, Node | undefined>>();

function unbounded(call: CallInfo, library: UnboundedRequest['library'], args: Node, text: string, timeout: Node | undefined): UnboundedRequest {
  const edit = timeout
    ? { start: timeout.startIndex, end: timeout.endIndex, text: '{seconds}' }
    : appendArgument(args, text, 'timeout={seconds}');
  return { node: call.node, library, where: 'call', ...(timeout ? { explicit: true } : {}), ...(edit ? { edit } : {}) };
}

/** The value of keyword argument `name`, if written. */
function keyword(args: Node, name: string): Node | undefined {
  for (const a of args.namedChildren) {
    if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** `**kwargs` / `*args`: what the caller passes may hold a timeout (requests takes it by keyword only). */
function splatted(args: Node): boolean {
  return args.namedChildren.some((a) => a?.type === 'dictionary_splat' || a?.type === 'list_splat');
}

/** The file names a timeout somewhere: a keyword or assignment (`timeout=`), a key (`'timeout'`), a setting (`TIMEOUT`). */
function namesTimeout(text: string): boolean {
  return /\btimeout\s*=(?!=)|['"]timeout['"]|\b[A-Z_]*TIMEOUT[A-Z_]*\b|\btimeout\b\s*:/.test(text);
}

/**
 * The call goes through `requests` itself, or through a name this file binds to a plain `requests.Session()`
 * (`self.session = requests.Session()`, `with requests.Session() as s`) whose `request` it does not replace and
 * on which it mounts no adapter of its own (a timeout-setting adapter is the usual way to give a session one).
 */
function plainRequestsSession(text: string, receiver: string): boolean {
  // (`Session().send(req)`: a session made for the one call, with nothing mounted on it.)
  if (receiver === 'requests' || /^(?:requests\.)?Session\(\s*\)$/.test(receiver)) return true;
  const name = escapeRegExp(receiver.replace(/^self\./, ''));
  const self = '(?:self\\.)?';
  // requests-oauthlib's OAuth2Session (built with its client id and token) and OAuth1Session are requests.Sessions too.
  const oauth = /^\s*(?:from\s+requests_oauthlib\s+import|import\s+requests_oauthlib)\b/m.test(text) ? `|(?:requests_oauthlib\\.)?OAuth[12]Session\\(` : '';
  const bound = new RegExp(`(?:^|[\\s;(])${self}${name}\\s*(?::\\s*[\\w.\\[\\]]+\\s*)?=\\s*(?:(?:requests\\.)?[Ss]ession\\(\\s*\\)${oauth})|\\bwith\\s+(?:requests\\.)?[Ss]ession\\(\\s*\\)\\s+as\\s+${name}\\b`, 'm');
  if (!bound.test(text)) return false;
  if (new RegExp(`${self}${name}\\.request\\s*=`).test(text)) return false;
  const mounts = [...text.matchAll(new RegExp(`${self}${name}\\.mount\\([^,]+,\\s*([\\w.]+)`, 'g'))].map((m) => m[1]);
  return mounts.every((adapter) => PLAIN_ADAPTER.test(adapter) || plainAdapterName(text, adapter) || adapterClassWithoutTimeout(text, adapter));
}

/**
 * `class _CiphersAdapter(HTTPAdapter):` written in this file, whose body never says `timeout` (it pins TLS ciphers,
 * counts calls, adds a header): mounted on a session, it leaves the session with no default timeout, like a plain one.
 */
function adapterClassWithoutTimeout(text: string, name: string): boolean {
  if (!/^\w+$/.test(name)) return false;
  const head = new RegExp(`^class\\s+${name}\\s*\\(([^)]*)\\)\\s*:[^\\n]*\\n`, 'm').exec(text);
  if (!head || !/\bHTTPAdapter\b/.test(head[1])) return false;
  const rest = text.slice(head.index + head[0].length);
  // The class body: the indented lines after its head, up to the next line at the left margin.
  const end = rest.search(/^\S/m);
  return !/timeout/i.test(end < 0 ? rest : rest.slice(0, end));
}

/**
 * `client = get_jobma_client()` where the file's `def get_jobma_client():` builds a plain `Session()`, sets its
 * headers and returns it: the name holds that session (no default timeout). Every binding of the name must be such a call.
 */
function sessionFromFactory(ctx: DiagContext, receiver: string): boolean {
  const name = receiver.replace(/^self\./, '');
  if (!/^\w+$/.test(name)) return false;
  const text = ctx.flow.text;
  const factories = [...text.matchAll(new RegExp(`(?:^|[\\s;(])(?:self\\.)?${name}\\s*=\\s*(?:self\\.)?(\\w+)\\(\\s*\\)`, 'gm'))].map((m) => m[1]);
  const bindings = [...text.matchAll(new RegExp(`(?:^|[\\s;(])(?:self\\.)?${name}\\s*=(?!=)`, 'gm'))].length;
  if (factories.length === 0 || factories.length !== bindings || new Set(factories).size !== 1) return false;
  const fns = ctx.flow.fns.filter((f) => f.name === factories[0]);
  if (fns.length !== 1) return false;
  const body = fns[0].node.text;
  const returned = [...body.matchAll(/^\s*return\s+(\w+)\s*$/gm)].map((m) => m[1]);
  return returned.length === 1 && plainRequestsSession(body, returned[0]);
}

const PLAIN_ADAPTER = /^(requests\.adapters\.|adapters\.)?HTTPAdapter$/;

/** `adapter = HTTPAdapter(max_retries=retry)` … `session.mount("https://", adapter)`: the name holds a plain adapter. */
function plainAdapterName(text: string, name: string): boolean {
  if (!/^\w+$/.test(name)) return false;
  const bound = [...text.matchAll(new RegExp(`(?:^|[\\s;(])${name}\\s*=\\s*([\\w.]+)\\(`, 'gm'))].map((m) => m[1]);
  return bound.length > 0 && bound.every((ctor) => PLAIN_ADAPTER.test(ctor));
}
