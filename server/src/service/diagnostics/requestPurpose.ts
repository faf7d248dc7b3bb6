/* What a request is for, as its method, its function's name and its URL say: a write, a credential exchange, a query. */

/** A method that only reads. */
export function readMethod(method: string): boolean {
  return /^(GET|HEAD|OPTIONS)$/.test(method);
}

/** A function named for sending something (`notify`, `publish`, `upload`, `create_ticket`…). */
export function namedForWriting(fnName: string | undefined): boolean {
  return /^_?(send|post|create|update|delete|notify|publish|upload|submit|push|deliver|dispatch|emit|save|write)/i.test(fnName ?? '');
}

/**
 * A GET whose URL names an action (`…/bot{token}/sendMessage?chat_id=…`, `/deleteMessage`, `/create_task`): APIs
 * that take their writes as GETs (Telegram's Bot API among them) send something all the same.
 */
export function urlNamesAction(statementText: string): boolean {
  return /["'`][^"'`\n]*\/(send|create|delete|update|post|publish|notify|trigger|cancel|remove)(?=[A-Z_])[^"'`\n]*/.test(statementText);
}

/** A request that changes something: a write method, or a function named for sending. */
export function writesByMethodOrName(method: string, fnName: string | undefined): boolean {
  return /^(POST|PUT|PATCH|DELETE)$/.test(method) || namedForWriting(fnName);
}

/**
 * What no-retry-on-request judges as a read, reported only with `reportReadsWithoutRetry`: a read method in a function
 * not named for sending, a POST that only asks (`statementText` is read only for a POST), a credential exchange.
 */
export function judgedAsRead(method: string, fnName: string | undefined, fnText: string | undefined, statementText: () => string): boolean {
  return (readMethod(method) && !namedForWriting(fnName) && !urlNamesAction(statementText())) || (method === 'POST' && (queriesOnly(fnName, statementText()) || servedFromCache(fnText))) || exchangesCredentials(fnName, fnText);
}

/**
 * The function looks its answer up in a cache before sending (`this.cache?.get<T>(cacheKey)`, `cache.get(key)`): what
 * it sends is a question whose answer can be kept — a GraphQL query or a search sent as a POST — not a write.
 */
export function servedFromCache(fnText: string | undefined): boolean {
  return !!fnText && /\b\w*cache\w*\??\.(?:get|get_or_none|fetch|lookup|getItem)\s*(?:<[^>()]*>)?\s*\(/i.test(fnText);
}

/**
 * A function named for a credential or session exchange (`Login`, `CreateSession`, `get_access_token`, `refreshAuth`,
 * `verifyCaptcha`): a POST by protocol, but like a read it loses nothing — whoever needs the credential sees the failure
 * and asks again.
 */
export function exchangesCredentials(fnName: string | undefined, fnText = ''): boolean {
  // (Or its body asks for a token: an OAuth grant, a `/token` or `/oauth` endpoint.)
  return words(fnName).some((w) => CREDENTIAL_WORDS.has(w)) || TOKEN_REQUEST.test(fnText);
}
const TOKEN_REQUEST = /\bgrant_type\b|["'`][^"'`\n]*\/oauth2?\/[^"'`\n]*["'`]|["'`][^"'`\n]*\/(?:token|access_token)["'`?]/;

/**
 * A liveness signal (`ping`, `heartbeat`, `snitch`, `keepalive`): a missed one is what raises the alarm, so losing it
 * is by design, and sending it twice tells the monitor nothing new.
 */
export function signalsLiveness(fnName: string | undefined): boolean {
  return words(fnName).some((w) => LIVENESS_WORDS.has(w));
}
/**
 * Telemetry, usage statistics or a remote log line (`sendTelemetry`, `post_stats`, `flushLogs`): losing one now and then
 * is the accepted price of never holding up the work it describes.
 */
export function reportsTelemetry(fnName: string | undefined): boolean {
  return words(fnName).some((w) => TELEMETRY_WORDS.has(w));
}
const TELEMETRY_WORDS = new Set(['telemetry', 'analytics', 'stats', 'statistics', 'metrics', 'usage', 'tracking', 'log', 'logs']);
const LIVENESS_WORDS = new Set(['ping', 'heartbeat', 'heartbeats', 'snitch', 'keepalive', 'healthcheck', 'healthchecks']);
const CREDENTIAL_WORDS = new Set(['login', 'logon', 'logout', 'logoff', 'signin', 'signout', 'session', 'sessions', 'token', 'tokens', 'oauth', 'oauth2', 'auth', 'authenticate', 'authorize', 'password', 'revoke', 'captcha', 'recaptcha', 'turnstile', 'credentials']);

/**
 * A POST that only asks (a search or lookup with its criteria in the body) or only computes an answer from what it
 * sends (a translation, a rendering, a conversion): the function is named for reading or computing
 * (`findStaffByIds`, `search_notes`, `_retry_translate`, `convertWordDocToPdf`, a model's `relevance_batch` or
 * `async_get_chat_response`) and for nothing that writes, or the URL
 * written in the request's statement has such a segment (`/search/notes`, `/_search`, `/lookup`, `/render`,
 * `/forms/libreoffice/convert`). Sending it twice changes nothing.
 */
export function queriesOnly(fnName: string | undefined, statementText: string): boolean {
  const parts = words(fnName);
  // (`_retry_translate`, `tryRender`, `doLookup`: what is retried or tried is the rest of the name.)
  const verb = parts.find((w) => !RETRY_PREFIXES.has(w));
  if (verb && READ_VERBS.has(verb) && !parts.some((w) => WRITE_WORDS.has(w))) return true;
  // (A model's completion, `/chat/completions`, `:generateContent`, Anthropic's `/v1/messages`, is computed from what is
  // sent, like an embedding.)
  return /["'`][^"'`\n]*(?:\/(_?search|_msearch|_count|query|lookup|find|translate|render|convert|classify|detect|moderations?|embeddings?|tokenize|validate|completions)\b|:generateContent\b|api\.anthropic\.com\/v1\/messages\b)/i.test(statementText.slice(0, 600));
}
/**
 * A function named for bringing something to a final state — cancelling, stopping, closing, archiving, acknowledging:
 * done twice, it leaves the same state as done once (a second cancel of a cancelled deployment duplicates nothing).
 */
export function settlesState(fnName: string | undefined): boolean {
  const verb = words(fnName).find((w) => !/^(retry|try|do|async|with)$/.test(w));
  return !!verb && SETTLING_VERBS.has(verb);
}
const SETTLING_VERBS = new Set(['cancel', 'stop', 'close', 'archive', 'acknowledge', 'ack', 'unsubscribe', 'disable', 'deactivate']);

const READ_VERBS = new Set([
  'get', 'find', 'search', 'lookup', 'query', 'list', 'count', 'fetch', 'read', 'load',
  'translate', 'render', 'convert', 'classify', 'detect', 'moderate', 'embed', 'tokenize', 'summarize', 'summarise', 'transcribe', 'validate', 'verify',
  // A model asked for a score, a ranking, a prediction or a completion computes it from what is sent.
  'relevance', 'rank', 'rerank', 'score', 'predict', 'infer', 'inference', 'completion', 'completions', 'embedding', 'embeddings', 'similarity',
]);
/** Words before the verb that say how it is done, not what (`retry_translate`, `async_get_chat_response`, `aembed`). */
const RETRY_PREFIXES = new Set(['retry', 'retrying', 'try', 'do', 'with', 'safe', 'safely', 'async', 'await', 'sync']);
const WRITE_WORDS = new Set(['create', 'add', 'insert', 'save', 'update', 'upsert', 'delete', 'remove', 'send', 'post', 'submit', 'upload', 'publish', 'notify', 'register', 'charge', 'pay', 'store', 'write', 'set', 'or']);

/**
 * An operation named for making or sending something new — an SDK or RPC call whose HTTP method the code does not show
 * (`client.CreateWorkspace(ctx, req)`, `stub.CreateEntry(request)`, `chatClient.sendMessage(…)`, `charges.create(…)`):
 * applied twice, it makes two. Not an update, a delete, a read or a settling verb: done twice, those leave one state.
 */
export function operationCreates(name: string): boolean {
  const verb = words(name).find((w) => !RETRY_PREFIXES.has(w));
  return !!verb && CREATING_VERBS.has(verb);
}
const CREATING_VERBS = new Set([
  'create', 'add', 'insert', 'send', 'post', 'submit', 'publish', 'enqueue', 'append', 'charge', 'pay', 'place', 'book',
  'transfer', 'notify', 'register', 'issue', 'start', 'trigger', 'open', 'new',
]);

/** The words of a name, lower case: `findStaffByIds` → find, staff, by, ids; `get_or_create` → get, or, create. */
function words(name: string | undefined): string[] {
  return (name ?? '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}
