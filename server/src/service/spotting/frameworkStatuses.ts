import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import type { OccurrenceRole } from '../types';
import type { GrammarSupport } from './adapters';
import type { StatusContext } from './statusContext';

/** A status a framework API names by itself, before it becomes an occurrence. */
export interface FrameworkStatus {
  status: number;
  role: OccurrenceRole;
  start: number;
  end: number;
}

/** Zero-argument openers whose result asserts a status by method name: Spring MockMvc `status()`, WebTestClient `expectStatus()`. */
const STATUS_MATCHER_OPENERS = /^(status|expectStatus)$/;

/**
 * Spring MockMvc `andExpect(status().isTooManyRequests())` and WebTestClient `expectStatus().isNotFound()`: the
 * method's name is the status (`is` + the `HttpStatus` name, see the `StatusResultMatchers` table). Always an assertion.
 */
export function statusMatcher(node: Node, name: string, context: StatusContext, support: GrammarSupport, registry: CatalogRegistry): FrameworkStatus | undefined {
  const s = support.adapter;
  if (support.constants === 'kotlin') return kotlinStatusMatcher(node, name, context, support, registry);
  const call = node.parent;
  if (support.constants !== 'java' || !call || !s.calls.has(call.type) || s.callee(call)?.id !== node.id || s.callArguments(call).length > 0) return undefined;
  const opener = context.receiverOf(call);
  if (!opener || !s.calls.has(opener.type) || s.callArguments(opener).length > 0 || !STATUS_MATCHER_OPENERS.test(context.lastName(opener) ?? '')) return undefined;
  const status = registry.httpConstant('java', 'StatusResultMatchers', name);
  // The occurrence is the matcher call itself (`isOk()`), not the whole chain before it.
  return status === undefined ? undefined : { status, role: 'test-assert', start: node.startIndex, end: call.endIndex };
}

/**
 * Kotlin's forms of the same matchers: `andExpect(status().isOk)` (a property read), `status().isNotFound()`, and the
 * MockMvc DSL `andExpect { status { isNotFound() } }`.
 */
function kotlinStatusMatcher(node: Node, name: string, context: StatusContext, support: GrammarSupport, registry: CatalogRegistry): FrameworkStatus | undefined {
  const s = support.adapter;
  const opener = (call: Node | null | undefined): boolean => !!call && s.calls.has(call.type) && s.callArguments(call).length === 0 && STATUS_MATCHER_OPENERS.test(context.lastName(call) ?? '');
  let start = node.startIndex;
  let end = node.endIndex;
  const suffix = node.parent;
  if (suffix && s.members.has(suffix.type) && suffix.namedChild(0)?.id !== node.id) {
    // `status().isOk` / `status().isOk()` (the member's name is the matcher; older grammars wrap it in a suffix node)
    const navigation = suffix.type === 'navigation_suffix' ? suffix.parent : suffix;
    if (!navigation || !opener(navigation.namedChild(0))) return undefined;
    const called = navigation.parent;
    if (called && s.calls.has(called.type) && called.namedChild(0)?.id === navigation.id) end = called.endIndex;
  } else if (suffix && s.calls.has(suffix.type) && suffix.namedChild(0)?.id === node.id && s.callArguments(suffix).length === 0) {
    // `status { isNotFound() }`: the call sits in the lambda handed to `status`.
    let up: Node | null = suffix.parent;
    for (let depth = 0; up && depth < 6 && !s.calls.has(up.type); depth++) up = up.parent;
    if (!up || !STATUS_MATCHER_OPENERS.test(context.lastName(up) ?? '') || !/lambda/.test(up.namedChild(1)?.type ?? '')) return undefined;
    end = suffix.endIndex;
  } else return undefined;
  const status = registry.httpConstant('java', 'StatusResultMatchers', name);
  return status === undefined ? undefined : { status, role: 'test-assert', start, end };
}

/**
 * The table a dotted receiver stands for when its last name alone is ambiguous: JAX-RS `Response.Status.CREATED`
 * (gRPC's `Status.UNAVAILABLE` shares the last name `Status`).
 */
export function qualifiedReceiver(object: Node | null, receiver: string, context: StatusContext, support: GrammarSupport): string {
  const s = support.adapter;
  // http4k's `org.http4k.core.Status.SERVICE_UNAVAILABLE` (Kotlin): Spring's names for the same statuses, not gRPC's Status.
  if (support.constants === 'kotlin' && receiver === 'Status' && object && importsHttp4kStatus(object)) return 'HttpStatus';
  if (support.constants === 'java' && receiver === 'Status' && object && s.members.has(object.type)) {
    const outer = s.memberParts(object)?.object ?? null;
    if (context.lastName(outer) === 'Response') return 'Response.Status';
  }
  return receiver;
}

/** Accessors that read the number out of a status constant: `Response.Status.OK.getStatusCode()`, `HttpStatus.OK.value()`. */
const NUMBER_ACCESSORS = /^(getStatusCode|value|getCode|code|statusCode|intValue)$/;

/** The expression that stands for a symbolic status: the constant itself, a zero-argument accessor call on it, or its `value` property. */
export function throughAccessor(member: Node, context: StatusContext, support: GrammarSupport): Node {
  const s = support.adapter;
  const call = member.parent;
  // (Kotlin reads Ktor's number as a property: `HttpStatusCode.BadRequest.value`.)
  if (call && s.members.has(call.type) && s.memberParts(call)?.object?.id === member.id) return /^(value|code)$/.test(s.memberParts(call)?.property ?? '') ? call : member;
  if (!call || !s.calls.has(call.type) || s.callArguments(call).length > 0 || context.receiverOf(call)?.id !== member.id) return member;
  return NUMBER_ACCESSORS.test(context.lastName(s.callee(call)) ?? '') ? call : member;
}

/** http4k's status class imported: `import org.http4k.core.Status`, `org.http4k.core.*`, its companion's members. */
const HTTP4K_STATUS_IMPORT = /^[ \t]*import[ \t]+org\.http4k\.core\.(?:Status\b|\*)/m;
const http4kFiles = new WeakMap<Node, boolean>();

function importsHttp4kStatus(node: Node): boolean {
  const root = node.tree.rootNode;
  let known = http4kFiles.get(root);
  if (known === undefined) http4kFiles.set(root, (known = HTTP4K_STATUS_IMPORT.test(root.text)));
  return known;
}
