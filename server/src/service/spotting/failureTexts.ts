import type { Node } from 'web-tree-sitter';
import type { ExpressionReader } from './expressionReader';
import { DEFAULT_OPERATORS } from './names';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/*
 * A failure's text, searched for the status or the code it names: `"429" in str(e)`, `e.message.includes('503')`,
 * Ruby `e.message.include?("503")`, PHP `str_contains($e->getMessage(), '429')`, Kotlin `"503" in msg`, Go
 * `strings.Contains(err.Error(), "Too Many Requests")`. What counts as the text: an error's message or string form, a
 * local holding one, a message or description field of a reply. The searches themselves: `searchedText`.
 */

/** Locals and fields that hold a failure's text. */
const TEXT_NAME =
  /^(message|msg|messages|err_?msg|errMsg|error_?message|errorMessage|err_?text|errText|error_?text|errorText|err_?str|errStr|error_?str|errorStr|error_?string|errorString|errString|exc_?msg|exception_?message|exceptionMessage|stderr|error_?description|errorDescription|error_?detail|errorDetail|reason_?phrase)$/i;
/** Fields that hold a failure's text only on an error or a reply: `response["description"]`, `err.detail`. */
const REPLY_TEXT_NAME = /^(description|detail|details)$/i;
/** Objects that are a reply: `response`, `resp`, `body`, `data`, `result`, `payload`, `json`. */
const REPLY_OBJECT = /^(r|res|resp|response|\w*_response|\w*Response|body|data|result|payload|json|reply)$/;
/** Names of the error itself: the object a message, a string form or `args` is read off. */
const ERROR_OBJECT = /^(e|ex|exc|err|error|exception|throwable|cause|failure|fault|\w*Error|\w*Exception|\w*_error|\w*_exception|\w*Err|\w*_err)$/;
/** The error itself searched as text: Python `"429" in e`, a Go `err` handed to `strings.Contains` via its `Error()`. */
const BARE_ERROR = /^(e|ex|exc|err|error|exception)$/;
/** Members and getters that give an error's text. */
const MESSAGE_MEMBER = /^(message|Message|msg|getMessage|getLocalizedMessage|localizedMessage|Error|to_s|full_message|toString|to_string|ToString|description|Description|detail|details|reason)$/;
/** Calls that turn their one argument into text: Python `str(e)`, JavaScript `String(err)`, PHP `strval($e)`. */
const TO_TEXT = /^(str|repr|String|strval|format)$/;
/** Calls that only view a text: `e.message.orEmpty()`, `msg.lower()`, `err.Error().ToLower()`. */
const VIEW = /^(orEmpty|lower|upper|toLowerCase|toUpperCase|ToLower|ToUpper|ToLowerInvariant|ToUpperInvariant|downcase|upcase|strip|trim|Trim|casefold|as_str|to_owned|lowercase|uppercase)$/;

/** True when `expr` is a failure's text (see the file's comment); `hops` bounds the locals followed. */
export function isFailureText(expr: Node | null, reader: ExpressionReader, s: SyntaxAdapter, hops = 0): boolean {
  let node = expr;
  for (let depth = 0; node && depth < 6; depth++) {
    if (s.transparent.has(node.type) || /^(non_null_expression|as_expression|postfix_expression|parenthesized_expression)$/.test(node.type)) {
      node = namedChildren(node)[0] ?? null;
    } else if ((s.binaries.has(node.type) || node.type === 'boolean_operator' || node.type === 'elvis_expression') && (node.type === 'elvis_expression' || DEFAULT_OPERATORS.has(s.operatorOf(node).trim()))) {
      node = namedChildren(node)[0] ?? null; // `err.message || ''`, Kotlin `e.message ?: ""`
    } else if (s.calls.has(node.type) && s.callArguments(node).length === 0 && VIEW.test(reader.lastName(s.callee(node)) ?? '')) {
      node = reader.receiverOf(node);
    } else break;
  }
  if (!node) return false;
  if (/identifier|variable_name/.test(node.type)) {
    const name = node.text.replace(/^\$/, '');
    if (TEXT_NAME.test(name) || BARE_ERROR.test(name)) return true;
    // A local holding one: `msg = str(e)`, `val text = e.message ?: ""`.
    if (hops > 0) return false;
    const values = reader.assignedBefore(node)?.filter((v): v is Node => v !== null) ?? [];
    return values.length > 0 && values.every((v) => isFailureText(v, reader, s, hops + 1));
  }
  if (s.members.has(node.type)) {
    const parts = s.memberParts(node);
    return !!parts && (MESSAGE_MEMBER.test(parts.property) || TEXT_NAME.test(parts.property)) && errorObject(parts.object, reader, s);
  }
  if (s.calls.has(node.type)) {
    const args = s.callArguments(node);
    const name = reader.lastName(s.callee(node)) ?? '';
    // `e.getMessage()`, `err.Error()`, `e.to_string()`, `ex.ToString()`
    if (args.length === 0) return MESSAGE_MEMBER.test(name) && errorObject(reader.receiverOf(node), reader, s);
    // `str(e)`, `String(err)`, `strval($e)`
    if (args.length === 1 && TO_TEXT.test(name) && !reader.receiverOf(node)) return errorObject(args[0], reader, s) || isFailureText(args[0], reader, s, hops + 1);
    // `data.get("message")`, `body.fetch("error_description")`
    const key = args.length === 1 ? /^['"]([\w-]+)['"]$/.exec(args[0].text.trim()) : null;
    return !!key && /^(get|fetch|dig|getString|optString)$/.test(name) && TEXT_NAME.test(key[1]);
  }
  if (/subscript|element_access|element_reference/.test(node.type)) {
    const key = node.childForFieldName('subscript') ?? node.childForFieldName('index') ?? node.lastNamedChild;
    const object = node.childForFieldName('value') ?? node.childForFieldName('object') ?? node.namedChild(0);
    // `response["description"]`, `e.args[0]`
    const named = key ? /^\[?\s*(?:['"]([\w-]+)['"]|:(\w+))\s*\]?$/.exec(key.text) : null;
    if (named) return TEXT_NAME.test(named[1] ?? named[2]) || (REPLY_TEXT_NAME.test(named[1] ?? named[2]) && (errorObject(object, reader, s) || REPLY_OBJECT.test(reader.lastName(object) ?? '')));
    return !!object && s.members.has(object.type) && s.memberParts(object)?.property === 'args' && errorObject(s.memberParts(object)?.object ?? null, reader, s);
  }
  return false;
}

/** An error object: `e`, `err`, `exc`, `error.response`, `apiError`, `exception.InnerException`. */
function errorObject(node: Node | null, reader: ExpressionReader, s: SyntaxAdapter): boolean {
  if (!node) return false;
  const name = reader.lastName(node);
  if (name !== undefined && ERROR_OBJECT.test(name)) return true;
  // `e.response.text`, `err.cause.message`: a part of an error.
  if (s.members.has(node.type)) return /^(response|cause|InnerException|inner|original|__cause__)$/.test(s.memberParts(node)?.property ?? '') && errorObject(s.memberParts(node)?.object ?? null, reader, s);
  return false;
}

/** Methods that search a text for a string handed to them: `text.includes(x)`, Ruby `text.include?(x)`. */
const SEARCH_METHOD = /^(includes|contains|Contains|include\?|startsWith|StartsWith|startswith|endswith|start_with\?|end_with\?|endsWith|EndsWith|IndexOf|indexOf|index|find)$/;
/** Functions that search their first argument for their second: PHP `str_contains`, `strpos`; Go `strings.Contains`. */
const SEARCH_FUNCTION = /^(str_contains|strpos|stripos|mb_strpos|mb_stripos|str_starts_with|strstr|stristr|Contains|HasPrefix|Index|EqualFold)$/;
/** Receivers of Go's search functions. */
const GO_SEARCH_MODULE = /^(strings|bytes)$/;

/**
 * The text a string literal (`literal`, climbed to the expression it stands as) is searched for in, when it is: the
 * other side of `in`/`!in` (Python, Kotlin), the receiver of a search method, the first argument of a search
 * function. Undefined when the literal is no search's needle.
 */
export function searchedText(literal: Node, reader: ExpressionReader, s: SyntaxAdapter): Node | undefined {
  let child = literal;
  let parent = literal.parent;
  // (C# wraps a positional argument in `argument`, Kotlin in `value_argument`.)
  while (parent && ((s.transparent.has(parent.type) && parent.type !== 'argument_list' && parent.type !== 'arguments') || (/^(argument|value_argument)$/.test(parent.type) && parent.namedChildCount === 1))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  // Python `"429" in str(e)`, Kotlin `"503" in msg`
  if ((s.binaries.has(parent.type) || parent.type === 'comparison_operator' || parent.type === 'check_expression') && /^(in|not in|!in)$/.test(operatorOf(parent, s))) {
    const parts = namedChildren(parent).filter((n) => n.type !== 'in' && n.type !== 'not in');
    return parts[0]?.id === child.id ? parts[parts.length - 1] : undefined;
  }
  const args = /^(argument_list|arguments|value_arguments)$/.test(parent.type) ? parent : undefined;
  let call = args ? args.parent : s.calls.has(parent.type) ? parent : undefined;
  // (Kotlin puts the list in a `call_suffix`.)
  if (call && call.type === 'call_suffix') call = call.parent ?? undefined;
  if (!call || !s.calls.has(call.type)) return undefined;
  const list = s.callArguments(call);
  const index = list.findIndex((a) => a.startIndex <= literal.startIndex && literal.endIndex <= a.endIndex);
  if (index < 0) return undefined;
  const name = reader.lastName(s.callee(call)) ?? '';
  const receiver = reader.receiverOf(call);
  if (index === 0 && SEARCH_METHOD.test(name) && receiver && !GO_SEARCH_MODULE.test(receiver.text)) return receiver;
  // PHP `str_contains($haystack, '429')`, Go `strings.Contains(err.Error(), "429")`
  if (index === 1 && list.length >= 2 && SEARCH_FUNCTION.test(name) && (!receiver || GO_SEARCH_MODULE.test(receiver.text))) return list[0];
  return undefined;
}

function operatorOf(node: Node, s: SyntaxAdapter): string {
  const op = s.operatorOf(node).trim();
  if (op) return op;
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c && !c.isNamed && /^(in|not in|!in)$/.test(c.type)) return c.type;
    if (c && c.type === 'in_operator') return c.text.replace(/\s+/g, ' ');
  }
  return '';
}

/** Functions of a regex module that search their second argument with their first: Python `re.search`, PHP `preg_match`. */
const PATTERN_FUNCTION = /^(search|match|fullmatch|findall|finditer|preg_match|preg_match_all)$/;
/** Methods that search their receiver with the pattern handed to them: Ruby `match?`, Java `matches`, Kotlin `containsMatchIn`. */
const PATTERN_METHOD = /^(match\?|match|matches|scan)$/;

/**
 * The text a pattern (`literal`: a string or a regex literal holding a regex) is matched against, when it is: Python
 * `re.search(r"\b429\b", str(e))`, PHP `preg_match('/429|503/', $e->getMessage())`, Ruby `e.message =~ /429/` and
 * `msg.match?(/503/)`, Java `msg.matches(".*429.*")`. Undefined when the literal is no pattern matched against a text.
 */
export function patternSearchedText(literal: Node, reader: ExpressionReader, s: SyntaxAdapter): Node | undefined {
  let child = literal;
  let parent = literal.parent;
  while (parent && ((s.transparent.has(parent.type) && parent.type !== 'argument_list' && parent.type !== 'arguments') || (/^(argument|value_argument)$/.test(parent.type) && parent.namedChildCount === 1))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  // Ruby `text =~ /429/`, `/429/ =~ text`
  if ((s.binaries.has(parent.type) || parent.type === 'binary') && /^(=~|!~)$/.test(s.operatorOf(parent).trim())) {
    return namedChildren(parent).find((n) => n.id !== child.id);
  }
  const call = /^(argument_list|arguments)$/.test(parent.type) ? parent.parent : s.calls.has(parent.type) ? parent : undefined;
  if (!call || !s.calls.has(call.type)) return undefined;
  const args = s.callArguments(call);
  const index = args.findIndex((a) => a.startIndex <= literal.startIndex && literal.endIndex <= a.endIndex);
  const name = reader.lastName(s.callee(call)) ?? '';
  const receiver = reader.receiverOf(call);
  if (index === 0 && args.length >= 2 && PATTERN_FUNCTION.test(name) && (!receiver || /^(re|regex)$/.test(receiver.text))) return args[1];
  if (index === 0 && args.length === 1 && PATTERN_METHOD.test(name) && receiver) return receiver;
  return undefined;
}
