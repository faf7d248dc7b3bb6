import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * A test of server code stubs the response and asserts what the code set on it, through the spy's record of its calls:
 * - Jest `expect(res.sendStatus).toHaveBeenCalledWith(403)`, `expect(res.writeHead).toHaveBeenCalledWith(503, …)`,
 *   `toHaveBeenNthCalledWith(1, 400)`; sinon-chai `expect(res.status).to.have.been.calledWith(500)`;
 * - Sinon `sinon.assert.calledWith(res.status, 404)`, `res.status.calledWith(403)`;
 * - Python's `mock.Mock`: `handler.send_response.assert_called_once_with(503)`, `mock_abort.assert_called_with(404)`;
 * - the recorded arguments read directly: `res.status.mock.calls[0][0]`, `res.status.firstCall.args[0]`,
 *   `res.status.getCall(0).args[0]`, `res.status.firstCall.firstArg`, Python `mock_status.call_args[0][0]`.
 * The spy must stand for a status setter (`status`, `sendStatus`, `writeHead`, Koa's `ctx.throw`, Fastify's `reply.code`,
 * `send_response`, `abort`…) and the value be the argument the setter takes its status in (the first).
 */

/** Assertions on the arguments a spy was called with. */
const CALLED_WITH =
  /^(toHaveBeenCalledWith|toBeCalledWith|toHaveBeenLastCalledWith|lastCalledWith|toHaveBeenNthCalledWith|nthCalledWith|calledWith|calledWithExactly|calledOnceWith|calledOnceWithExactly|calledWithMatch|alwaysCalledWith|assert_called_with|assert_called_once_with|assert_any_call)$/;
/** The forms whose first argument is the call's number, not one of its arguments. */
const NTH_CALL = /^(toHaveBeenNthCalledWith|nthCalledWith)$/;
/** Setters whose first argument is the status they send. */
const STATUS_SETTER_SPY = /^(status|sendStatus|writeHead|code|setStatus|sendError|WriteHeader|set_status|send_response|send_error|abort|setStatusCode|withStatus|throw|http_response_code)$/;
/** Receivers of the generic names `throw` and `code`: Koa's context, Fastify's reply. */
const THROW_RECEIVER = /^(ctx|context)$/;
const CODE_RECEIVER = /^(reply|res|response)$/;
/** Names a test gives a spy or a stub of the setter: `mock_abort`, `mockStatus`, `statusSpy`, `sendStatusStub`. */
const SPY_AFFIX = /^(mock|mocked|fake|stub|spy)_?|_?(mock|spy|stub)$/gi;

/** The recorded first argument of a setter spy: `res.status.mock.calls[0][0]`, `res.status.firstCall.args[0]`. */
export const SPY_STATUS_ARGUMENT =
  /(?:^|\.)(?:status|sendStatus|writeHead|setStatus|WriteHeader|sendError|set_status|send_response|abort)\.(?:(?:mock\.calls\[\d+\]|mock\.lastCall|(?:firstCall|secondCall|thirdCall|lastCall|getCall\(\d+\))\.args|args\[\d+\]|calls\.argsFor\(\d+\)|calls\.mostRecent\(\)\.args|calls\.first\(\)\.args|call_args(?:\.args|\[0\])?)\[0\]|(?:firstCall|lastCall|getCall\(\d+\))\.firstArg)$/;

/** The setter a spy stands for, by its last name with a test's affixes removed (`mock_abort` → `abort`). */
function setterName(name: string): string {
  const bare = name.replace(SPY_AFFIX, '');
  return bare.length ? bare[0].toLowerCase() + bare.slice(1) : bare;
}

/**
 * `call` asserts the arguments a status setter's spy received, and `index` (the literal's argument) is where the
 * setter's status goes. `subject` is what the call's chain asserts on (`expect(spy)`), if any.
 */
export function assertsSetterStatus(
  call: Node,
  name: string,
  index: number,
  subject: Node | null,
  s: SyntaxAdapter,
  lastName: (n: Node | null) => string | undefined,
  receiverOf: (c: Node) => Node | null,
): boolean {
  if (index < 0 || !CALLED_WITH.test(name)) return false;
  const receiver = receiverOf(call);
  const args = s.callArguments(call);
  let spy: Node | null;
  let at = index - (NTH_CALL.test(name) ? 1 : 0);
  if (receiver && /^(sinon\.assert|assert)$/.test(receiver.text)) {
    // `sinon.assert.calledWith(res.status, 404)`: the spy is the first argument.
    spy = args[0] ?? null;
    at -= 1;
  } else {
    spy = subject ?? receiver;
  }
  if (!spy || at !== 0) return false;
  const setter = setterName(lastName(spy) ?? '');
  if (!STATUS_SETTER_SPY.test(setter)) return false;
  const owner = s.members.has(spy.type) ? lastName(s.memberParts(spy)?.object ?? null) : undefined;
  if (setter === 'throw') return THROW_RECEIVER.test(owner ?? '');
  if (setter === 'code') return CODE_RECEIVER.test(owner ?? '');
  return true;
}
