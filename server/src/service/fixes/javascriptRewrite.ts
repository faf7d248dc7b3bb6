import type { Node } from 'web-tree-sitter';
import type { HttpLibrary, HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';
import { argsInner, isAwaited, namedArgs, PY_METHODS, UNSAFE } from './rewriteArguments';

const JS_KEY = 'crypto.randomUUID()';

/** The properties of an object literal (`a: 1, b`), or `...expr` for any other expression. */
function objectInner(node: Node | undefined, text = node?.text ?? ''): string {
  const literal = node ? node.type === 'object' : text.startsWith('{');
  return literal ? text.trim().slice(1, -1).trim().replace(/,$/, '') : `...${text}`;
}

/** Text of an object literal `obj` (or any expression) with one more header. */
function jsWithHeader(obj: Node | undefined, headerName: string, mergeVia: 'Headers' | 'spread'): string {
  const pair = `'${headerName}': ${JS_KEY}`;
  if (!obj) return `{ headers: { ${pair} } }`;
  if (obj.type === 'object') {
    const headers = obj.namedChildren.find((p) => p?.type === 'pair' && /^['"]?headers['"]?$/.test(p.childForFieldName('key')?.text ?? ''));
    const value = headers?.childForFieldName('value');
    if (headers && value?.type === 'object') {
      const inside = value.text.slice(1, -1).trim().replace(/,$/, '');
      const newValue = `{ ${inside ? inside + ', ' : ''}${pair} }`;
      return obj.text.slice(0, value.startIndex - obj.startIndex) + newValue + obj.text.slice(value.endIndex - obj.startIndex);
    }
    if (headers && value) {
      const merged = mergeVia === 'Headers' ? `{ ...Object.fromEntries(new Headers(${value.text})), ${pair} }` : `{ ...${value.text}, ${pair} }`;
      return obj.text.slice(0, value.startIndex - obj.startIndex) + merged + obj.text.slice(value.endIndex - obj.startIndex);
    }
    const inside = obj.text.slice(1, -1).trim().replace(/,$/, '');
    return `{ ${inside ? inside + ', ' : ''}headers: { ${pair} } }`;
  }
  const from = mergeVia === 'Headers' ? `...Object.fromEntries(new Headers(${obj.text}?.headers))` : `...${obj.text}?.headers`;
  return `{ ...${obj.text}, headers: { ${from}, ${pair} } }`;
}

function jsMethodIn(obj: Node | undefined): HttpMethod | undefined {
  const m = obj?.type === 'object' ? /\bmethod\s*:\s*['"`](\w+)['"`]/.exec(obj.text) : undefined;
  return m ? (m[1].toUpperCase() as HttpMethod) : undefined;
}

/** fetch, axios and got calls. */
export function javascriptRewrite(call: Node, library: HttpLibrary, method: HttpMethod): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  const args = namedArgs(call.childForFieldName('arguments'));
  const awaited = isAwaited(call);
  if (!fn) return undefined;
  if (library === 'fetch' && fn.text === 'fetch') {
    const effective = jsMethodIn(args[1]) ?? method;
    if (!UNSAFE.has(effective)) return { library: 'fetch', text: `fetchWithRetry(${argsInner(call.childForFieldName('arguments'))})`, awaited };
    if (!args[0]) return undefined;
    return { library: 'fetch', text: `fetchWithRetry(${args[0].text}, ${jsWithHeader(args[1], 'Idempotency-Key', 'Headers')})`, awaited };
  }
  if (library === 'axios') {
    const receiver = fn.type === 'member_expression' ? fn.childForFieldName('object')?.text : fn.text;
    const verb = fn.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : '';
    let config: string;
    let effective: HttpMethod;
    if (verb === '' || verb === 'request') {
      if (!args[0]) return undefined;
      const cfg = args.length > 1 ? args[1] : args[0];
      effective = jsMethodIn(cfg) ?? method;
      config = args.length > 1 ? `{ ...${args[1].text}, url: ${args[0].text} }` : args[0].text;
      if (UNSAFE.has(effective)) {
        config = args.length > 1
          ? `{ ...${args[1].text}, url: ${args[0].text}, headers: { ...${args[1].text}?.headers, 'Idempotency-Key': ${JS_KEY} } }`
          : jsWithHeader(args[0], 'Idempotency-Key', 'spread');
      }
    } else if (PY_METHODS.has(verb)) {
      effective = verb.toUpperCase() as HttpMethod;
      const withData = ['post', 'put', 'patch'].includes(verb);
      const [url, data, cfg] = withData ? [args[0], args[1], args[2]] : [args[0], undefined, args[1]];
      if (!url) return undefined;
      const props = [`method: '${verb}'`, url.text === 'url' ? 'url' : `url: ${url.text}`];
      if (data) props.push(data.text === 'data' ? 'data' : `data: ${data.text}`);
      const withKey = cfg && UNSAFE.has(effective) ? undefined : cfg;
      if (withKey) props.push(objectInner(withKey));
      if (UNSAFE.has(effective)) props.push(objectInner(undefined, jsWithHeader(cfg, 'Idempotency-Key', 'spread')));
      config = `{ ${props.join(', ')} }`;
    } else return undefined;
    return { library: 'axios', text: `axiosWithRetry(${receiver}, ${config})`, awaited };
  }
  if (library === 'got') {
    const head = fn.type === 'member_expression' ? fn.childForFieldName('object') : fn;
    if (head?.text !== 'got') return undefined;
    const verb = fn.type === 'member_expression' ? fn.childForFieldName('property')?.text ?? '' : '';
    const effective = PY_METHODS.has(verb) ? (verb.toUpperCase() as HttpMethod) : jsMethodIn(args[1]) ?? method;
    const callee = 'gotWithRetry' + fn.text.slice(head.text.length);
    if (!UNSAFE.has(effective) || !args[0]) return { library: 'got', text: `${callee}(${argsInner(call.childForFieldName('arguments'))})`, awaited };
    return { library: 'got', text: `${callee}(${args[0].text}, ${jsWithHeader(args[1], 'idempotency-key', 'spread')})`, awaited };
  }
  return undefined;
}
