import type { Node } from 'web-tree-sitter';
import type { CatalogRegistry } from '../catalog/catalogRegistry';
import { isExceptionCatalog } from '../catalog/catalogRegistry';
import type { TextLines } from '../parsing/textLines';
import type { GrammarSupport } from './adapters';
import type { SyntaxAdapter } from './syntaxAdapter';
import { CODE_RECEIVER, ERRNO_RECEIVER, lookupHttpConstant } from './constants';
import { enumStatusCase } from './enumStatusCases';
import { spotExceptionClass } from './exceptionClassSites';
import { exceptionPosition } from './exceptionPositions';
import { inExcludedList } from './excludedLists';
import { qualifiedReceiver, statusMatcher, throughAccessor } from './frameworkStatuses';
import { importedRelatively } from './importedNames';
import { STATUS_TABLE_NAME } from './names';
import { ownPackageConstant } from './ownPackageConstants';
import { reasonPhraseCode } from './reasonPhraseNames';
import { handlerErrorStatus } from './rustStatuses';
import { entry, type SpotEntry } from './spotEntries';
import type { StatusContext } from './statusContext';
import { statusException } from './statusExceptions';
import { positionalRowRole } from './tableRows';

/** libcurl's error constants (`CURLE_OPERATION_TIMEDOUT`): a name no other code shares. */
const CURL_CONSTANT = /^CURLE_[A-Z_]+$/;

/**
 * A catalogued name at a candidate: a code in a string, an exception class where it stands as one, a Spring status
 * exception or enum case, a framework's status matcher, a libcurl constant, a member of a status or code table.
 */
export function spotName(
  node: Node,
  name: string,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  const s = support.adapter;
  // A string whose whole content is a known error code.
  const literal = s.strings.has(node.type) ? node : node.parent && s.strings.has(node.parent.type) ? node.parent : undefined;
  if (literal) {
    const content = s.stringContent(literal);
    if (!content || content.text !== name) return undefined;
    const indexed = spotIndexedConstant(literal, name, context, support, registry, lines);
    if (indexed) return indexed;
    // (Codes of `context` catalogs are not words to look for: a vendor's `timeout` is found by its context alone.)
    const entries = registry.errorCode(name).filter((e) => e.catalog.matching !== 'context');
    if (entries.length === 0) return undefined;
    // A class name in a string counts only where the context says so: `err.name === "AbortError"`, not `ids=["ReadTimeout"]`.
    if (entries.every((e) => isExceptionCatalog(e.catalog.id))) {
      // (A name projects give their own things too — `Error`, `ClientError` — is no class name in a string.)
      if (entries.every((e) => e.entry.ambiguous)) return undefined;
      const role = context.classify(literal, 'error-code');
      return role ? entry(entries[0].entry.code, 'error-code', role, content.start, content.start + name.length, name, lines) : undefined;
    }
    // A quoted success code (gRPC "OK") is nearly always a reason phrase or a plain word: `status: "OK"`,
    // `reason() == "OK"`. Nothing about it is retried; the symbolic `codes.OK` is still found below.
    if (entries.every((e) => e.entry.httpStatus !== undefined && e.entry.httpStatus < 300)) return undefined;
    const role = context.classify(literal, 'error-code');
    const ambiguous = entries.every((e) => e.entry.ambiguous);
    if (!role && ambiguous) return undefined;
    // (A constant declared with the code, `const codeThrottled = "Throttling"`, names it: its uses are where it is read.)
    return entry(name, 'error-code', role ?? (declaresConstant(literal, s) ? 'constant' : 'client-check'), content.start, content.start + name.length, name, lines);
  }
  // An exception class where it stands as one: `catch (HttpRequestException e)`, `except openai.RateLimitError:`, `t instanceof ConnectException`.
  const exception = spotExceptionClass(node, name, context, support, registry, lines);
  if (exception) return exception;
  if (support.constants === 'java') {
    // `switch (status) { case NOT_FOUND: … }` over a Spring HttpStatus: the bare enum constant a case label must be.
    const label = enumStatusCase(node, registry);
    if (label) return entry(String(label.status), 'http-status', 'client-check', label.site.startIndex, label.site.endIndex, label.site.text, lines, true);
  }
  if (support.constants === 'java' || support.constants === 'kotlin') {
    // Spring `HttpClientErrorException.NotFound.class` in `@Retryable(exclude = {…})`: the 404 it stands for (Kotlin: `catch (e: HttpClientErrorException.TooManyRequests)`)
    const named = statusException(node, lines.text, context, s);
    if (named) {
      const spotted = entry(String(named.status), 'http-status', named.role, named.site.startIndex, named.site.endIndex, named.site.text.replace(/\s+/g, ''), lines, true);
      // `exclude = { HttpClientErrorException.NotFound.class }`: configures the retry, but is no code it retries.
      if (named.role === 'retry-config' && inExcludedList(named.site, s)) spotted.occurrence.roleForRules = 'constant';
      return spotted;
    }
  }
  const matcher = statusMatcher(node, name, context, support, registry);
  if (matcher) return entry(String(matcher.status), 'http-status', matcher.role, matcher.start, matcher.end, lines.text.slice(matcher.start, matcher.end).replace(/\s+/g, ''), lines, true);
  // A libcurl error constant written bare (PHP `curl_errno($ch) === CURLE_COULDNT_CONNECT`): the transfer error it names.
  if (CURL_CONSTANT.test(name) && !(node.parent && s.members.has(node.parent.type))) {
    const curl = registry.errorCode(name).filter((e) => e.catalog.id === 'curl-errors');
    if (curl.length > 0) {
      const role = context.classify(node, 'error-code') ?? context.classify(node, 'status') ?? 'constant';
      // (Each spelling PHP defines is a code of its own: `CURLE_OPERATION_TIMEOUTED` is the older name of 28.)
      return entry(name, 'error-code', role, node.startIndex, node.endIndex, name, lines, true);
    }
  }
  // A member access: `HTTPStatus.TOO_MANY_REQUESTS`, `codes.Unavailable`.
  let member = node.parent;
  if (!member || !s.members.has(member.type)) return undefined;
  const parts = s.memberParts(member);
  if (!parts || parts.property !== name || !parts.object) return undefined;
  if (member.parent && s.members.has(member.parent.type) && s.memberParts(member.parent)?.object?.id === member.id) {
    // `HTTPStatus.OK.value` / `.phrase`: still the constant, read through one more member.
    // (Rust `StatusCode::OK.as_u16()`, axum `StatusCode::SERVICE_UNAVAILABLE.into_response()`)
    // (Go's `codes.Unauthenticated.String()`: the code's name, as a Stringer gives it; Netty's
    // `HttpResponseStatus.TOO_MANY_REQUESTS.code()`: its number.)
    if (!/^(value|phrase|description|Value|as_u16|into_response|String|code|getCode|intValue)$/.test(s.memberParts(member.parent)?.property ?? '')) return undefined;
  }
  const receiver = context.lastName(parts.object);
  const table = receiver ? qualifiedReceiver(parts.object, receiver, context, support) : undefined;
  // (A status table imported from elsewhere — axios's `HttpStatusCode.TooManyRequests`, a project's `StatusCodes.BadRequest` —
  // by its name and a member spelling a reason phrase.)
  const status = (table ? lookupHttpConstant(registry, support.constants, table, name) : undefined) ?? (receiver && STATUS_TABLE_NAME.test(receiver) ? reasonPhraseCode(name) : undefined);
  const dotted = member.text.replace(/\s+/g, '');
  if (status !== undefined) {
    const classified = context.classify(throughAccessor(member, context, support), 'status') ?? positionalRowRole(member) ?? 'constant';
    // Rocket's `return Err(Status::NotFound)` in a `#[get(…)]` handler: the response it sends.
    const role = classified === 'constant' && support.constants === 'rust' && handlerErrorStatus(member) ? 'server-sets' : classified;
    const spotted = entry(String(status), 'http-status', role, member.startIndex, member.endIndex, dotted, lines, true);
    // `r.StatusCode != HttpStatusCode.Unauthorized` in a retry predicate: configures the retry, names no code it retries.
    if (role === 'retry-config' && inExcludedList(member, s)) spotted.occurrence.roleForRules = 'constant';
    return spotted;
  }
  // Exception classes count only as exception types (see spotExceptionClass), not as constants wherever they are named.
  // (a Rust path `tonic::Code::Unavailable` is looked up with dots, as the catalogs spell their aliases)
  const entries = registry.errorConstant(dotted.replace(/::/g, '.')).filter((e) => !isExceptionCatalog(e.catalog.id));
  if (entries.length > 0 && !(receiver && importedRelatively(lines.text, receiver))) {
    const role = context.classify(member, 'error-code') ?? context.classify(member, 'status') ?? (grpcStatusRaised(member, context, support) ? 'server-sets' : 'constant');
    const spotted = entry(entries[0].entry.code, 'error-code', role, member.startIndex, member.endIndex, dotted, lines, true);
    // (An SDK's constant says whose code it is: `hcloud.ErrorCodeTimeout` is Hetzner's `timeout`.)
    if (entries[0].catalog.matching === 'context') spotted.occurrence.catalog = entries[0].catalog.id;
    return spotted;
  }
  // `errno.ECONNRESET`, `syscall.ECONNRESET`, or an aliased gRPC module compared with an error's code.
  const codes = registry.errorCode(name).filter((e) => !isExceptionCatalog(e.catalog.id));
  if (codes.length === 0 || !receiver) return undefined;
  const role = context.classify(member, 'error-code');
  const ambiguous = codes.every((e) => e.entry.ambiguous);
  if (ERRNO_RECEIVER.test(receiver) && !ambiguous) {
    // (Ruby's `Errno::ECONNRESET` is a class: rescued, listed for a retry or kept in a named list, as exception classes are.)
    const at = role === undefined || role === 'constant' ? exceptionPosition(node, context, support.adapter) : undefined;
    const built = at?.builtInTest ? undefined : at?.role;
    return entry(codes[0].entry.code, 'error-code', built ?? role ?? 'constant', member.startIndex, member.endIndex, dotted, lines, true);
  }
  // (Not a project's own `Status` enum, imported from a module of the project: `from .base import Status`.)
  if (role && CODE_RECEIVER.test(receiver) && !importedRelatively(lines.text, receiver)) {
    return entry(codes[0].entry.code, 'error-code', role, member.startIndex, member.endIndex, dotted, lines, true);
  }
  return undefined;
}

/** gRPC server code raising a status: Go `status.Error(codes.Internal, msg)`, Java `onError(Status.UNAVAILABLE.withDescription(…).asRuntimeException())`. */
const GRPC_RAISE = /^(asRuntimeException|asException|onError)$/;
function grpcStatusRaised(member: Node, context: StatusContext, support: GrammarSupport): boolean {
  const s = support.adapter;
  for (let up = member.parent, depth = 0; up && depth < 8; up = up.parent, depth++) {
    if (s.transparent.has(up.type) || s.members.has(up.type)) continue;
    if (!s.calls.has(up.type)) return false;
    const name = context.lastName(s.callee(up)) ?? '';
    if (GRPC_RAISE.test(name)) return true;
    const args = s.callArguments(up);
    // Go `status.Error(codes.Internal, …)`, `status.Errorf(…)`, `status.New(…)`: the code first
    const first = args[0];
    // (The package may be imported under another name: `grpcstatus "google.golang.org/grpc/status"`.)
    if (/^(Error|Errorf|New|Newf)$/.test(name) && isGrpcStatusPackage(context.lastName(context.receiverOf(up)), up.tree.rootNode.text)) return first !== undefined && first.startIndex <= member.startIndex && member.endIndex <= first.endIndex;
    if (!/^(withDescription|withCause|augmentDescription|asRuntimeException|asException)$/.test(name)) return false;
  }
  return false;
}

/** Go's gRPC status package as the file names it: `status`, or the name it imports google.golang.org/grpc/status under. */
function isGrpcStatusPackage(receiver: string | undefined, text: string): boolean {
  if (receiver === 'status') return true;
  return !!receiver && /^\w+$/.test(receiver) && new RegExp(`(?:^|[\\s(])${receiver}[ \\t]+"google\\.golang\\.org/grpc/status"`, 'm').test(text);
}

/** Node types of `table["key"]` and the fields holding the table and the key. */
const SUBSCRIPTS: Record<string, { object: string; index: string }> = {
  subscript: { object: 'value', index: 'subscript' }, // Python
  subscript_expression: { object: 'object', index: 'index' }, // JavaScript / TypeScript
};

/** A constant table indexed by a string key: requests' `codes["too_many_requests"]` (the same table as `codes.too_many_requests`). */
function spotIndexedConstant(
  literal: Node,
  name: string,
  context: StatusContext,
  support: GrammarSupport,
  registry: CatalogRegistry,
  lines: TextLines,
): SpotEntry | undefined {
  const subscript = literal.parent;
  const fields = subscript ? SUBSCRIPTS[subscript.type] : undefined;
  if (!subscript || !fields || subscript.childForFieldName(fields.index)?.id !== literal.id) return undefined;
  const receiver = context.lastName(subscript.childForFieldName(fields.object));
  const status = receiver ? lookupHttpConstant(registry, support.constants, receiver, name) : undefined;
  if (status === undefined) return undefined;
  const role = context.classify(subscript, 'status') ?? 'constant';
  // A subscript broken over lines is reported where its key is.
  const site = subscript.startPosition.row === subscript.endPosition.row ? subscript : literal;
  return entry(String(status), 'http-status', role, site.startIndex, site.endIndex, subscript.text.replace(/\s+/g, ''), lines, true);
}

/** An SDK's catalogued constant written bare in the SDK's own package (ownPackageConstants.ts): `case ErrorCodeConflict:` in `package hcloud`. */
export function spotOwnPackageConstant(node: Node, name: string, context: StatusContext, support: GrammarSupport, registry: CatalogRegistry, lines: TextLines): SpotEntry | undefined {
  const found = support.constants === 'go' ? ownPackageConstant(node, name, lines.text, support.adapter, registry) : undefined;
  if (!found) return undefined;
  const spotted = entry(found.entry.code, 'error-code', context.classify(node, 'error-code') ?? 'constant', node.startIndex, node.endIndex, name, lines, true);
  if (found.catalog.matching === 'context') spotted.occurrence.catalog = found.catalog.id;
  return spotted;
}

/** The string is the whole value of a constant's declaration: Go `const codeThrottled = "Throttling"`, `ERR_X = "…"`. */
function declaresConstant(literal: Node, s: SyntaxAdapter): boolean {
  let up = literal.parent;
  while (up && (s.transparent.has(up.type) || up.type === 'expression_list')) up = up.parent;
  if (!up) return false;
  if (/^(const_spec|const_item|const_element|const_declaration)$/.test(up.type)) return true;
  if (!(s.assignments.has(up.type) || /^(variable_declarator|property_declaration)$/.test(up.type))) return false;
  const target = s.assignments.has(up.type) ? s.assignTarget(up) : up.childForFieldName('name') ?? up.namedChild(0);
  return !!target && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(target.text);
}
