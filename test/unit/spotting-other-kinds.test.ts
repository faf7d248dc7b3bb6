import { strict as assert } from 'node:assert';
import { spotCases } from '../fixtures/spotting/cases';
import { hoverAt, occurrencesOf } from '../support/serviceHarness';

/**
 * Codes of other kinds than HTTP statuses: JSON-RPC 2.0 / MCP error codes and WebSocket close codes (plain
 * numbers, spotted only where a name or a call says what they are, with their own catalogs), and a payload's
 * own `status` codes, which are not HTTP statuses at all.
 */
describe('spotting: JSON-RPC and WebSocket close codes, payload codes', () => {

  describe("code tables a project declares as a type of their own", () => {
    spotCases('csharp', [
      ['a close-code enum and its uses', 'enum GatewayCloseType { NormalClosure = 1000, GoingAway = 1001, RateLimited = 4008 }\nclass G {\n  bool Resume(GatewayCloseType t) {\n    switch (t) { case GatewayCloseType.RateLimited: return false; }\n    return true;\n  }\n}\n', ['1000 constant', '1001 constant', '4008 constant', '4008 client-check']],
      ['a status enum: every member, also one whose name says nothing', 'enum ApiStatus { Ok = 200, TooManyRequests = 429, Unavailable = 503 }\nclass G {\n  bool Down(ApiStatus s) => s == ApiStatus.Unavailable;\n}\n', ['200 constant', '429 constant', '503 constant', '503 client-check']],
      ['decoy: a settings class named for HTTP', 'static class HttpSettings { public const int Port = 443; public const int TimeoutSeconds = 300; public const int MaxItems = 500; }\n', []],
      ['decoy: a close-code table with one member', 'enum CloseReason { Idle = 4000 }\n', []],
      ['a reconnect predicate over close codes: its cases decide the retry', 'enum SocketClose { Normal = 1000, Throttled = 4008 }\nclass G {\n  bool ShouldReconnect(SocketClose? c) {\n    switch (c) { case SocketClose.Throttled: return true; }\n    return false;\n  }\n}\n', ['1000 constant', '4008 constant', '4008 retry-config']],
      ["a client's own disconnect and reconnect send their close code", 'enum SocketClose { Normal = 1000, Failed = 4000 }\nclass G {\n  async Task Stop() { await DisconnectAsync(closeType: SocketClose.Normal); Reconnect(SocketClose.Failed); }\n}\n', ['1000 constant', '4000 constant', '1000 server-sets', '4000 server-sets']],
      ['decoy: a close code logged by another call is only a constant', 'enum SocketClose { Normal = 1000, Failed = 4000 }\nclass G {\n  void Stop() { Log(SocketClose.Failed); }\n}\n', ['1000 constant', '4000 constant', '4000 constant']],
    ]);
    spotCases('typescript', [
      ['a close-code enum', 'export enum CloseCode { Normal = 1000, Unauthorized = 4001, SessionExpired = 4002 }\nws.close(CloseCode.SessionExpired);\n', ['1000 constant', '4001 constant', '4002 constant', '4002 server-sets']],
    ]);
    spotCases('python', [
      ['an IntEnum of close codes', 'class CloseCode(IntEnum):\n    NORMAL = 1000\n    INVALID_TOKEN = 4003\n\n\ndef gone(code):\n    return code == CloseCode.INVALID_TOKEN\n', ['1000 constant', '4003 constant', '4003 client-check']],
    ]);
  });
  describe('JSON-RPC error codes', () => {
    spotCases('typescript', [
      ['a named constant', 'export const METHOD_NOT_FOUND = -32601;\n', ['-32601 constant']],
      ['an enum of MCP codes', 'enum RpcErrorCode { ParseError = -32700, RequestTimeout = -32001 }\n', ['-32700 constant', '-32001 constant']],
      ['the code of an error object being answered', "send({ jsonrpc: '2.0', id, error: { code: -32602, message: 'bad params' } });\n", ['-32602 server-sets']],
      ["an error's code compared", 'if (failure.code === -32603) return retryLater();\n', ['-32603 client-check']],
      ['an error constructor', "throw new JsonRpcError(-32601, 'unknown method');\n", ['-32601 server-sets']],
      ['a case over an error code', 'switch (reply.error.code) {\n  case -32700:\n    break;\n}\n', ['-32700 client-check']],
      ['decoy: a coordinate', 'const westEdge = -32000;\n', []],
      ['decoy: a number outside the catalog', 'const ERROR_FLOOR = -32768;\n', []],
      ['decoy: a positive 32601', 'const ERROR_CODE = 32601;\n', []],
      ['decoy: compared with a plain count', 'if (delta === -32601) {}\n', []],
    ]);
    spotCases('python', [
      ['a module constant', 'INVALID_REQUEST = -32600\n', ['-32600 constant']],
      ['a JSON-RPC dict', 'body = {"jsonrpc": "2.0", "id": 3, "error": {"code": -32601, "message": "no such method"}}\n', ['-32601 server-sets']],
      ['decoy: an offset', 'shift = -32603\n', []],
    ]);
    spotCases('go', [['a const block', 'package rpc\n\nconst (\n\tCodeInvalidParams = -32602\n\tlimit = -32000\n)\n', ['-32602 constant']]]);
    spotCases('java', [['a static final int', 'class Codes { static final int INTERNAL_ERROR = -32603; }\n', ['-32603 constant']]]);
    spotCases('csharp', [['an enum member', 'enum RpcError { MethodNotFound = -32601 }\n', ['-32601 constant']]]);
  });

  describe('WebSocket close codes', () => {
    spotCases('javascript', [
      ['ws.close(code, reason)', "ws.close(1011, 'handler crashed');\n", ['1011 server-sets']],
      ['a close-code constant', 'const CLOSE_TRY_AGAIN_LATER = 1013;\n', ['1013 constant']],
      ['a close event code in onclose', 'socket.onclose = (evt) => {\n  if (evt.code === 1006) reconnect();\n};\n', ['1006 client-check']],
      ["a code in on('close')", "ws.on('close', (code) => {\n  if (code === 1012) reconnectSoon();\n});\n", ['1012 client-check']],
      ['a comparison naming the close event', 'if (closeEvent.code !== 1000) report();\n', ['1000 client-check']],
      ['decoy: a timeout of 1000 ms', 'setTimeout(tick, 1000);\n', []],
      ['decoy: a code compared outside any close handler', 'if (order.code === 1006) ship();\n', []],
      ['decoy: close() on a file handle', 'file.close(1001);\n', []],
      ['decoy: a plain 1001 constant', 'const MAX_ITEMS = 1001;\n', []],
    ]);
    spotCases('python', [
      ['close(code=…)', 'await websocket.close(code=1008, reason="policy")\n', ['1008 server-sets']],
      ['decoy: sleep(1000)', 'time.sleep(1000)\n', []],
    ]);
    spotCases('java', [['OkHttp webSocket.close(code, reason)', 'class C { void f(WebSocket webSocket) { webSocket.close(1001, "bye"); } }\n', ['1001 server-sets']]]);
  });

  describe("a payload's own status codes are no HTTP statuses", () => {
    spotCases('javascript', [
      ['decoy: a queued job payload', 'const payload = { "status": 101, "msg": "queued" };\n', []],
      ['decoy: a body field compared', 'if (job.status === 102) poll();\n', []],
      ['decoy: a field of the parsed body', 'if ((await res.json()).status === 100) wait();\n', []],
      ['the response status of a protocol switch', 'if (res.status === 101) upgrade();\n', ['101 client-check']],
      ['writeHead(101) on an upgrade', "res.writeHead(101, { Upgrade: 'websocket' });\n", ['101 server-sets']],
      ['a Response init with headers', 'return new Response(null, { status: 101, headers });\n', ['101 server-sets']],
      ['a 4xx in a body still counts', "res.json({ status: 429, error: 'slow down' });\n", ['429 server-sets']],
    ]);
    spotCases('python', [
      ['decoy: a dict payload', 'return {"status": 101, "msg": "queued"}\n', []],
      ['decoy: the parsed body', 'if resp.json()["status"] == 101:\n    pass\n', []],
      ['the response status', 'if response.status_code == 101:\n    pass\n', ['101 client-check']],
    ]);
    spotCases('go', [['decoy: a struct field of a job', 'package x\n\nfunc f() {\n\tif job.Status == 101 {\n\t}\n}\n', []]]);
  });

  it('hovers a JSON-RPC code and a WebSocket close code from their own catalogs', async () => {
    const rpc = await hoverAt('typescript', 'const METHOD_NOT_FOUND = -326|01;\n');
    assert.ok(rpc?.includes('**-32601** — Method not found'), rpc);
    assert.ok(rpc?.includes('JSON-RPC 2.0 and MCP error codes'), rpc);
    const ws = await hoverAt('javascript', "ws.close(10|13, 'busy');\n");
    assert.ok(ws?.includes('**1013** — Try Again Later'), ws);
    assert.ok(ws?.includes('**Retryable**'), ws);
  });

  it('never takes these numbers for HTTP statuses or looks for them as words', async () => {
    const found = await occurrencesOf('javascript', "const again = ['1011', '-32601'];\nif (res.status === 1011) {}\n");
    assert.deepEqual(found, []);
  });
});
