import type { Node } from 'web-tree-sitter';
import type { SyntaxAdapter } from './syntaxAdapter';

/**
 * The shapes a test states an expected status in beyond `assert_equal(a, b)` and `expect(a).toBe(b)`:
 * - a matcher wrapping the expected value, handed to the assertion: Hamcrest `assertThat(r.getStatus(), is(404))`,
 *   `equalTo(200)`, `anyOf(is(200), is(201))`, RestAssured `.statusCode(is(200))`; Gomega `Expect(code).To(Equal(503))`,
 *   `BeEquivalentTo(500)`, `BeNumerically(">=", 500)`; NUnit `Assert.That(code, Is.EqualTo(429))`, `Is.Not.EqualTo(500)`;
 * - a collection the status is asserted to be in, written on the other side: `expect([502, 503]).toContain(res.status)`,
 *   RSpec `expect([200, 201]).to include(response.status)`;
 * - a property asserted by its name: Jest `toHaveProperty('status', 404)`, `toHaveProperty('response.status', 404)`,
 *   Chai `have.property('statusCode', 409)`, `should.have.nested.property('response.status', 500)`.
 */

/** Matchers whose arguments are the expected value (or matchers of it), by their last name. */
const VALUE_MATCHER =
  /^(is|equalTo|comparesEqualTo|anyOf|oneOf|isOneOf|either|or|not|greaterThan|greaterThanOrEqualTo|lessThan|lessThanOrEqualTo|Equal|BeEquivalentTo|BeIdenticalTo|BeNumerically|BeElementOf|Not|Or|SatisfyAny|EqualTo|AnyOf|GreaterThan|GreaterThanOrEqualTo|LessThan|LessThanOrEqualTo)$/;
/** Matchers that take several alternatives (each a value or a matcher). */
const ALTERNATIVES = /^(anyOf|oneOf|isOneOf|either|or|Or|SatisfyAny|BeElementOf|AnyOf)$/;
/** Receivers a matcher is reached through: NUnit's `Is.EqualTo`, `Is.Not.EqualTo`, Hamcrest's `Matchers.is`, `CoreMatchers.equalTo`. */
const MATCHER_HOME = /^(Is|Not|Matchers|CoreMatchers|Has|Does|gomega|hamcrest)$/;
/** Nodes that hold a call's arguments. */
const ARGUMENT_LISTS = /^(arguments|argument_list|value_arguments|value_argument|argument)$/;

/** Property assertions, the property's name first and its value second. */
export const PROPERTY_ASSERTION = /^(toHaveProperty|property|nestedProperty|ownProperty|haveOwnProperty|deepProperty|hasProperty)$/;
/** Property matchers that stand alone, handed to an assertion: Hamcrest `hasProperty("errorStatus", is(404))`. */
export const PROPERTY_MATCHER = /^hasProperty$/;
/** A property path whose last step names a status: `status`, `statusCode`, `response.status`, `res.status_code`, `errorStatus`. */
export const STATUS_PROPERTY_PATH = /^(?:[\w$]+\.)*(status|statusCode|status_code|httpStatus|code|[a-z]\w*(Status|StatusCode))$/;
/** Calls and members of an assertion chain: `expect(x)`, `x.should`, `assert.x`, `assertThat(x)`. */
const ASSERTION_WORD = /^(expect|should|assert|assertThat|Expect|must)$/;
/** Matchers asserting that a collection holds a value: `toContain`, Chai `include`, RSpec `include`, AssertJ `contains`. */
export const CONTAINS_MATCHER = /^(toContain|toContainEqual|include|includes|contain|contains|containsAnyOf|ContainsAny|Contain|ContainElement)$/;

/**
 * `call` is a matcher whose argument `child` is the expected value (or a matcher of it), and the matcher is itself
 * handed to a call (the assertion, or another matcher): the literal stands where the matcher stands.
 */
export function wrapsExpectedValue(call: Node, child: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined, receiverOf: (c: Node) => Node | null): boolean {
  if (!s.calls.has(call.type)) return false;
  const callee = s.callee(call);
  if (!callee || (callee.startIndex <= child.startIndex && child.endIndex <= callee.endIndex)) return false;
  const name = lastName(callee) ?? '';
  if (!VALUE_MATCHER.test(name)) return false;
  const receiver = receiverOf(call);
  if (receiver && !MATCHER_HOME.test(lastName(receiver) ?? receiver.text)) return false;
  const args = s.callArguments(call);
  // One expected value; a comparison's operator then its value (`BeNumerically(">=", 500)`); or alternatives.
  const shaped = args.length === 1 || (name === 'BeNumerically' && args.length === 2) || (ALTERNATIVES.test(name) && args.length > 1);
  return shaped && handedToCall(call, s);
}

/** The node is an argument of a call (through the argument list's wrappers). */
function handedToCall(node: Node, s: SyntaxAdapter): boolean {
  let up = node.parent;
  for (let depth = 0; up && ARGUMENT_LISTS.test(up.type) && depth < 3; depth++) up = up.parent;
  return !!up && s.calls.has(up.type) && up.id !== node.id && !!s.callee(up) && !(s.callee(up)!.startIndex <= node.startIndex && node.endIndex <= s.callee(up)!.endIndex);
}

/** The receiver chain of `node` (members and calls) names an assertion: `expect(res).to.have`, `res.should.have`. */
export function chainNamesAssertion(node: Node | null, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined, receiverOf: (c: Node) => Node | null): boolean {
  let current = node;
  for (let depth = 0; current && depth < 12; depth++) {
    if (s.calls.has(current.type)) {
      if (ASSERTION_WORD.test(lastName(s.callee(current)) ?? '')) return true;
      current = receiverOf(current);
    } else if (s.members.has(current.type)) {
      const parts = s.memberParts(current);
      if (parts && ASSERTION_WORD.test(parts.property)) return true;
      current = parts?.object ?? null;
    } else {
      return ASSERTION_WORD.test(current.text);
    }
  }
  return false;
}

/** Calls whose matcher is their argument: RSpec `to include(x)`, Gomega `To(ContainElement(x))`. */
const MATCHER_TAKERS = /^(to|not_to|to_not|To|NotTo|ToNot|Should|ShouldNot)$/;

/**
 * The calls chained after `start` (`expect([502, 503])` → `.toContain(res.status)`, through `.to`, `.not`; RSpec's
 * `.to include(x)`, where the matcher is the argument of `to`): each call's name and arguments, nearest first.
 */
export function chainedCallArguments(start: Node, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined, receiverOf: (c: Node) => Node | null): Array<{ name: string; args: Node[] }> {
  const out: Array<{ name: string; args: Node[] }> = [];
  let node = start;
  for (let depth = 0; depth < 6; depth++) {
    const up = node.parent;
    if (!up) break;
    if (s.members.has(up.type) && s.memberParts(up)?.object?.id === node.id) {
      node = up;
      continue;
    }
    if (!s.calls.has(up.type) || !(s.callee(up)?.id === node.id || receiverOf(up)?.id === node.id)) break;
    const name = lastName(s.callee(up)) ?? '';
    const args = s.callArguments(up);
    out.push({ name, args });
    if (MATCHER_TAKERS.test(name)) for (const arg of args) if (s.calls.has(arg.type)) out.push({ name: lastName(s.callee(arg)) ?? '', args: s.callArguments(arg) });
    node = up;
  }
  return out;
}

/** Chai chainers Cypress's `should` takes by name, for a property: `'have.property'`, `'have.nested.property'`. */
const PROPERTY_CHAINER = /^(have|to\.have)\.(nested\.|own\.)?property$/;

/**
 * Cypress's assertions by chainer name: `cy.request(url).its('status').should('eq', 200)`,
 * `cy.wait('@load').its('response.statusCode').should('equal', 404)`, `.should('have.property', 'status', 500)`
 * (docs.cypress.io/api/commands/should, /its). `index` is the literal's argument of the `should`/`and` call.
 */
export function cypressStatusAssertion(call: Node, name: string, index: number, s: SyntaxAdapter, lastName: (n: Node | null) => string | undefined, receiverOf: (c: Node) => Node | null): boolean {
  if (!/^(should|and)$/.test(name) || index < 1) return false;
  const args = s.callArguments(call);
  const chainer = stringText(args[0], s);
  if (chainer === undefined) return false;
  if (PROPERTY_CHAINER.test(chainer)) return index === 2 && STATUS_PROPERTY_PATH.test(stringText(args[1], s) ?? '');
  for (let node = receiverOf(call), depth = 0; node && depth < 8; node = s.calls.has(node.type) ? receiverOf(node) : null, depth++) {
    if (s.calls.has(node.type) && lastName(s.callee(node)) === 'its') return STATUS_PROPERTY_PATH.test(stringText(s.callArguments(node)[0], s) ?? '');
  }
  return false;
}

/** The content of a plain string literal argument. */
function stringText(node: Node | undefined, s: SyntaxAdapter): string | undefined {
  return node && s.strings.has(node.type) ? s.stringContent(node)?.text : undefined;
}
