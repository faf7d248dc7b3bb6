import type { Node } from 'web-tree-sitter';
import { STATUS_NAME } from './names';
import { namedChildren, type SyntaxAdapter } from './syntaxAdapter';

/*
 * Where a status is written, as far as it decides what the status means: an RSpec `let`, a Ruby `rescue` list, an
 * `except`/`catch` clause, the base-constructor call of an error class, a Spring exception handler, a Ktor call scope.
 */

/** The one value of an RSpec `let`/`let!`/`subject` block named for a status (`let(:code) { 404 }`, `let(:status_code) { 503 }`). */
export function letStatus(node: Node): boolean {
  const body = node.parent;
  const block = body?.type === 'block_body' && body.namedChildCount === 1 ? body.parent : undefined;
  const call = block?.type === 'block' ? block.parent : undefined;
  if (call?.type !== 'call' || !/^(let!?|subject)$/.test(call.childForFieldName('method')?.text ?? '')) return false;
  const symbol = call.childForFieldName('arguments')?.namedChild(0);
  return symbol?.type === 'simple_symbol' && (STATUS_NAME.test(symbol.text.slice(1)) || /^(code|http_code)$/.test(symbol.text.slice(1)));
}

/** `node` stands in the class list of a Ruby `rescue` (within a few levels: a matcher call and its arguments). */
export function inRescueList(node: Node): boolean {
  for (let up = node.parent, depth = 0; up && depth < 5; up = up.parent, depth++) if (up.type === 'exceptions') return true;
  return false;
}

/** The exception list of an `except`/`catch` clause (through a tuple or an `as` binding). */
export function isCatchClause(node: Node): boolean {
  if (/^(except_clause|catch_clause|catch_type|catch_declaration|catch_formal_parameter)$/.test(node.type)) return true;
  return node.type === 'as_pattern' && node.parent?.type === 'except_clause';
}

/** The class or module around `node` (Ruby `class Retry < Faraday::Middleware`, a Python/Java/C# class). */
export function enclosingTypeName(node: Node): string | undefined {
  for (let up = node.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
    if (/^(class_declaration|class_definition|record_declaration|class|module|object_declaration)$/.test(up.type)) return up.childForFieldName('name')?.text ?? up.namedChild(0)?.text;
  }
  return undefined;
}

/** A keyword argument of the base-constructor call (`super().__init__(…)`, `super(…)`) of an error or exception class. */
export function inErrorClassSuperCall(pair: Node, s: SyntaxAdapter): boolean {
  const call = pair.parent?.parent;
  if (!call || !s.calls.has(call.type) || !/^super\b/.test(s.callee(call)?.text ?? '')) return false;
  for (let up = call.parent, depth = 0; up && depth < 40; up = up.parent, depth++) {
    if (!/^(class_declaration|class_definition|class)$/.test(up.type)) continue;
    const heads = `${up.childForFieldName('name')?.text ?? ''} ${(up.childForFieldName('superclasses') ?? up.childForFieldName('superclass'))?.text ?? ''}`;
    return /(Error|Exception|Fault)\b/.test(heads);
  }
  return false;
}

/** Java/Kotlin: the node is in a method annotated `@ExceptionHandler`, or in a class annotated `@ControllerAdvice` / `@RestControllerAdvice`. */
export function inExceptionHandler(node: Node): boolean {
  for (let n = node.parent, depth = 0; n && depth < 60; n = n.parent, depth++) {
    if (/^(method_declaration|function_declaration|class_declaration)$/.test(n.type)) {
      const modifiers = namedChildren(n).find((c) => c.type === 'modifiers');
      const annotations = modifiers?.text ?? '';
      if (n.type !== 'class_declaration' && /@ExceptionHandler\b/.test(annotations)) return true;
      if (n.type === 'class_declaration') return /@(Rest)?ControllerAdvice\b/.test(annotations);
    }
  }
  return false;
}

/** Kotlin code whose implicit receiver is a Ktor call: an `ApplicationCall`/`RoutingCall` extension function. */
export function inKtorCallScope(call: Node): boolean {
  for (let up: Node | null = call.parent; up; up = up.parent) {
    if (up.type === 'function_declaration') return /^\s*(?:[\w@]+\s+)*fun\s+(?:<[^>]*>\s*)?(ApplicationCall|RoutingCall|RoutingContext|PipelineContext<[^>]*>)\./.test(up.text.slice(0, 300));
  }
  return false;
}

/**
 * A Kotlin call inside the handler of Ktor's client `MockEngine { request -> … }` (or `MockEngine.config { addHandler { … } }`):
 * its bare `respond(body, HttpStatusCode.ServiceUnavailable)` is the stub's answer (ktor.io/docs/client-testing.html).
 */
export function inKtorMockEngine(call: Node): boolean {
  for (let up = call.parent, depth = 0; up && depth < 12; up = up.parent, depth++) {
    if (up.type === 'call_expression' && /^(?:MockEngine|addHandler)\b/.test(up.text.slice(0, 40))) return true;
    if (up.type === 'function_declaration' || up.type === 'class_body') return false;
  }
  return false;
}

/**
 * A Ruby call inside a Sinatra route (`get '/x' do … end`, `post %r{…} do`) or a Sinatra app class (`class FakeGitHub <
 * Sinatra::Base`): its bare `status 404` sets the response's status (sinatrarb.com/intro.html, "Setting Body, Status Code
 * and Headers"), as `halt 503` does.
 */
export function inSinatraRoute(call: Node): boolean {
  if (call.type !== 'call' || !call.childForFieldName('method')) return false;
  for (let up = call.parent, depth = 0; up && depth < 16; up = up.parent, depth++) {
    if ((up.type === 'do_block' || up.type === 'block') && up.parent?.type === 'call' && !up.parent.childForFieldName('receiver')) {
      const route = up.parent.childForFieldName('method')?.text ?? '';
      if (/^(get|post|put|patch|delete|head|options|before|after|error|not_found)$/.test(route)) return true;
    }
    if (up.type === 'class') return /<\s*Sinatra::(Base|Application)\b/.test(up.text.slice(0, 200));
  }
  return false;
}

/** A Kotlin call inside the MockMvc DSL's `status { … }` block: `andExpect { status { isEqualTo(429) } }`. */
export function inMockMvcStatusBlock(call: Node): boolean {
  for (let up = call.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
    if (up.type === 'call_expression') return /^status\s*\{/.test(up.text.slice(0, 10));
  }
  return false;
}

/** A Kotlin call inside RestAssured's Kotlin extensions' `Then { … }` block: `When { get(url) } Then { statusCode(200) }`. */
export function inRestAssuredThen(call: Node): boolean {
  for (let up = call.parent, depth = 0; up && depth < 8; up = up.parent, depth++) {
    if (up.type === 'infix_expression' && up.namedChild(1)?.text === 'Then') return true;
    if (up.type === 'call_expression' && /^Then\s*\{/.test(up.text.slice(0, 12))) return true;
    if (up.type === 'function_declaration') return false;
  }
  return false;
}

/** A Kotlin call with a trailing lambda inside Ktor's `install(StatusPages) { … }` configuration block. */
export function inKtorStatusPages(call: Node): boolean {
  if (call.type !== 'call_expression' || !call.namedChildren.some((c) => c?.type === 'annotated_lambda')) return false;
  for (let up = call.parent, depth = 0; up && depth < 6; up = up.parent, depth++) {
    if (up.type === 'call_expression' && /^install\s*\(\s*(?:[\w.]+\.)?StatusPages\s*\)/.test(up.text.slice(0, 80))) return true;
  }
  return false;
}
