import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/**
 * Statuses a test double answers with, in mocking DSLs that name no response type:
 * - MockK's infix answers, `every { response.code } returns 503`, `coEvery { call.status } returns
 *   HttpStatusCode.ServiceUnavailable`, `every { resp.code() } returnsMany listOf(503, 200)` — when the stubbed
 *   expression ends in a status getter (https://mockk.io/#answers); and mockito-kotlin's `on { code() } doReturn 503`
 *   (github.com/mockito/mockito-kotlin, the `mock<T> { on { … } doReturn … }` stubbing);
 * - Rust httptest's responder `status_code(500)`, handed to `respond_with(…)` or in a file that uses httptest
 *   (https://docs.rs/httptest/latest/httptest/responders/fn.status_code.html).
 * Both are the test's own data: `test-assert`, as the stubs of Mockito and MockWebServer are.
 */

/** MockK's infix answer functions, and mockito-kotlin's (`on { code() } doReturn 503`). */
const MOCKK_ANSWER = /^(returns|returnsMany|andThen|doReturn|doReturnConsecutively)$/;
/** The stubbing blocks of MockK, and mockito-kotlin's `on { … }` inside `mock<T> { … }`. */
const MOCKK_STUB = /^(every|coEvery|on|onBlocking)\s*\{/;
/** A stubbed expression ending in a status getter: `resp.code`, `response.code()`, `call.response.status`, `r.statusCode`. */
const STUBBED_STATUS = /[.\s](code|status|statusCode|status_code|responseCode|getStatusCode|getStatus|getResponseCode|StatusCode)\s*(\(\s*\))?\s*\}\s*$/;

/**
 * `parent` is an infix call whose answer `child` is (or holds) the status: a MockK answer of a stubbed status
 * getter. Chained answers (`every { r.code } returns 503 andThen 200`) are read down to their stub.
 */
export function mockkAnswer(parent: Node, child: Node): boolean {
  if (parent.type !== 'infix_expression') return false;
  const parts = namedChildren(parent);
  if (parts.length !== 3 || parts[2].id !== child.id || !MOCKK_ANSWER.test(parts[1].text)) return false;
  let stub: Node | undefined = parts[0];
  // `every { … } returns 503 andThen 200`: the left side is itself an answer.
  for (let depth = 0; stub?.type === 'infix_expression' && depth < 4; depth++) stub = namedChildren(stub)[0];
  return !!stub && MOCKK_STUB.test(stub.text) && STUBBED_STATUS.test(stub.text);
}

/** The httptest responder `status_code(N)`: handed to `respond_with`, or called bare in a file that imports httptest. */
export function httptestResponder(call: Node, name: string, argCount: number, s: SyntaxAdapter, root: Node | undefined): boolean {
  if (name !== 'status_code' || argCount !== 1 || call.type !== 'call_expression') return false;
  const callee = s.callee(call);
  if (!callee || !/^(httptest::)?(responders::)?status_code$/.test(callee.text)) return false;
  for (let up = call.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
    if (s.calls.has(up.type) && /respond_with$/.test(s.callee(up)?.text ?? '')) return true;
  }
  return !!root && usesHttptest(root);
}

const httptestFiles = new WeakMap<Node, boolean>();

function usesHttptest(root: Node): boolean {
  let uses = httptestFiles.get(root);
  if (uses === undefined) httptestFiles.set(root, (uses = /\bhttptest::/.test(root.text)));
  return uses;
}

/** Mock answers that take a callback returning `[status, body, headers]`: nock's and axios-mock-adapter's `reply`. */
const REPLY_WITH_CALLBACK = /^(reply|replyOnce)$/;
const FUNCTIONS = /^(arrow_function|function_expression|function)$/;

/**
 * nock `.reply((uri, body) => [503, 'busy'])`, axios-mock-adapter `mock.onGet(url).reply(() => [429, {}])` or
 * `.reply(function () { return [500, {}]; })`: the first element of the array the reply callback returns is the status
 * the stub answers with (github.com/nock/nock#specifying-replies, github.com/ctimmerm/axios-mock-adapter).
 */
export function replyCallbackStatus(literal: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined): boolean {
  const array = literal.parent;
  if (!array || array.type !== 'array' || namedChildren(array)[0]?.id !== literal.id) return false;
  let fn: Node | null = array.parent;
  if (fn?.type === 'return_statement') {
    fn = fn.parent;
    for (let depth = 0; fn && !FUNCTIONS.test(fn.type) && depth < 6; depth++) fn = fn.parent;
  } else if (fn?.type === 'parenthesized_expression') {
    fn = fn.parent;
  }
  if (!fn || !FUNCTIONS.test(fn.type)) return false;
  const args = fn.parent;
  const call = args?.type === 'arguments' ? args.parent : null;
  return !!call && s.calls.has(call.type) && REPLY_WITH_CALLBACK.test(lastName(s.callee(call)) ?? '');
}
