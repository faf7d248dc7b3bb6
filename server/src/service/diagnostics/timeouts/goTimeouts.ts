import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import { inScope, prependEntry, type UnboundedRequest } from './unbounded';
import { escapeRegExp } from '../regexText';
import { goSdkClients } from './goSdkClients';

const DEFAULT_CLIENT_CALLS = /^(Get|Post|Head|PostForm)$/;

/**
 * Go: `http.Get`/`Post`/`Head`/`PostForm` and `http.DefaultClient.Do` (the zero Client: no timeout), and an
 * `http.Client{…}` literal without `Timeout` whose requests carry no context (or only `context.Background()`/`TODO()`,
 * which never expire). Silent when the file sets the
 * timeout later (`client.Timeout = …`, `http.DefaultClient.Timeout = …`) or gives the client a Transport of its
 * own (whose dial and header timeouts the rule does not read). go-cleanhttp's clients, go-retryablehttp's NewClient
 * and golang.org/x/oauth2's NewClient hand back clients without a Timeout too.
 */
export function goUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const text = flow.text;
  const out: UnboundedRequest[] = [];
  const defaultSet = /http\.DefaultClient\.Timeout\s*=|http\.DefaultClient\s*=/.test(text);
  const timeImported = flow.imports.includes('time');
  const oauth2Imported = flow.imports.includes('golang.org/x/oauth2');
  // Whether any request of the file carries a context that may expire: read once, asked for every client below.
  const fileContext = carriesContext(text);
  for (const call of flow.calls) {
    if (!inScope(flow, call.node) || defaultSet) continue;
    const viaDefault = (call.receiver === 'http' && DEFAULT_CLIENT_CALLS.test(call.name)) || (call.receiver === 'http.DefaultClient' && /^(Do|Get|Post|Head|PostForm)$/.test(call.name));
    if (!viaDefault) continue;
    if (call.name === 'Do' && carriesContext(call.fn?.node.text ?? '')) continue;
    const fn = call.node.childForFieldName('function');
    const operand = fn?.childForFieldName('operand');
    // `http.Get(u)` → `(&http.Client{Timeout: 30 * time.Second}).Get(u)`; needs `time` imported.
    const edit = operand && timeImported ? { start: operand.startIndex, end: operand.endIndex, text: '(&http.Client{Timeout: {seconds} * time.Second})' } : undefined;
    out.push({ node: call.node, library: 'net/http', where: 'call', ...(edit ? { edit } : {}) });
  }
  // go-cleanhttp's clients and go-retryablehttp's NewClient (on cleanhttp's pooled client): no Timeout unless set later.
  for (const call of flow.calls) {
    if (!inScope(flow, call.node)) continue;
    const cleanhttp = call.receiver === 'cleanhttp' && /^Default(Pooled)?Client$/.test(call.name);
    const retrying = call.receiver === 'retryablehttp' && call.name === 'NewClient';
    // golang.org/x/oauth2's NewClient: `&http.Client{Transport: &oauth2.Transport{…}}`, no Timeout.
    const oauth = call.receiver === 'oauth2' && call.name === 'NewClient' && oauth2Imported;
    if (!cleanhttp && !retrying && !oauth) continue;
    const name = /([\w.]+)\s*:?=\s*$/.exec(text.slice(Math.max(0, call.start - 80), call.start))?.[1];
    // `c.HTTPClient.Timeout = …`, `c.HTTPClient = &http.Client{…}`, `c.Timeout = …`: set where the file builds it.
    // (In the function that builds it; a package-level client anywhere in the file.)
    const where = call.fn && !name?.includes('.') ? call.fn.node.text : text;
    // (A new Transport on it bounds nothing: its dial timeouts do not bound the wait for a response.)
    if (name && new RegExp(`\\b${escapeRegExp(name)}\\.(HTTPClient\\s*=(?!=)|HTTPClient\\.Timeout\\s*=|Timeout\\s*=)`).test(where)) continue;
    // `std := rc.StandardClient(); std.Timeout = …`: the client the file sends through has one.
    const standard = name ? new RegExp(`(\\w+)\\s*:?=\\s*${escapeRegExp(name)}\\.StandardClient\\(\\)`).exec(where)?.[1] : undefined;
    if (standard && new RegExp(`\\b${escapeRegExp(standard)}\\.Timeout\\s*=(?!=)`).test(where)) continue;
    if (fileContext) continue;
    out.push({ node: call.node, library: oauth ? 'go-oauth2' : 'go-cleanhttp', where: 'client' });
  }
  out.push(...blockingDials(ctx));
  out.push(...goSdkClients(ctx));
  if (fileContext) return out;
  out.push(...restyClients(ctx));
  // `NewWithHTTPClient(http.DefaultClient)`, `httpClient: http.DefaultClient`: the zero Client adopted as this file's client.
  if (!defaultSet) out.push(...defaultClientValues(ctx));
  for (const literal of clientLiterals(ctx)) {
    const body = literal.childForFieldName('body');
    if (!body || /\bTimeout\s*:/.test(body.text)) continue;
    const transport = /\bTransport\s*:\s*([^\n]*)/.exec(body.text);
    if (transport && !wrapsDefaultTransport(transport[1], body.text.slice(transport.index), defaultAliases(text)) && !bareTransport(transport[1], body.text.slice(transport.index), text)) continue;
    // `pc.Probe(ctx, params, &http.Client{}, cfg)` with `ctx, cancel := context.WithTimeout(…)`: handed over with a
    // deadline that bounds what is sent through it.
    if (handedWithDeadline(literal, text)) continue;
    const name = assignedName(literal);
    if (name && new RegExp(`\\b${escapeRegExp(name)}\\.Timeout\\s*=`).test(text)) continue;
    const later = name ? new RegExp(`\\b${escapeRegExp(name)}\\.Transport\\s*=\\s*([^\\n]*)`).exec(text) : null;
    if (later && !wrapsDefaultTransport(later[1], text.slice(later.index, later.index + 2000), defaultAliases(text))) continue;
    const edit = timeImported ? prependEntry(body, 'Timeout: {seconds} * time.Second') : undefined;
    out.push({ node: literal, library: 'net/http', where: 'client', ...(edit ? { edit } : {}) });
  }
  return out;
}

/**
 * Requests in `text` carry a context that may hold a deadline. `context.Background()` and `context.TODO()` — passed
 * directly or through a local bound to them (`ctx := context.Background()`) — never expire: they bound nothing.
 */
function carriesContext(text: string): boolean {
  const uses = [...text.matchAll(/(?:NewRequestWithContext|\.WithContext|\.SetContext)\s*\(\s*((?:[^,()]|\(\))*)/g)];
  if (uses.length === 0) return false;
  return !uses.every((m) => endlessContext(m[1].trim(), functionAround(text, m.index ?? 0)));
}

/** `context.Background()` / `context.TODO()`, or a local the function binds to one (and never to a deadline). */
function endlessContext(arg: string, fn: string): boolean {
  if (/^context\.(Background|TODO)\(\)$/.test(arg)) return true;
  if (!/^\w+$/.test(arg)) return false;
  return new RegExp(`\\b${arg}\\s*:?=\\s*context\\.(Background|TODO)\\(\\)`).test(fn) && !new RegExp(`\\b${arg}\\s*(?:,\\s*\\w+\\s*)?:?=\\s*context\\.With(Timeout|Deadline)`).test(fn);
}

/** The text of the top-level Go function around `offset` (from its `func` to the next one). */
function functionAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\nfunc ', offset);
  const next = text.indexOf('\nfunc ', offset);
  return text.slice(start < 0 ? 0 : start, next < 0 ? text.length : next);
}

/**
 * A Transport that only wraps another one (a logging or metrics RoundTripper over `http.DefaultTransport` or the
 * client's previous `.Transport`) bounds nothing: neither has a response timeout. An `http.Transport{…}` of its own,
 * a variable or a constructor call may set dial and header timeouts, which the rule does not read: those count as bounded.
 */
function wrapsDefaultTransport(value: string, around: string, aliases: readonly string[] = []): boolean {
  if (!/^&?\s*[A-Z]?\w*\s*\{/.test(value.trim()) || /^&?\s*http\.Transport\s*\{/.test(value.trim())) return false;
  const start = around.indexOf(value.trim());
  let end = around.indexOf('{', start);
  for (let depth = 0; end < around.length; end++) {
    if (around[end] === '{') depth++;
    else if (around[end] === '}' && --depth === 0) break;
  }
  const literal = around.slice(start, end + 1);
  return !/Timeout/.test(literal) && (/http\.DefaultTransport|\.Transport\b/.test(literal) || aliases.some((a) => new RegExp(`\\b${a}\\b`).test(literal)));
}

/**
 * An `http.Transport{…}` of the file's own that sets no timeout and no dialer: unlike `http.DefaultTransport` (30 s
 * dial, 10 s TLS handshake), a zero Transport bounds neither the connection nor the response. Written in the client
 * literal (`Transport: &http.Transport{TLSClientConfig: …}`) or bound to a name the file assigns once
 * (`tr := &http.Transport{…}`, `Transport: tr`) with no timeout or dialer set on it later.
 */
function bareTransport(value: string, around: string, text: string): boolean {
  const trimmed = value.trim();
  let literal: string | undefined;
  if (/^&?\s*http\.Transport\s*\{/.test(trimmed)) literal = braced(around, around.indexOf(trimmed));
  else {
    const name = /^([A-Za-z_]\w*)\s*(?:[,}]|$)/.exec(trimmed)?.[1];
    if (!name) return false;
    const bound = [...text.matchAll(new RegExp(`\\b${escapeRegExp(name)}\\s*:?=\\s*&?\\s*http\\.Transport\\s*\\{`, 'g'))];
    const assigned = text.match(new RegExp(`\\b${escapeRegExp(name)}\\s*:?=(?!=)`, 'g'))?.length ?? 0;
    if (bound.length !== 1 || assigned !== 1) return false;
    if (new RegExp(`\\b${escapeRegExp(name)}\\.(\\w*Timeout|Dial\\w*)\\s*=`).test(text)) return false;
    literal = braced(text, bound[0].index ?? 0);
  }
  return literal !== undefined && !/Timeout|Dial/.test(literal);
}

/** The text from `start` to the brace closing the first `{` after it. */
function braced(text: string, start: number): string | undefined {
  let end = text.indexOf('{', start);
  if (start < 0 || end < 0) return undefined;
  for (let depth = 0; end < text.length; end++) {
    if (text[end] === '{') depth++;
    else if (text[end] === '}' && --depth === 0) return text.slice(start, end + 1);
  }
  return undefined;
}

/**
 * resty: `resty.New()` wraps an `http.Client` with no Timeout (server/data/request-timeouts.json, resty), so every
 * request through it can wait for ever unless the file calls `SetTimeout` on it (chained or on the name it is kept
 * in) or hands it a client of its own (`NewWithClient`, `SetTransport`, `SetHTTPClient`… are not this shape).
 */
function restyClients(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  if (!flow.imports.some((m) => /^(github\.com\/go-resty\/resty(\/v\d+)?|resty\.dev\/v\d+)$/.test(m))) return [];
  const out: UnboundedRequest[] = [];
  for (const call of flow.calls) {
    if (call.receiver !== 'resty' || call.name !== 'New' || !inScope(flow, call.node)) continue;
    // A chain on the call (`resty.New().SetTimeout(…)`) or on the name it is stored in.
    let top: Node = call.node;
    while (top.parent && /^(selector_expression|call_expression)$/.test(top.parent.type) && top.parent.startIndex === call.start) top = top.parent;
    // (The chain breaks lines after its dots: `resty.New().\n\tSetTimeout(…)`.)
    if (/\.\s*(?:\/\/[^\n]*\s*)*SetTimeout\s*\(/.test(top.text)) continue;
    const name = /([\w.]+)\s*:?=\s*$/.exec(flow.text.slice(Math.max(0, call.start - 80), call.start))?.[1];
    if (name && new RegExp(`\\b${escapeRegExp(name)}\\s*(\\.\\s*)?SetTimeout\\s*\\(|\\b${escapeRegExp(name)}\\s*\\.\\s*(GetClient\\(\\)\\.Timeout|SetTransport|SetHTTPClient)`).test(flow.text)) continue;
    out.push({ node: call.node, library: 'resty', where: 'client' });
  }
  return out;
}

/** Package-level names the file gives `http.DefaultTransport` (`var DefaultTransport = http.DefaultTransport`). */
function defaultAliases(text: string): string[] {
  return [...text.matchAll(/\b([A-Za-z_]\w*)\s*:?=\s*http\.DefaultTransport\b(?!\s*\.)/g)].map((m) => m[1]);
}

/** `http.DefaultClient` used as a value (stored, passed, returned), not called through (`http.DefaultClient.Do`). */
function defaultClientValues(ctx: DiagContext): UnboundedRequest[] {
  const root = ctx.doc.tree!.rootNode;
  const found: UnboundedRequest[] = [];
  const re = /\bhttp\.DefaultClient\b(?!\s*\.)/g;
  for (let m = re.exec(ctx.flow.text); m; m = re.exec(ctx.flow.text)) {
    const node = root.descendantForIndex(m.index, m.index + m[0].length);
    let selector: Node | null = node;
    while (selector && selector.type !== 'selector_expression') selector = selector.parent;
    if (!selector || selector.startIndex !== m.index || !inScope(ctx.flow, selector)) continue;
    // A comparison (`c == http.DefaultClient`) adopts nothing.
    if (selector.parent?.type === 'binary_expression') continue;
    found.push({ node: selector, library: 'net/http', where: 'client' });
  }
  return found;
}

/** `http.Client{…}` composite literals in scope. */
function clientLiterals(ctx: DiagContext): Node[] {
  const root = ctx.doc.tree!.rootNode;
  const scope = ctx.flow.scope;
  const start = scope?.start ?? 0;
  const end = scope?.end ?? root.endIndex;
  const found: Node[] = [];
  const re = /http\.Client\s*\{/g;
  for (let m = re.exec(ctx.flow.text); m; m = re.exec(ctx.flow.text)) {
    if (m.index < start || m.index >= end) continue;
    let node: Node | null = root.descendantForIndex(m.index);
    while (node && node.type !== 'composite_literal') node = node.parent;
    if (node && node.startIndex === m.index && node.endIndex <= end) found.push(node);
  }
  return found;
}

/** The literal is an argument of a call that is also handed a context the function bound to a deadline. */
function handedWithDeadline(literal: Node, text: string): boolean {
  let arg: Node = literal;
  if (arg.parent?.type === 'unary_expression') arg = arg.parent;
  const list = arg.parent;
  if (list?.type !== 'argument_list') return false;
  const fn = functionAround(text, literal.startIndex);
  return list.namedChildren.some((a) => a !== null && a.id !== arg.id && /^\w+$/.test(a.text) && new RegExp(`\\b${a.text}\\s*(?:,\\s*\\w+\\s*)?:?=\\s*context\\.With(Timeout|Deadline)\\(`).test(fn));
}

/** `client := &http.Client{}` / `c.client = &http.Client{…}` / `var c = http.Client{}` → the name it is stored in. */
function assignedName(literal: Node): string | undefined {
  let n: Node | null = literal.parent;
  if (n?.type === 'unary_expression') n = n.parent;
  if (n?.type === 'expression_list') n = n.parent;
  if (!n) return undefined;
  if (/^(short_var_declaration|assignment_statement)$/.test(n.type)) return n.childForFieldName('left')?.text.split(',')[0].trim();
  if (n.type === 'var_spec') return n.childForFieldName('name')?.text;
  // A struct field: `client: &http.Client{}` in a literal of the enclosing type.
  if (n.type === 'keyed_element') return n.namedChild(0)?.text;
  return undefined;
}

/**
 * grpc-go: `grpc.Dial(target, …, grpc.WithBlock())` waits until the connection is up, under `context.Background()`:
 * with the server down it never returns. `DialContext` with an endless context is the same; a dial timeout
 * (`grpc.WithTimeout`) or a context that can expire bounds it.
 */
function blockingDials(ctx: DiagContext): UnboundedRequest[] {
  const out: UnboundedRequest[] = [];
  for (const call of ctx.flow.calls) {
    if (call.receiver !== 'grpc' || !/^(Dial|DialContext)$/.test(call.name) || !inScope(ctx.flow, call.node)) continue;
    const args = call.node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null) ?? [];
    if (!args.some((a) => /^grpc\.WithBlock\(\)$/.test(a.text)) || args.some((a) => /^grpc\.WithTimeout\(/.test(a.text))) continue;
    if (call.name === 'DialContext' && !endlessContext(args[0]?.text.trim() ?? '', functionAround(ctx.flow.text, call.start))) continue;
    out.push({ node: call.node, library: 'grpc-go-dial', where: 'call' });
  }
  return out;
}
