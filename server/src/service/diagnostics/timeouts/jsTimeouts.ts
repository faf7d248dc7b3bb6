import type { Node } from 'web-tree-sitter';
import type { DiagContext } from '../context';
import type { CallInfo, FnInfo } from '../flow/flowModel';
import { appendArgument, inScope, prependEntry, type UnboundedRequest } from './unbounded';
import { importedAs } from '../jsClientNames';
import { builderChain } from '../superagentRequests';
import { escapeRegExp } from '../regexText';
import { localValue, optionEntries } from '../jsOptionObjects';

/** axios and got verbs whose config/options come second (after the URL) or third (after the body). */
const DATA_VERBS = new Set(['post', 'put', 'patch']);
const BOUNDING_KEYS = /^(timeout|signal|cancelToken)$/;
/** The callee (no receiver) or the receiver's first name of a call the model reads. */
const CANDIDATE = /^(axios|got|https?)$/;

/**
 * JavaScript/TypeScript: the default axios instance and `axios.create(…)` (timeout 0 means none), got, and
 * Node's `http`/`https` request functions. A request through an instance built elsewhere, or with options the
 * code does not show (a variable, a spread), is left alone; `fetch` is bounded by undici's 300 s, node-fetch is not;
 * superagent waits for ever unless its chain sets `.timeout(…)`.
 */
export function jsUnbounded(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const text = flow.text;
  const out: UnboundedRequest[] = [];
  // `axios.defaults.timeout = …` / `instance.defaults.timeout = …` bounds what it applies to.
  const axiosDefaults = /\.defaults\.timeout\s*=/.test(text);
  const nodeHttp = flow.imports.some((m) => /^(node:)?https?$/.test(m)) || /require\(\s*['"](node:)?https?['"]\s*\)/.test(text);
  const ownAxios = axiosIsOwnModule(text);
  for (const call of flow.calls) {
    // Calls at module level run once when a script starts; a client built there (`const api = axios.create(…)`,
    // `got.extend(…)`) is read.
    if (!inScope(flow, call.node) || (!call.fn && !((call.name === 'create' && call.receiver === 'axios') || (call.name === 'extend' && call.receiver === 'got')))) continue;
    // Only the calls these libraries make are read further (their arguments cross into the parser).
    if (!CANDIDATE.test(call.receiver ? call.receiver.split('.')[0] : call.name)) continue;
    if (ownAxios && (call.receiver ?? call.name) === 'axios') continue;
    const args = call.node.childForFieldName('arguments');
    if (!args) continue;
    const list = args.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment');
    if (list.some((a) => a.type === 'spread_element')) continue;
    if (!axiosDefaults && isDefaultAxios(call)) {
      const index = configIndex(call);
      const found = options(list, index, call, 'axios', text, ctx);
      if (found) out.push(found);
    } else if (!axiosDefaults && call.name === 'create' && call.receiver === 'axios') {
      const config = list[0];
      if (!config) out.push({ node: call.node, library: 'axios', where: 'client', edit: { start: args.startIndex + 1, end: args.startIndex + 1, text: '{ timeout: {ms} }' } });
      else if (config.type === 'object' && !hasKey(config, BOUNDING_KEYS)) out.push({ node: call.node, library: 'axios', where: 'client', edit: prependEntry(config, 'timeout: {ms}') });
    } else if (call.receiver === 'got' && call.name === 'extend') {
      // `got.extend({ prefixUrl })`: an instance with got's defaults, no timeout among them, for every call through it.
      const config = list[0];
      if (config?.type === 'object' && !hasKey(config, /^(timeout|signal)$/)) out.push({ node: call.node, library: 'got', where: 'client', edit: prependEntry(config, 'timeout: { request: {ms} }') });
    } else if (isGot(call) && !/^(extend|stream|paginate)$/.test(call.name)) {
      const found = options(list, 1, call, 'got', text, ctx);
      if (found) out.push(found);
    } else if (nodeHttp && /^https?$/.test(call.receiver ?? '') && /^(get|request)$/.test(call.name)) {
      const found = nodeRequest(call, list);
      if (found) out.push(found);
    }
  }
  out.push(...nodeFetchCalls(ctx), ...superagentCalls(ctx), ...inheritedClientCalls(ctx, axiosDefaults));
  return out;
}

/** axios verbs a call on an instance goes through. */
const AXIOS_VERBS = /^(get|delete|head|options|post|put|patch|request)$/;

/**
 * A request through a field a base class of another file fills with an axios instance built with no timeout
 * (`this.axios.get(u)` in `class PlexApi extends ExternalApi`, whose constructor does `this.axios = axios.create({
 * baseURL })`): the workspace index knows the base; the call is reported, as nothing here bounds it.
 */
function inheritedClientCalls(ctx: DiagContext, axiosDefaults: boolean): UnboundedRequest[] {
  const { flow } = ctx;
  if (!ctx.workspace || axiosDefaults) return [];
  const out: UnboundedRequest[] = [];
  for (const call of flow.calls) {
    if (!call.fn || !call.receiver?.startsWith('this.') || !AXIOS_VERBS.test(call.name) || !inScope(flow, call.node)) continue;
    const from = ctx.workspace.unboundedClient(call.node, call.receiver);
    if (from?.library !== 'axios') continue;
    const list = call.node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (list.some((a) => a.type === 'spread_element')) continue;
    const found = options(list, configIndex(call), call, 'axios', flow.text);
    if (found) out.push({ ...found, builtElsewhere: from.from });
  }
  return out;
}

/**
 * node-fetch (`import fetch from 'node-fetch'`): its timeout option defaults to 0, none; a call bounded by neither a
 * `signal` nor a `timeout` in an options literal waits for ever. Options the code does not show are not read.
 */
function nodeFetchCalls(ctx: DiagContext): UnboundedRequest[] {
  const { flow } = ctx;
  const names = importedAs(flow, 'node-fetch');
  if (names.size === 0) return [];
  const out: UnboundedRequest[] = [];
  for (const call of flow.calls) {
    if (call.receiver || !names.has(call.name) || !call.fn || !inScope(flow, call.node)) continue;
    const args = call.node.childForFieldName('arguments');
    const list = args?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
    if (!args || list.length === 0 || list.length > 2 || list.some((a) => a.type === 'spread_element')) continue;
    const init = list[1]?.type === 'identifier' ? builtConfig(ctx, list[1], call) ?? list[1] : list[1];
    if (!init) {
      out.push({ node: call.node, library: 'node-fetch', where: 'call', edit: appendArgument(args, flow.text, '{ signal: AbortSignal.timeout({ms}) }') });
    } else if (init.type === 'object' && !hasKey(init, /^(timeout|signal)$/)) {
      out.push({ node: call.node, library: 'node-fetch', where: 'call', edit: prependEntry(init, 'signal: AbortSignal.timeout({ms})') });
    }
  }
  return out;
}

/**
 * superagent: no timeout unless the request's chain sets one (`.timeout(ms)`, `.timeout({ response, deadline })`, a plugin it
 * uses handed one: `.use(errorPlugin({ timeout: 20000 }))`), or
 * the request is kept in a variable the function later bounds (`req.timeout(…)`). The edit puts a deadline on the
 * chain, right after the verb's call.
 */
function superagentCalls(ctx: DiagContext): UnboundedRequest[] {
  const out: UnboundedRequest[] = [];
  for (const request of ctx.requests) {
    const { call } = request;
    if (request.library !== 'superagent' || !call.fn || !inScope(ctx.flow, call.node)) continue;
    const chain = builderChain(call.node);
    if (chain.methods.includes('timeout')) continue;
    // A plugin the chain uses handed a timeout (`.use(errorPlugin({ timeout: 20000 }))`) sets it on the request.
    if (/\.\s*use\s*\([^)]*\btimeout\s*:/.test(chain.top.text)) continue;
    const kept = chain.top.parent?.type === 'variable_declarator' ? chain.top.parent.childForFieldName('name')?.text : undefined;
    if (kept && new RegExp(`\\b${kept.replace(/\$/g, '\\$')}\\s*\\.\\s*timeout\\s*\\(`).test(call.fn.node.text)) continue;
    out.push({ node: call.node, library: 'superagent', where: 'call', edit: { start: call.node.endIndex, end: call.node.endIndex, text: '.timeout({ms})' } });
  }
  return out;
}

/**
 * `import axios from '@/lib/axios'`, `const axios = require('./http/axios')`: the name is bound to a module of the
 * project — an instance it configured, whose timeout is set (or not) where it is built and reported there — not to the
 * library and its defaults.
 */
function axiosIsOwnModule(text: string): boolean {
  if (!text.includes('axios')) return false;
  const from = /\bimport\s+(?:\*\s+as\s+)?axios\s*(?:,\s*\{[^}]*\}\s*)?from\s*['"]([^'"]+)['"]/.exec(text) ?? /\b(?:const|let|var)\s+axios\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/.exec(text);
  return !!from && from[1] !== 'axios';
}

function isDefaultAxios(call: CallInfo): boolean {
  if (!call.receiver) return call.name === 'axios';
  return call.receiver === 'axios' && /^(get|delete|head|options|post|put|patch|request)$/.test(call.name);
}

function isGot(call: CallInfo): boolean {
  return call.receiver ? call.receiver === 'got' && /^(get|delete|head|options|post|put|patch)$/.test(call.name) : call.name === 'got';
}

/** Where the config object goes: `axios(config)`, `axios.request(config)`, `axios.get(url, config)`, `axios.post(url, data, config)`. */
function configIndex(call: CallInfo): number {
  if (!call.receiver || call.name === 'request') return -1;
  return DATA_VERBS.has(call.name) ? 2 : 1;
}

/**
 * The request's options at `index` (-1: the first argument when it is an object, else the second): absent or an
 * object literal without a timeout → unbounded; anything else (a variable, a call) is not read.
 */
function options(list: Node[], index: number, call: CallInfo, library: 'axios' | 'got', text: string, ctx?: DiagContext): UnboundedRequest | undefined {
  // `axios(config)` / `axios.request(config)`: the first argument is the config unless it is the URL (a string).
  const at = index >= 0 ? index : /^(string|template_string)$/.test(list[0]?.type ?? '') ? 1 : 0;
  const config = list[at];
  if (config) {
    // A config the file builds in one place (`const config = this.getAxiosConfig()`, a local object literal):
    // read where it is written, and fixed there for every call that uses it.
    const entry = library === 'got' ? 'timeout: { request: {ms} }' : 'timeout: {ms}';
    const built = config.type === 'object' ? undefined : ctx && builtConfig(ctx, config, call);
    if (built) return mayBound(built, call) ? undefined : { node: call.node, library, where: 'call', edit: prependEntry(built, entry) };
    if (config.type !== 'object' || mayBound(config, call)) return undefined;
    return { node: call.node, library, where: 'call', edit: prependEntry(config, entry) };
  }
  // Only the argument just before the options may be missing; a POST without its body gets no edit.
  const edit = list.length === at ? appendArgument(call.node.childForFieldName('arguments'), text, library === 'got' ? '{ timeout: { request: {ms} } }' : '{ timeout: {ms} }') : undefined;
  return { node: call.node, library, where: 'call', ...(edit ? { edit } : {}) };
}

/** `https.get(url, cb)`, `http.request(options, cb)`: bounded by a `timeout` option or `req.setTimeout(…)` in the function. */
function nodeRequest(call: CallInfo, list: Node[]): UnboundedRequest | undefined {
  const opts = list.find((a) => a.type === 'object');
  if (opts && hasKey(opts, /^(timeout|signal)$/)) return undefined;
  if (list.some((a) => a.type === 'identifier' && !/^(url|uri|href|endpoint|link)$/i.test(a.text) && a !== list[list.length - 1])) return undefined;
  const fnText = call.fn?.node.text ?? '';
  if (/\.setTimeout\s*\(|\bon\(\s*['"]timeout['"]/.test(fnText)) return undefined;
  // No one-edit fix: Node's `timeout` option only emits 'timeout'; the request ends when a handler destroys it.
  return { node: call.node, library: 'node-http', where: 'call' };
}

/**
 * The object literal a config argument stands for, when the file shows it whole: a local bound once to a literal or
 * to a call of a method of this file (`this.getAxiosConfig()`, `buildConfig()`) whose one return is a literal or a
 * local bound to one. Undefined when the value is changed after (`config.timeout = …`) or comes from anywhere else.
 */
function builtConfig(ctx: DiagContext, value: Node, call: CallInfo, depth = 0): Node | undefined {
  if (depth > 2) return undefined;
  if (value.type === 'object') return value;
  if (value.type === 'identifier') {
    const init = call.fn ? localValue(call.fn.node, value.text) ?? parameterDefault(ctx, call.fn, value.text) : undefined;
    return init ? builtConfig(ctx, init, call, depth + 1) : undefined;
  }
  if (value.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function');
  const args = value.childForFieldName('arguments');
  const name = callee?.type === 'member_expression' && callee.childForFieldName('object')?.type === 'this' ? callee.childForFieldName('property')?.text : callee?.type === 'identifier' ? callee.text : undefined;
  if (!name || (args && args.namedChildCount > 0)) return undefined;
  const target = ctx.flow.fns.filter((f) => f.name === name);
  if (target.length !== 1) return undefined;
  const returns = target[0].node.descendantsOfType('return_statement').filter((r): r is Node => !!r);
  if (returns.length !== 1) return undefined;
  const returned = returns[0].namedChildren.find((c): c is Node => !!c && c.type !== 'comment');
  if (returned?.type === 'object') return returned;
  const init = returned?.type === 'identifier' ? localValue(target[0].node, returned.text) : undefined;
  return init?.type === 'object' ? init : undefined;
}

/**
 * The default of a parameter (`async function shopifyFetch(path, fetchOptions = { headers })`) when every call of
 * the function in the file leaves it out or hands the parameter on (a recursive retry): the function is not
 * exported, so no other file calls it with options of its own.
 */
function parameterDefault(ctx: DiagContext, fn: FnInfo, name: string): Node | undefined {
  if (!fn.name || /^export/.test(fn.node.parent?.type ?? '')) return undefined;
  const params = (fn.node.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p && p.type !== 'comment');
  const index = params.findIndex((p) => (p.childForFieldName('pattern') ?? p.childForFieldName('left'))?.text === name);
  const param = params[index];
  const value = param && (param.type === 'assignment_pattern' ? param.childForFieldName('right') : param.childForFieldName('value'));
  if (!value || value.type !== 'object' || localAssigned(fn.node, name)) return undefined;
  const calls = ctx.flow.calls.filter((c) => !c.receiver && c.name === fn.name);
  const leftOut = (c: (typeof calls)[number]): boolean => {
    const args = (c.node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    return !args.some((a) => a.type === 'spread_element') && (args.length <= index || args[index].text === name);
  };
  return calls.length > 0 && calls.every(leftOut) ? value : undefined;
}

/** The parameter is assigned, or a field of it is, in the function (`opts.signal = …`, `opts = {…}`). */
function localAssigned(fn: Node, local: string): boolean {
  const name = escapeRegExp(local);
  return new RegExp(`(?<![\\w$.])${name}\\s*(\\.\\s*\\w+|\\[[^\\]]+\\])?\\s*=(?![=>])`).test(fn.childForFieldName('body')?.text ?? '');
}

/**
 * The options literal may bound the request: it has a timeout, signal or cancel token, or spreads in something that
 * may (`{ ...apiOptions, json }`; spreads read as `optionEntries` reads them).
 */
function mayBound(object: Node, call: CallInfo): boolean {
  const { entries, opaque } = optionEntries(object, call);
  return opaque || entries.some((e) => BOUNDING_KEYS.test(e.key));
}

/** The object literal has a property named by `keys` (or a spread, which may carry one). */
function hasKey(object: Node, keys: RegExp): boolean {
  return object.namedChildren.some((p) => {
    if (!p) return false;
    if (p.type === 'spread_element') return true;
    const key = p.type === 'shorthand_property_identifier' ? p.text : p.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
    return !!key && keys.test(key);
  });
}
