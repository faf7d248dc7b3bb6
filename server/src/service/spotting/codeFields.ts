import type { Node } from 'web-tree-sitter';
import type { ExpressionReader } from './expressionReader';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';
import { DEFAULT_OPERATORS } from './names';

/*
 * How surely an expression holds an API's error code (vendorCodeRoles.ts asks, for the other side of a comparison, the
 * subject of a switch, the target of an assignment): a field named for errors (`err.error`, `body['error_code']`,
 * `e.getErrorCode()`), a bare code or status, an error's message or a response's raw text, a local taken from one of those.
 */

/** Fields that hold an error code whatever object they are on. */
export const ERROR_FIELD =
  /^(error|err|errors|(api_?)?error_?codes?|(api)?ErrorCodes?|err_?code|errCode|error_?type|errorType|error_?reason|errorReason|fault_?code|faultCode|sub_?code|subCode|error_?subcode|getErrorCode|getErrorType|api_?error|apiError|error_?id|errorId)$/i;

/** Fields that hold an error code when the object is an error or a response body. */
const CODE_FIELD = /^(code|type|reason|kind|getCode|getType|getReason)$/i;

/** Fields that hold a status word: an error code only with an error word in the value. */
const STATUS_FIELD = /^(status|getStatus|\w+_status|\w+Status|state)$/;

/** Objects that are an error or a response body. */
const ERRORISH_OBJECT =
  /^(e|ex|exc|err|error|errors|exception|failure|fault|problem|body|resp|response|res|result|data|json|payload|reply|details?|info|\w*Error|\w*error|\w*Exception|\w*_error|\w*_exception|\w*Err)$/;

/** Calls a field is read through: case folding (`err.code.toLowerCase()`, `e.error.lower()`), a view of it (Rust `err.code.as_str()`, Kotlin `orEmpty()`). */
const CASE_FOLD = /^(toLowerCase|toUpperCase|lower|upper|ToLower|ToUpper|ToLowerInvariant|ToUpperInvariant|strip|trim|Trim|casefold|as_str|as_deref|as_ref|to_owned|orEmpty)$/;

/** What an error says of itself: its message (`error.message`, `e.getMessage()`, `err.Error()`, `ex.Message`). */
const MESSAGE_FIELD = /^(message|Message|msg|getMessage|getLocalizedMessage|Error|to_s|full_message)$/;

/**
 * How surely an expression holds an error code: `strong` (a field named for errors), `weak` (a status, a bare code), or
 * `text` (an error's message or a response's raw body, where a code stands among prose or JSON).
 */
export type Strength = 'strong' | 'weak' | 'text';

/**
 * True when an expression is named for an error code, or is a local taken from one (`$code = $r->get_api_error_code()`
 * then `in_array($code, [4, 17])`): there a small number is a code too.
 */
export function namedForErrorCode(field: Node, reader: ExpressionReader): boolean {
  const named = (node: Node | null | undefined): boolean => ERROR_FIELD.test((reader.lastName(node ?? null) ?? '').replace(/^get_(?=[a-z])/, ''));
  if (named(field)) return true;
  return /identifier|variable_name/.test(field.type) && named(reader.assignedBefore(field)?.filter((v): v is Node => v !== null).pop());
}

/**
 * The expression reads an error's code by name: `error.get("code")`, `apiErr.Code`, `body["error"]["code"]`, `errCode`,
 * or a local taken from one (`code = body["error"]["code"]`). Not an error's `type` or `kind` (a project's own
 * categories, an event's type), nor its message.
 */
export function namesAnErrorCode(expr: Node, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  const node = throughViews(expr, reader, s);
  if (!node || node.text.length > 160) return false;
  const read = (n: Node): boolean => /err/i.test(n.text) && !/\bstderr\b/.test(n.text) && CODE_READ.test(fieldNameOf(n, reader, s) ?? '');
  if (read(node)) return true;
  if (!(/identifier/.test(node.type) || node.type === 'variable_name') || !CODE_READ.test(node.text.replace(/^\$/, ''))) return false;
  const value = throughViews(reader.assignedBefore(node)?.filter((v): v is Node => v !== null).pop() ?? null, reader, s);
  return !!value && value.text.length <= 160 && read(value);
}

/** The expression under parentheses and the calls that only view it (`code.as_str()`, `err.code.toLowerCase()`). */
function throughViews(expr: Node | null, reader: ExpressionReader, s: SyntaxAdapter): Node | null {
  let node = expr;
  for (let depth = 0; node && depth < 4 && (s.transparent.has(node.type) || (s.calls.has(node.type) && s.callArguments(node).length === 0 && CASE_FOLD.test(reader.lastName(s.callee(node)) ?? ''))); depth++) {
    node = s.transparent.has(node.type) ? namedChildren(node)[0] ?? null : reader.receiverOf(node);
  }
  return node;
}

/** Names under which an error's code is read (not its `type`, `kind` or message). */
const CODE_READ = /^(get_?)?(\w*_)?(code|err|error|errcode|error_?code|errorcode|reason|error_?reason|sub_?code)$|^(get)?(Error)?(Code|Reason)$|^\w*(Err|Error)(Code|Reason)?$/i;

/** The name a value is read under: a member's property, a key, a getter, a local's own name. */
function fieldNameOf(node: Node, reader: ExpressionReader, s: SyntaxAdapter): string | undefined {
  if (s.calls.has(node.type)) {
    const args = s.callArguments(node);
    const key = args.length >= 1 ? /^(?:['"]([\w-]+)['"]|:(\w+))$/.exec(args[args.length - 1].text.trim()) : null;
    if (key && KEYED_READ.test(reader.lastName(s.callee(node)) ?? '') || (key && /^(dig|path)$/.test(reader.lastName(s.callee(node)) ?? ''))) return key[1] ?? key[2];
    return args.length === 0 ? reader.lastName(s.callee(node)) : undefined;
  }
  if (/subscript|element_access|element_reference/.test(node.type)) {
    const key = node.childForFieldName('subscript') ?? node.childForFieldName('index') ?? node.lastNamedChild;
    return (key ? /^\[?\s*(?:['"]([\w-]+)['"]|:(\w+))\s*\]?$/.exec(key.text) : null)?.slice(1).find((k) => k !== undefined);
  }
  return reader.lastName(node);
}

/** How surely an expression holds an error code. */
export function fieldStrength(expr: Node | null, reader: ExpressionReader, s: SyntaxAdapter, hops = 0): Strength | undefined {
  let node = expr;
  for (let depth = 0; node && depth < 6; depth++) {
    if (s.transparent.has(node.type) || node.type === 'as_expression' || node.type === 'non_null_expression' || node.type === 'argument') {
      const inner = namedChildren(node);
      node = inner[0] ?? null;
      continue;
    }
    if (s.calls.has(node.type) && s.callArguments(node).length === 0 && CASE_FOLD.test(reader.lastName(s.callee(node)) ?? '')) {
      node = reader.receiverOf(node); // `err.code.toLowerCase()`
      continue;
    }
    if ((s.binaries.has(node.type) || node.type === 'boolean_operator') && DEFAULT_OPERATORS.has(s.operatorOf(node).trim())) {
      node = namedChildren(node)[0] ?? null; // `$body['error'] ?? null`, `err.code || ''`
      continue;
    }
    if (/subscript|element_access|element_reference/.test(node.type) && /^\[?\s*0\s*\]?$/.test((node.childForFieldName('subscript') ?? node.childForFieldName('index') ?? node.lastNamedChild)?.text ?? '')) {
      node = node.childForFieldName('value') ?? node.childForFieldName('object') ?? node.namedChild(0); // `$r['error-codes'][0]`: the first code
      continue;
    }
    break;
  }
  if (!node) return undefined;
  if (s.members.has(node.type)) {
    const parts = s.memberParts(node);
    return parts ? nameStrength(parts.property, parts.object, reader, s) : undefined;
  }
  if (s.calls.has(node.type) && s.callArguments(node).length === 0) {
    return nameStrength(reader.lastName(s.callee(node)) ?? '', reader.receiverOf(node), reader, s); // `e.getErrorCode()`
  }
  // (Ruby reads a hash with an `element_reference`: `error_body["error_code"]`.)
  if (/subscript|element_access|element_reference/.test(node.type)) {
    const key = node.childForFieldName('subscript') ?? node.childForFieldName('index') ?? node.lastNamedChild;
    const content = key ? /^\[?\s*['"]([\w-]+)['"]\s*\]?$/.exec(key.text) : null;
    const object = node.childForFieldName('value') ?? node.childForFieldName('object') ?? node.namedChild(0);
    return content ? nameStrength(content[1], object, reader, s) : undefined;
  }
  if (s.calls.has(node.type) && s.callArguments(node).length > 1 && /^(dig|path)$/.test(reader.lastName(s.callee(node)) ?? '')) {
    // Ruby `body.dig("error", "code")`: the last key read under the ones before it (an `error` key makes it an error's).
    const keys = s.callArguments(node).map((a) => /^(?:['"]([\w-]+)['"]|:(\w+))$/.exec(a.text.trim())).map((m) => (m ? m[1] ?? m[2] : undefined));
    if (keys.some((k) => k === undefined)) return undefined;
    const [last, ...before] = [...keys].reverse() as string[];
    if (ERROR_FIELD.test(last.replace(/-/g, '_'))) return 'strong';
    if (CODE_FIELD.test(last)) return before.some((k) => /^(error|errors|err)$/i.test(k)) ? 'strong' : 'weak';
    return STATUS_FIELD.test(last) ? 'weak' : undefined;
  }
  if (s.calls.has(node.type) && s.callArguments(node).length === 1) {
    // `data.get("error")`, `body.fetch("error_code")`, `json.optString("code")`: a field read by its key.
    const key = /^['"]([\w-]+)['"]$/.exec(s.callArguments(node)[0].text.trim());
    if (key && KEYED_READ.test(reader.lastName(s.callee(node)) ?? '')) return nameStrength(key[1], reader.receiverOf(node), reader, s);
    // `"NoSuchEntity" in str(e)`, `String(err).includes(…)`: a caught error's text searched for the code it carries.
    const arg = s.callArguments(node)[0];
    // A helper that reads the code off an error (`getRecallErrorCode(error)`, `error_code_of(e)`).
    if (/^(get_?)?\w*error_?code(_?of)?$/i.test(reader.lastName(s.callee(node)) ?? '') && /identifier/.test(arg.type)) return 'strong';
    const callee = reader.lastName(s.callee(node)) ?? '';
    if (/^(str|repr|String)$/.test(callee) && /identifier/.test(arg.type) && ERRORISH_OBJECT.test(arg.text) && !/^(body|resp|response|res|result|data|json|payload|reply|details?|info)$/.test(arg.text)) return 'strong';
    // `String(reason)`, `str(code)`: a field turned to text holds what the field holds.
    if (/^(str|String)$/.test(callee) && hops === 0) return fieldStrength(arg, reader, s, hops);
    // A helper named for the field it reads off an error (`code(http_error)`, `error_type(exc)`).
    if ((ERROR_FIELD.test(callee) || CODE_FIELD.test(callee)) && errorish(arg, reader, s)) return nameStrength(callee, arg, reader, s);
    return undefined;
  }
  if (/identifier/.test(node.type) || node.type === 'variable_name') {
    const name = node.text.replace(/^\$/, '');
    // A string compared with `error` or `err` is no exception object: the variable holds the code.
    if (ERROR_FIELD.test(name)) return 'strong';
    // (A bare `code` taken from an error's code is as sure as that: `$code = $r->get_api_error_code()`.)
    if (/^(code|reason|type|error_?type)$/i.test(name) || STATUS_FIELD.test(name)) return (hops === 0 && /^code$/i.test(name) ? definedStrength(node, reader, s) : undefined) ?? 'weak';
    // A local holding an error's text (`errorMessage.includes('insufficient_quota')`, `errMsg`, `error_text`): a message,
    // where only a code-shaped token with an error word in it counts.
    if (ERROR_TEXT_LOCAL.test(name)) return 'text';
    // A response's raw text (`json.includes('rate_limit_exceeded')`, `body == "channel_not_found"`).
    if (BODY_TEXT_LOCAL.test(name)) return 'text';
    return hops === 0 ? definedStrength(node, reader, s) : undefined;
  }
  return undefined;
}

/**
 * Names of a code of some kind (`graphCode`, `exception_code`), not a status's (`statusCode`, `http_code`), an event's
 * (`webhook_code`) or a locale's.
 */
const NAMED_CODE = /^[A-Za-z]\w*(_code|[a-z]Code)$/;

const OTHER_CODE = /status|http|resp|return|exit|webhook|event|country|lang|currency|locale|key|char/i;

/** Locals named for a response's raw text: `body`, `json`, `responseText`, `raw_body`. */
const BODY_TEXT_LOCAL = /^(body|json|text|raw|raw_?body|body_?text|response_?(text|body)|resp_?(text|body)|responseText|responseBody|respText|respBody)$/i;

/** Fields that hold a response's raw text, on a response (`response.body`, `resp.text`, `res.content`). */
const BODY_TEXT_FIELD = /^(body|text|content|raw|getBody|getText|readText)$/;

/** Objects that are a response. */
const RESPONSE_OBJECT = /^(r|res|resp|response|\w*Response|\w*_response|reply|http_?resp)$/;

/** Locals named for an error's text: `errorMessage`, `errMsg`, `error_text`, `errStr`, `errorBody`. */
const ERROR_TEXT_LOCAL = /^(err|error|exc|exception)_?(msg|message|text|str|string|body|detail|details|description)$/i;

/** Calls that read one field of a map or a JSON object by its key. */
const KEYED_READ = /^(get|fetch|dig|getString|optString|get_value|getValue|GetString|GetProperty|path|value)$/;

/**
 * How surely a local holds an error code, from its definition before `use` in the same function:
 * `err = data["error"]` then `if err == "slow_down"`, `$code = $e['error_code']` then `in_array($code, […])`.
 */
function definedStrength(use: Node, reader: ExpressionReader, s: SyntaxAdapter): Strength | undefined {
  let value = reader.assignedBefore(use)?.filter((v): v is Node => v !== null).pop();
  if (!value) return undefined;
  // `response?.error || "unknown_error"`, `body.get("error") or ""`: the field read before the default.
  if ((s.binaries.has(value.type) || value.type === 'boolean_operator') && DEFAULT_OPERATORS.has(s.operatorOf(value).trim())) value = namedChildren(value)[0] ?? value;
  return fieldStrength(value, reader, s, 1);
}

export function nameStrength(name: string, object: Node | null, reader: ExpressionReader, s: SyntaxAdapter): Strength | undefined {
  // (A JSON key may be kebab-case: Turnstile's and reCAPTCHA's `error-codes`.)
  // (and a getter may spell its prefix in snake case: `get_api_error_code()`.)
  if (ERROR_FIELD.test(name.replace(/-/g, '_').replace(/^get_(?=[a-z])/, ''))) return 'strong';
  // An error's message holds codes among prose: only a code-shaped token with an error word in it counts.
  if (MESSAGE_FIELD.test(name)) return errorish(object, reader, s) && !/^(body|resp|response|res|result|data|json|payload|reply|details?|info)$/.test(reader.lastName(object) ?? '') ? 'text' : undefined;
  if (BODY_TEXT_FIELD.test(name) && RESPONSE_OBJECT.test(reader.lastName(object) ?? '')) return 'text';
  if (CODE_FIELD.test(name)) return errorish(object, reader, s) ? 'strong' : 'weak';
  // An error's code by another name (`e.graphCode`, `json['exceptionCode']`): only a code with an error word in it.
  if (NAMED_CODE.test(name) && !OTHER_CODE.test(name)) return errorish(object, reader, s) ? 'weak' : undefined;
  return STATUS_FIELD.test(name) ? 'weak' : undefined;
}

/** An error or a response body: `err`, `e.response`, `body['error']`, `ex.Data`. */
export function errorish(object: Node | null, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  if (!object) return false;
  if (/subscript|element_access/.test(object.type)) {
    const key = object.childForFieldName('subscript') ?? object.childForFieldName('index') ?? object.lastNamedChild;
    if (key && /^\[?\s*['"](error|errors|err)['"]\s*\]?$/.test(key.text)) return true;
  }
  const name = reader.lastName(object);
  // A request's body is what a client sent (`request.body.fetch("type")`), no error.
  const holder = s.members.has(object.type) ? s.memberParts(object)?.object ?? null : s.calls.has(object.type) && s.callArguments(object).length === 0 ? reader.receiverOf(object) : null;
  if (REQUEST_OBJECT.test(reader.lastName(holder) ?? '')) return false;
  return name !== undefined && ERRORISH_OBJECT.test(name) && !(s.calls.has(object.type) && CASE_FOLD.test(name));
}

/** Objects that are an incoming request: `req`, `request`, `ctx.request`, `httpRequest`. */
const REQUEST_OBJECT = /^(req|request|\w*Request)$/;

/** How surely an object key holds an error code: `error:`, `error_code=`, or `type:`/`code:` inside an `error: {…}` object. */
export function keyStrength(key: string, pair: Node, s: SyntaxAdapter): Strength | undefined {
  const bare = key.replace(/^['"]|['"]$/g, '');
  if (ERROR_FIELD.test(bare)) return 'strong';
  if (!CODE_FIELD.test(bare)) return STATUS_FIELD.test(bare) ? 'weak' : undefined;
  const object = pair.parent;
  const holder = object?.parent;
  if (holder && s.pairs.has(holder.type) && ERROR_FIELD.test((s.pairName(holder) ?? '').replace(/^['"]|['"]$/g, ''))) return 'strong';
  const siblings = object ? namedChildren(object).map((n) => (s.pairName(n) ?? '').replace(/^['"]|['"]$/g, '')) : [];
  // `{ type: 'invalid_request_error', message: '…' }`: an error object (a key with spaces is a label, not a field)
  if (/\s/.test(bare)) return undefined;
  return siblings.some((n) => /^(message|msg|error_message|errorMessage|error_description|detail)$/i.test(n)) ? 'strong' : 'weak';
}

/** Constants named for a reason: Go `ReasonSessionNotFound`, `REASON_QUOTA`. */
const REASON_NAME = /^(Reason[A-Z]|REASON_)/;
/** Whether a file names google.rpc.ErrorInfo (Go `errdetails.ErrorInfo`), once per syntax tree. */
const errorInfoFiles = new WeakMap<object, boolean>();

/**
 * A constant named for a reason, `ReasonSessionNotFound = "SESSION_NOT_FOUND"`, in a file that builds or reads a
 * google.rpc.ErrorInfo: the reason of an ErrorInfo is an error code (UPPER_SNAKE_CASE, AIP-193), the way a service
 * tells its clients which failure it is. (Kubernetes' event reasons, `ReasonFailedCreate = "FailedCreate"`, are
 * CamelCase and stand in files without ErrorInfo.)
 */
export function namesErrorInfoReason(name: string, upperToken: boolean, literal: Node): boolean {
  if (!upperToken || !REASON_NAME.test(name)) return false;
  const tree = literal.tree;
  let mentions = errorInfoFiles.get(tree);
  if (mentions === undefined) errorInfoFiles.set(tree, (mentions = /\bErrorInfo\b/.test(tree.rootNode.text)));
  return mentions;
}
