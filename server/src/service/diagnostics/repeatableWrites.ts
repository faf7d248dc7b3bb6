/**
 * unsafe-retry: writes a retry may send again without harm — an Idempotency-Key goes with them (one not made anew on
 * every attempt), or the POST only asks (a search, a token, a login, a heartbeat, telemetry, a settling URL).
 */
import type { Node } from 'web-tree-sitter';
import type { DiagContext } from './context';
import type { FnInfo } from './flow/flowModel';
import type { RequestInfo } from './requests';
import type { RetryLoop } from './retryLoops';
import { statementOf } from './requestStatements';
import { exchangesCredentials, namedForWriting, queriesOnly, reportsTelemetry, settlesState, signalsLiveness } from './requestPurpose';
import { answerCached } from './repeatEvidence';

/**
 * An Idempotency-Key is sent for what `fn` sends: the function (or one around it) mentions the header, or a
 * function of the file it calls does (`headers=self._headers()`), or the file sets it outside any function
 * (a session's default headers). Top-level code: the file mentions it.
 */
export function keyed(ctx: DiagContext, fn: FnInfo | undefined): boolean {
  if (!ctx.flow.fileIdempotencyKey) return false;
  if (!fn) return true;
  for (let f: FnInfo | undefined = fn; f; f = f.parent) if (f.idempotencyKey) return true;
  const keyedFns = ctx.flow.fns.filter((f) => f.idempotencyKey);
  // Mentioned only outside functions (module or class level): it is the client's default.
  if (keyedFns.length === 0) return true;
  const names = new Set(keyedFns.map((f) => f.name).filter((n): n is string => !!n));
  return (ctx.flow.callsByFn.get(fn) ?? []).some((c) => names.has(c.name));
}

/** Calls that make a new random key (uuid4, randomUUID, Guid.NewGuid, uuid.New, nanoid, token_hex…). */
const NEW_KEY = /\buuid\.?uuid4\(|\buuid4\(|randomUUID\(|\buuidv4\(|\bv4\(\)|Guid\.NewGuid\(|\buuid\.New(String)?\(|\bnanoid\(|token_hex\(|token_urlsafe\(|randomBytes\(/;

/** The Idempotency-Key is made inside the retry loop: each attempt carries a key the server has never seen. */
export function freshKeyPerAttempt(retry: RetryLoop): boolean {
  const body = retry.loop.node.text;
  return /idempotency[-_]?key/i.test(body) && NEW_KEY.test(body);
}

/**
 * A POST that asks for a token (`/oauth/token`, `/api/v1/access_token`, `grant_type=client_credentials`): a second
 * one only hands out another token, nothing is applied twice.
 */
export function asksForToken(ctx: DiagContext, call: Node): boolean {
  const args = ctx.flow.adapter.callArguments(call).map((a) => a.text).join(' ');
  return /\/(oauth2?|token|access_token|oauth\/token)\b|[/_-]token['"`/?]|grant_type/i.test(args);
}

/** A POST that only asks — a search or lookup (see queriesOnly): re-sending it duplicates nothing. */
export function asksOnly(request: RequestInfo): boolean {
  // (A heartbeat sent twice tells the monitor nothing new either; a batch of log lines, metrics or usage events sent
  // twice is a duplicate the telemetry pipeline tolerates, as losing one is.)
  // (The request may sit in a closure handed to the retry, `RetryIf::spawn(strategy, || …)`: the function it is
  // written in names it.)
  let owner = request.call.fn;
  while (owner && !owner.name && owner.parent) owner = owner.parent;
  const fn = owner?.name;
  const statement = statementOf(request.call.node).text;
  // (A function whose answer is cached asks a question: what is kept is an answer, not the record of an action.)
  return queriesOnly(fn, statement) || signalsLiveness(fn) || reportsTelemetry(fn) || settlesState(fn) || SETTLING_URL.test(statement.slice(0, 600)) || logsIn(fn) || answerCached(request.call.fn);
}

/**
 * A login or a credential exchange (`login`, `authenticate`, `get_session_token`), not named for making something
 * (`create_session`, `register_user`): sent twice, the server hands out a second session or token and the first expires
 * unused; nothing the user owns is duplicated.
 */
function logsIn(fn: string | undefined): boolean {
  return exchangesCredentials(fn) && !namedForWriting(fn) && !/register|signup|sign_?up/i.test(fn ?? '');
}

/** A URL whose last action segment settles a state (`v2/releases/${id}/cancel`, `/jobs/42/stop`). */
const SETTLING_URL = /["'`][^"'`\n]*\/(cancel|stop|close|archive|acknowledge|ack|unsubscribe|disable|deactivate)(?:\?[^"'`\n]*)?["'`]/i;
