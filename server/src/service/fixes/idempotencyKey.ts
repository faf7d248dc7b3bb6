/**
 * `unsafe-retry`: "Send an Idempotency-Key with this POST": the key is generated ONCE, before the
 * retry loop (one logical request), and sent on every attempt, so the server can deduplicate.
 */
import type { Node } from 'web-tree-sitter';
import type { UnsafeRetryData } from '../diagnostics/findingData';
import type { CodeActionResult, Finding, TextEdit } from '../types';
import { pythonAddHeader } from './pythonRewrite';
import { helperEdits } from './helper';
import { Doc, edit, eol, indentOfLine, insertAt, nodeAt } from './text';

const CALL_TYPES = ['call', 'call_expression', 'method_invocation', 'invocation_expression'];

const GO_KEY = {
  name: 'newIdempotencyKey',
  text: `// newIdempotencyKey returns a random key naming one logical request across all its retries.
func newIdempotencyKey() string {
	b := make([]byte, 16)
	if _, err := crand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}`,
  imports: ['import crand "crypto/rand"', 'import "encoding/hex"'],
};

function callNode(doc: Doc, data: UnsafeRetryData): Node | undefined {
  if (!data.requestRange) return undefined;
  let call = nodeAt(doc, data.requestRange);
  while (call && !CALL_TYPES.includes(call.type) && call.namedChildCount === 1) call = call.namedChildren[0] ?? undefined;
  return call && CALL_TYPES.includes(call.type) ? call : undefined;
}

/** A JS options object with one more header (the key variable). */
function jsHeaders(obj: Node | undefined, value: string): string {
  const pair = `'Idempotency-Key': ${value}`;
  if (!obj) return `{ headers: { ${pair} } }`;
  if (obj.type !== 'object') return `{ ...${obj.text}, headers: { ...Object.fromEntries(new Headers(${obj.text}.headers)), ${pair} } }`;
  const headers = obj.namedChildren.find((p) => p?.type === 'pair' && /^['"]?headers['"]?$/.test(p.childForFieldName('key')?.text ?? ''));
  const v = headers?.childForFieldName('value');
  const splice = (n: Node, text: string) => obj.text.slice(0, n.startIndex - obj.startIndex) + text + obj.text.slice(n.endIndex - obj.startIndex);
  if (v?.type === 'object') {
    const inside = v.text.slice(1, -1).trim().replace(/,$/, '');
    return splice(v, `{ ${inside ? inside + ', ' : ''}${pair} }`);
  }
  if (v) return splice(v, `{ ...Object.fromEntries(new Headers(${v.text})), ${pair} }`);
  const inside = obj.text.slice(1, -1).trim().replace(/,$/, '');
  return `{ ${inside ? inside + ', ' : ''}headers: { ${pair} } }`;
}

const CS_HEADER = 'Headers = { { "Idempotency-Key", idempotencyKey } }';

/** `new HttpRequestMessage(…) { … }` with the key header added to its initializer; undefined if it has Headers already. */
function csharpWithHeader(creation: string): string | undefined {
  if (/\bHeaders\s*=/.test(creation)) return undefined;
  const m = /\{([\s\S]*)\}\s*$/.exec(creation);
  if (!m || !/\)\s*\{/.test(creation)) return `${creation} { ${CS_HEADER} }`;
  const inside = m[1].trim().replace(/,$/, '');
  return `${creation.slice(0, m.index)}{ ${inside ? inside + ', ' : ''}${CS_HEADER} }`;
}

/**
 * C#: the HttpRequestMessage each attempt sends carries the key (never DefaultRequestHeaders: that
 * would share one key between every request of the client). `client.PostAsync(url, content)` becomes
 * `client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = content, Headers = … })`;
 * `client.SendAsync(request)` gets `request.Headers.Add(…)` when `request` is created inside the loop
 * (a message is built per attempt, so the header is added once per message).
 */
function csharpKeyedRequest(doc: Doc, call: Node, data: UnsafeRetryData, args: Node[]): TextEdit[] | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'member_access_expression') return undefined;
  const receiver = fn.childForFieldName('expression')?.text;
  const name = fn.childForFieldName('name')?.text ?? '';
  const verb = { PostAsync: 'Post', PatchAsync: 'Patch' }[name];
  if (args.some((a) => /^\s*@?\w+\s*:(?!:)/.test(a.text))) return undefined; // named arguments: not reordered
  if (verb && receiver && args.length >= 1 && args.length <= 3) {
    const content = args[1] ? `Content = ${args[1].text}, ` : '';
    const rest = args.slice(2).map((a) => `, ${a.text}`).join('');
    return [edit(doc, call.startIndex, call.endIndex, `${receiver}.SendAsync(new HttpRequestMessage(HttpMethod.${verb}, ${args[0].text}) { ${content}${CS_HEADER} }${rest})`)];
  }
  if (name !== 'SendAsync' || !args[0]) return undefined;
  const message = args[0].type === 'argument' ? args[0].namedChildren.find((n) => n && n.type !== 'comment') : args[0];
  if (!message || /:\s*$/.test(args[0].text.slice(0, message.startIndex - args[0].startIndex))) return undefined; // named argument
  if (message.type === 'object_creation_expression') {
    const text = csharpWithHeader(message.text);
    return text ? [edit(doc, message.startIndex, message.endIndex, text)] : undefined;
  }
  if (message.type !== 'identifier') return undefined;
  const loop = nodeAt(doc, data.loopRange!);
  const declared = new RegExp(`\\b(?:var|HttpRequestMessage\\??)\\s+${message.text}\\s*=\\s*new\\b`).test(loop?.text ?? '');
  if (!declared || new RegExp(`\\b${message.text}\\.Headers\\b`).test(loop?.text ?? '')) return undefined;
  const stmtLine = (data.requestStatementRange ?? data.requestRange!).start.line;
  const indent = indentOfLine(doc, stmtLine);
  const line = `${indent}${message.text}.Headers.Add("Idempotency-Key", idempotencyKey);${eol(doc)}`;
  return [insertAt(doc, doc.lines.offsetAt({ line: stmtLine, character: 0 }), line)];
}

export function idempotencyKeyFix(doc: Doc, finding: Finding): CodeActionResult | undefined {
  const data = finding.data as unknown as UnsafeRetryData | undefined;
  if (!data || data.via !== 'loop' || !data.loopRange || data.structure) return undefined;
  const call = callNode(doc, data);
  if (!call) return undefined;
  const nl = eol(doc);
  const loopLine = data.loopRange.start.line;
  const loopIndent = indentOfLine(doc, loopLine);
  const beforeLoop = (stmt: string) => insertAt(doc, doc.lines.offsetAt({ line: loopLine, character: 0 }), loopIndent + stmt + nl);
  const edits: TextEdit[] = [];
  let imports: string[] = [];
  let helpers: Array<typeof GO_KEY> = [];
  const args = call.childForFieldName('arguments');
  const named = (args?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  switch (doc.languageId) {
    case 'python': {
      edits.push(beforeLoop('idempotency_key = str(uuid.uuid4())'));
      const inner = args ? args.text.slice(1, -1) : '';
      edits.push(edit(doc, args!.startIndex + 1, args!.endIndex - 1, pythonAddHeader(args, inner, '"Idempotency-Key"', 'idempotency_key')));
      imports = ['import uuid'];
      break;
    }
    case 'go': {
      const fn = call.childForFieldName('function');
      if (fn?.childForFieldName('field')?.text !== 'Do' || named.length !== 1) return undefined;
      edits.push(beforeLoop('idempotencyKey := newIdempotencyKey()'));
      const stmtLine = (data.requestStatementRange ?? data.requestRange!).start.line;
      const indent = indentOfLine(doc, stmtLine);
      edits.push(insertAt(doc, doc.lines.offsetAt({ line: stmtLine, character: 0 }), `${indent}${named[0].text}.Header.Set("Idempotency-Key", idempotencyKey)${nl}`));
      helpers = [GO_KEY];
      break;
    }
    case 'java': {
      if (call.childForFieldName('name')?.text !== 'send' || named.length !== 2) return undefined;
      edits.push(beforeLoop('String idempotencyKey = UUID.randomUUID().toString();'));
      const req = named[0];
      const header = `.header("Idempotency-Key", idempotencyKey)`;
      const m = /\.build\(\)\s*$/.exec(req.text);
      edits.push(
        m
          ? insertAt(doc, req.startIndex + m.index, header)
          : edit(doc, req.startIndex, req.endIndex, `HttpRequest.newBuilder(${req.text}, (name, value) -> true)${header}.build()`),
      );
      imports = ['import java.util.UUID;'];
      break;
    }
    case 'csharp': {
      const edit1 = csharpKeyedRequest(doc, call, data, named);
      if (!edit1) return undefined;
      edits.push(beforeLoop('var idempotencyKey = Guid.NewGuid().ToString();'), ...edit1);
      imports = ['using System;'];
      break;
    }
    case 'http':
      return undefined;
    default: {
      const fn = call.childForFieldName('function');
      if (fn?.text !== 'fetch' || !named[0]) return undefined;
      const ts = doc.languageId.startsWith('typescript');
      edits.push(beforeLoop(`const idempotencyKey${ts ? ': string' : ''} = crypto.randomUUID();`));
      const init = named[1];
      if (init) edits.push(edit(doc, init.startIndex, init.endIndex, jsHeaders(init, 'idempotencyKey')));
      else edits.push(insertAt(doc, named[0].endIndex, `, ${jsHeaders(undefined, 'idempotencyKey')}`));
    }
  }
  edits.push(...helperEdits(doc, undefined, { snippet: false, extraImports: imports, extraHelpers: helpers }).edits);
  return { title: `Send an Idempotency-Key with this ${data.method}`, kind: 'quickfix', isPreferred: true, fixes: [finding.rule], edits };
}
