import { spotCases } from '../fixtures/spotting/cases';

describe('spotting: JavaScript / TypeScript / JSX / TSX', () => {
  describe('numeric statuses', () => {
    spotCases('typescript', [
    ['decoy: p-retry\'s AbortError (its own class under the DOM name)', "import pRetry, { AbortError } from 'p-retry';\ntry { await pRetry(run); } catch (e) {\n  if (e instanceof AbortError) throw e;\n}\n", []],
    ["node-fetch's FetchError imported from node-fetch", "import fetch, { FetchError } from 'node-fetch';\ntry { await fetch(u); } catch (e) {\n  if (e instanceof FetchError) retry();\n}\n", ['FetchError client-check']],
    ['a code beside the response body it describes, and the same column in the rows of its table', "const cases = [\n  { resp: '{}', code: 200 },\n  { resp: '{}', code: 404, err: 'missing' },\n];\n", ['200 server-sets', '404 server-sets']],
    ['decoy: a code column in a table no row of which describes a response', "const plans = [\n  { name: 'basic', code: 200 },\n  { name: 'pro', code: 404 },\n];\n", []],
    ['a table of messages keyed by status', 'const messages = {\n  400: "Bad request",\n  404: "Missing",\n  503: "Down",\n};\n', ['400 constant', '404 constant', '503 constant']],
      ['res.status === 503', 'if (res.status === 503) retry();\n', ['503 client-check']],
      ['an axios error status', 'if (error.response?.status >= 500) throw error;\n', ['500 client-check']],
      ['a nullish default in a comparison', 'if ((err.response?.status ?? 0) === 429) wait();\n', ['429 client-check']],
      ['includes over a literal array', 'const again = [429, 503].includes(res.status);\n', ['429 client-check', '503 client-check']],
      ['case 429 in a switch over a status', 'switch (res.status) {\n  case 429:\n    break;\n}\n', ['429 client-check']],
      ["a project's error reply handed the response and a status", "return httpError(res, 404, 'no such user');\n", ['404 server-sets']],
      ['a failure reply with its message in a local', "const message = 'Form is closed';\nreturn new Reply(ctx).error(message, 403);\n", ['403 server-sets']],
      ['decoy: a logger handed a message and a number', "logger.error(message, 403);\n", []],
      ['an error class made by a factory with code, message and status', "export const Locked = createError('LOCKED', 'Locked while migrating', 503);\n", ['503 server-sets']],
      ["a nock-like interceptor answering with a status", "const i = networkMocker.intercept('POST', '/payments', 200, body);\nconst e = intercept(500, {});\n", ['200 server-sets', '500 server-sets']],
      ['res.status(404)', 'res.status(404).json({});\n', ['404 server-sets']],
      ['Fastify reply.code(503)', 'reply.code(503).send();\n', ['503 server-sets']],
      ['res.sendStatus(204)', 'res.sendStatus(204);\n', ['204 server-sets']],
      ['writeHead(503)', "res.writeHead(503, { 'Retry-After': '10' });\n", ['503 server-sets']],
      ['a Response init status', 'return new Response(body, { status: 503 });\n', ['503 server-sets']],
      ['res.statusCode = 404', 'res.statusCode = 404;\n', ['404 server-sets']],
      ['a status default', 'const status = err.status || 500;\n', ['500 server-sets']],
      ['a ternary status', 'res.status(ok ? 200 : 500);\n', ['200 server-sets', '500 server-sets']],
      ['NestJS @HttpCode(201)', 'class C { @HttpCode(201) create() {} }\n', ['201 server-sets']],
      ['new HttpException(body, 429)', "throw new HttpException('slow', 429);\n", ['429 server-sets']],
      ['expect(res.status).toBe(201)', 'expect(res.status).toBe(201);\n', ['201 test-assert']],
      ['expect(res.statusCode).not.toBe(500)', 'expect(res.statusCode).not.toBe(500);\n', ['500 test-assert']],
      ['supertest .expect(429)', "await request(app).get('/x').expect(429);\n", ['429 test-assert']],
      ['got retry statusCodes', 'got.extend({ retry: { limit: 2, statusCodes: [408, 429] } });\n', ['408 retry-config', '429 retry-config']],
      ['a retryable set', 'const RETRYABLE = new Set([429, 503]);\n', ['429 retry-config', '503 retry-config']],
    ]);
  });

  describe('constants and error codes', () => {
    spotCases('typescript', [
      ['StatusCodes.TOO_MANY_REQUESTS', 'if (res.status === StatusCodes.TOO_MANY_REQUESTS) {}\n', ['429 client-check']],
      ['NestJS HttpStatus.TOO_MANY_REQUESTS', 'throw new HttpException("x", HttpStatus.TOO_MANY_REQUESTS);\n', ['429 server-sets']],
      ['http2 constants.HTTP_STATUS_*', 'stream.respond({ ":status": constants.HTTP_STATUS_SERVICE_UNAVAILABLE });\n', ['503 server-sets']],
      ["err.code === 'ECONNRESET'", "if (err.code === 'ECONNRESET') retry();\n", ['ECONNRESET client-check']],
      ["a case 'ETIMEDOUT'", "switch (e.code) {\n  case 'ETIMEDOUT':\n    break;\n}\n", ['ETIMEDOUT client-check']],
      ['got errorCodes', "got.extend({ retry: { errorCodes: ['ECONNRESET'] } });\n", ['ECONNRESET retry-config']],
      ['grpc.status.UNAVAILABLE', 'if (err.code === grpc.status.UNAVAILABLE) retry();\n', ['UNAVAILABLE client-check']],
      ['an aliased grpc status', 'if (err.code === GrpcStatus.RESOURCE_EXHAUSTED) retry();\n', ['RESOURCE_EXHAUSTED client-check']],
      ["axios's HttpStatusCode enum", "import { HttpStatusCode } from 'axios';\nif (error.response?.status === HttpStatusCode.TooManyRequests) wait();\n", ['429 client-check']],
      ["a project's StatusCodes object imported from elsewhere", "import { StatusCodes } from './fetcher';\nif (error.statusCode === StatusCodes.BadRequest) return 'bad';\n", ['400 client-check']],
      ["decoy: a retry's waits in a list named for them", 'const realtimeRetryDelaysMs = [200, 300, 500, 1_000] as const;\nconst basicRetriesAttempt = [5, 30, 300, 600];\nconst connectBackoffTimes = [15, 30, 60, 120, 300];\n', []],
      ['a list of timeout statuses named for timeouts', 'const TIMEOUT_STATUS_CODES = [408, 504];\n', ['408 constant', '504 constant']],
      ["statuses a regex looks for in a failure's text", "const down = /500|502|503|server error/i.test(errorMessage);\nconst limited = String(err).match(/(429|rate limit)/);\n", ['500 client-check', '502 client-check', '503 client-check', '429 client-check']],
      ['decoy: numbers in a regex over other text, or inside longer numbers', "const ok = /555|123/.test(phoneNumber);\nconst big = /1500|5000/.test(errorMessage);\n", []],
      ["decoy: a file system's errno compared with an error's code", "try { fs.lstatSync(p) } catch (e) {\n  if (e.code === 'ENOENT' || e.code === 'ELOOP') return false;\n}\n", []],
      ["decoy: a project's own Status enum, imported from a relative module", "import { Status } from './status';\nif (job.state === Status.UNAVAILABLE) retryLater();\n", []],
      ['decoy: an order status named like a phrase', "if (order.status === Status.Accepted) ship();\n", []],
      ['decoy: a status table member that names no phrase', "if (res.status === HttpStatusCode.Whatever) ship();\n", []],
    ]);
  });

  describe('JSX and TSX', () => {
    spotCases('javascriptreact', [
      ['a status check in a JSX component', 'const A = ({ res }) => <p>{res.status === 503 ? "down" : "up"}</p>;\n', ['503 client-check']],
      ['JSX width attributes', 'const A = () => <img width={300} height={200} style={{ width: 404 }} />;\n', []],
    ]);
    spotCases('typescriptreact', [
      ['a statusCode prop compared', 'export const E = ({ statusCode }: P) => <h1>{statusCode === 404 ? "Missing" : "Error"}</h1>;\n', ['404 client-check']],
      ['JSX text with a number', 'export const E = () => <p>Error 503: try later</p>;\n', []],
    ]);
  });

  describe('numbers that are not statuses', () => {
    spotCases('javascript', [
      ['setTimeout(f, 500)', 'setTimeout(f, 500);\n', []],
      ['width: 300', 'const style = { width: 300, height: 200 };\n', []],
      ['maxRetries = 500', 'const maxRetries = 500;\n', []],
      ['new Array(404)', 'const a = new Array(404);\n', []],
      ['ms: 429', 'const t = { ms: 429 };\n', []],
      ['an array index', 'const x = items[200];\n', []],
      ['a port', 'app.listen(3000);\nconst PORT = 8080;\n', []],
      ['arithmetic', 'const n = a * 500 + 100;\n', []],
      ['template literals', 'const m = `status 503 for ${url}`;\n', []],
      ['a timeout option', 'fetch(u, { timeout: 500 });\n', []],
      ['x.length === 200', 'if (x.length === 200) {}\n', []],
      ['an exit code', 'if (exitCode === 130) process.exit(1);\n', []],
      ['a bare ambiguous word', "const s = 'UNAVAILABLE';\n", []],
      ['String(500) and other bare generic calls', 'const s = String(500);\nconst t = code(300);\n', []],
      ['a status looked for in an error message', 'function transient(error) {\n  return error.message?.includes("503") || String(error).includes(\'429\') || names.includes("404");\n}\n', ['503 client-check', '429 client-check']],
    ]);
  });
});
