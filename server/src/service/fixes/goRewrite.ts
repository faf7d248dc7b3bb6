import type { Node } from 'web-tree-sitter';
import type { HttpMethod } from '../diagnostics/findingData';
import type { CallRewrite } from './callRewrite';
import { namedArgs, UNSAFE } from './rewriteArguments';

const GO_KEY_HELPER = `// newIdempotencyKey returns a random key naming one logical request across all its retries.
func newIdempotencyKey() string {
	b := make([]byte, 16)
	if _, err := crand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}`;
const GO_KEY = { name: 'newIdempotencyKey', text: GO_KEY_HELPER, imports: ['import crand "crypto/rand"', 'import "encoding/hex"'] };

/** `client.Do(req)` → `doWithRetry(client, req)`; `http.Get(url)` → a closure building the request. */
export function goRewrite(call: Node, method: HttpMethod, indent: string): CallRewrite | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const receiver = fn.childForFieldName('operand')?.text ?? '';
  const name = fn.childForFieldName('field')?.text ?? '';
  const args = namedArgs(call.childForFieldName('arguments'));
  if (name === 'Do' && args.length === 1) {
    const before = UNSAFE.has(method) ? [`${args[0].text}.Header.Set("Idempotency-Key", newIdempotencyKey())`] : undefined;
    return { library: 'net/http', text: `doWithRetry(${receiver}, ${args[0].text})`, before, extraHelpers: before ? [GO_KEY] : undefined, awaited: false };
  }
  const client = receiver === 'http' ? 'http.DefaultClient' : receiver;
  const shapes: Record<string, { method: string; url: number; body?: number; contentType?: number }> = {
    Get: { method: 'http.MethodGet', url: 0 },
    Head: { method: 'http.MethodHead', url: 0 },
    Post: { method: 'http.MethodPost', url: 0, contentType: 1, body: 2 },
  };
  const shape = shapes[name];
  if (!shape || !args[shape.url]) return undefined;
  const i = indent + '\t';
  const lines = [
    `func() (*http.Response, error) {`,
    `${i}req, err := http.NewRequest(${shape.method}, ${args[shape.url].text}, ${shape.body !== undefined ? args[shape.body]?.text ?? 'nil' : 'nil'})`,
    `${i}if err != nil {`,
    `${i}\treturn nil, err`,
    `${i}}`,
  ];
  if (shape.contentType !== undefined) lines.push(`${i}req.Header.Set("Content-Type", ${args[shape.contentType]?.text ?? '""'})`);
  if (name === 'Post') lines.push(`${i}req.Header.Set("Idempotency-Key", newIdempotencyKey())`);
  lines.push(`${i}return doWithRetry(${client}, req)`, `${indent}}()`);
  return { library: 'net/http', text: lines.join('\n'), extraHelpers: name === 'Post' ? [GO_KEY] : undefined, awaited: false };
}
