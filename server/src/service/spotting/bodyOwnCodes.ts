import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';
import { namedChildren } from './syntaxAdapter';

/**
 * A vendor's own code in a payload's `status` field, which is no HTTP status even when it is a number
 * HTTP also uses: `{ "status": 101, "msg": "queued" }`, `if (job.status === 102)`, `data["status"] == 100`.
 * Only informational numbers (1xx) are taken for such codes: application code hardly ever sends or tests a
 * 1xx HTTP status except on the response itself (`res.writeHead(101)`, `response.status === 101`, a
 * Response init `{ status: 101, headers }`), while payload states 100–199 are common.
 */
const INFORMATIONAL = /^1\d\d$/;
/** Objects that are the HTTP response (or its init), whose `status` is the HTTP status. */
const RESPONSE_NAME = /^(r|res|resp|response|reply|xhr|req|request|ctx|context|c|w|rw|writer|rec|recorder)$|response$|Response$|http/i;
/** Keys that make an object literal a response init rather than a payload. */
const RESPONSE_INIT_KEYS = /^(headers|statusText|status_text|reason|reasonPhrase)$/;

/** Calls whose object argument is a response init. */
const RESPONSE_BUILDER = /(Response|respond|Respond|writeHead|reply)\s*$/;

const GROUPING = /^(parenthesized_expression|argument_list|arguments|expression_list)$/;

export function isBodyOwnCode(literal: Node, s: SyntaxAdapter): boolean {
  if (!INFORMATIONAL.test(literal.text)) return false;
  let child = literal;
  let parent = literal.parent;
  while (parent && (s.transparent.has(parent.type) || GROUPING.test(parent.type))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (s.pairs.has(parent.type)) return isPayloadStatusPair(parent, s);
  if (s.binaries.has(parent.type)) {
    return namedChildren(parent).some((other) => other.id !== child.id && isPayloadStatusRead(other, s));
  }
  if (s.cases.has(parent.type)) {
    const subject = s.caseSubject(parent);
    return subject !== null && isPayloadStatusRead(subject, s);
  }
  return false;
}

/** `status: 101` in an object or dict literal that is not a response init (no `headers`/`statusText` key). */
function isPayloadStatusPair(pair: Node, s: SyntaxAdapter): boolean {
  if (!/^status$/i.test(s.pairName(pair) ?? '')) return false;
  const object = pair.parent;
  if (!object || !/^(object|dictionary|literal_value|anonymous_object_creation_expression|initializer_expression)$/.test(object.type)) return false;
  const keys = namedChildren(object).map((p) => (s.pairs.has(p.type) ? s.pairName(p) ?? '' : p.type === 'shorthand_property_identifier' ? p.text : ''));
  if (keys.some((k) => RESPONSE_INIT_KEYS.test(k))) return false;
  // `new Response(body, { status: 101 })`, `respond({ status: 101 })`: the init of a response.
  let up = object.parent;
  while (up && (s.transparent.has(up.type) || GROUPING.test(up.type))) up = up.parent;
  const callee = up && s.calls.has(up.type) ? s.callee(up) : null;
  return !(callee && RESPONSE_BUILDER.test(callee.text));
}

/** `job.status`, `data["status"]`, `body.get("status")` on something that is not the response. */
function isPayloadStatusRead(expr: Node, s: SyntaxAdapter): boolean {
  let object: Node | null = null;
  if (s.members.has(expr.type)) {
    const parts = s.memberParts(expr);
    if (!parts || !/^status$/i.test(parts.property)) return false;
    object = parts.object;
  } else if (/^(subscript|subscript_expression|element_access_expression|index_expression)$/.test(expr.type)) {
    const key = namedChildren(expr).find((c) => s.strings.has(c.type) || c.type === 'bracketed_argument_list' || c.type === 'subscript');
    if (!key || !/^\[?\s*["']status["']\s*\]?$/.test(key.text)) return false;
    object = namedChildren(expr)[0] ?? null;
  } else {
    return false;
  }
  if (!object) return false;
  const name = /([A-Za-z_$][\w$]*)\W*$/.exec(object.text)?.[1] ?? '';
  // `resp.json()["status"]`, `(await res.json()).status`: read out of the body.
  if (/\.json\s*\(\s*\)\s*\)?$/.test(object.text)) return true;
  return name !== '' && !RESPONSE_NAME.test(name);
}
