import type { Node } from 'web-tree-sitter';
import { ASSERT_CALLS, ASSERTION_CHAIN_OPENERS } from './names';
import { isLibraryAssertion } from './libraryAssertions';
import { StatusExpressions } from './statusExpressions';

/**
 * RSpec matchers that compare with their argument: `eq(200)`, `eql(429)`, `equal(503)`, `be(204)`, and the range and
 * membership ones, `be_between(200, 299)`, `be_in([200, 201])` (Rails' `in?` as a predicate matcher).
 */
const RSPEC_MATCHER = /^(eq|eql|equal|be|be_between|be_in|be_within)$/;
/** Gomega's calls that take a matcher: `Expect(x).To(Equal(1))`, `.Should(…)`, `.NotTo(…)`. */
const GOMEGA_TAKER = /^(To|ToNot|NotTo|Should|ShouldNot)$/;
/** A Go test failing when an `if` holds: `t.Errorf(…)`, `t.Fatal(…)` as the branch's first statement. */
const GO_TEST_FAILURE = /^\{\s*(t|tb|b)\.(Errorf?|Fatalf?|Fail|FailNow)\(/;

/** Reads test assertions around a value: an assertion chain, its subject, an RSpec expectation, a Go test's failing branch. */
export class AssertionReader extends StatusExpressions {
  /** True when a call chain passes through a zero-argument assertion opener: `.then()`, `.assertThat()`, `.expectStatus()`. */
  protected inAssertionChain(start: Node): boolean {
    const s = this.syntax;
    let node: Node | null = start;
    while (node) {
      if (s.calls.has(node.type)) {
        if (ASSERTION_CHAIN_OPENERS.test(this.lastName(s.callee(node)) ?? '') && s.callArguments(node).length === 0) return true;
        node = this.receiverOf(node);
      } else if (s.members.has(node.type)) {
        node = s.memberParts(node)?.object ?? null;
      } else {
        return false;
      }
    }
    return false;
  }

  /** `expect(res.status).toBe(429)`: the argument of the first call in the chain. */
  protected assertionSubject(call: Node): Node | null {
    let node: Node | null = this.rspecExpectation(call) ?? call;
    while (node) {
      const callee: Node | null = this.syntax.calls.has(node.type) ? this.syntax.callee(node) : null;
      const receiver = this.receiverOf(node);
      const calleeName = callee ? this.lastName(callee) ?? '' : '';
      if (/^(expect|assertThat|assert_that|Expect|Ω)$/.test(calleeName) || (calleeName === 'should' && !receiver)) return this.syntax.callArguments(node)[0] ?? null;
      // Gomega `Expect(resp.StatusCode).Should(Equal(200))`: `Should` on an expectation, not FluentAssertions' opener.
      if (GOMEGA_TAKER.test(calleeName) && receiver && this.syntax.calls.has(receiver.type) && /^(Expect|Ω|Eventually|Consistently)$/.test(this.lastName(this.syntax.callee(receiver)) ?? '')) {
        return this.syntax.callArguments(receiver)[0] ?? null;
      }
      // TUnit / NUnit constraint style `Assert.That(x).IsEqualTo(...)`
      if (calleeName === 'That' && receiver && this.lastName(receiver) === 'Assert') return this.syntax.callArguments(node)[0] ?? null;
      if (calleeName === 'Should' && receiver) return receiver; // FluentAssertions `x.Should().Be(...)`
      // should.js / Chai's should: `res.status.should.equal(204)`, `(res.status).should.be.eql(404)`.
      const should = receiver ? this.shouldSubject(receiver) : null;
      if (should) return should;
      node = receiver && this.syntax.calls.has(receiver.type) ? receiver : receiver && this.syntax.members.has(receiver.type) ? this.syntax.memberParts(receiver)?.object ?? null : null;
    }
    return null;
  }

  /** The object a member chain puts `should` on: `res.status` in `res.status.should.be`. */
  private shouldSubject(chain: Node): Node | null {
    let node: Node | null = chain;
    for (let depth = 0; node && this.syntax.members.has(node.type) && depth < 6; depth++) {
      const parts = this.syntax.memberParts(node);
      if (parts?.property === 'should') return parts.object;
      node = parts?.object ?? null;
    }
    return null;
  }

  /**
   * RSpec's `expect(res.status).to eq(429)`: a matcher (`eq(429)`) is the argument of `to`/`not_to`, whose
   * receiver is the expectation; the `to` call stands for the matcher.
   */
  protected rspecExpectation(call: Node): Node | null {
    if (!RSPEC_MATCHER.test(this.lastName(this.syntax.callee(call)) ?? '')) return null;
    let up: Node | null = call.parent;
    while (up && this.syntax.transparent.has(up.type)) up = up.parent;
    if (!up || !this.syntax.calls.has(up.type) || !/^(to|not_to|to_not)$/.test(this.lastName(this.syntax.callee(up)) ?? '')) return null;
    return up;
  }

  /** A call that asserts: `assertEqual(…)`, `expect(…)`, or a test library's own (`t.is(…)`, Go `Equals(t, …)`). */
  protected isAssertionCall(call: Node): boolean {
    const name = this.lastName(this.syntax.callee(call)) ?? '';
    if (ASSERT_CALLS.test(name)) return true;
    return isLibraryAssertion(name, this.receiverOf(call)?.text, this.syntax.callArguments(call)[0]?.text);
  }

  protected chainStartsWithAssert(call: Node): boolean {
    return this.assertionSubject(call) !== null;
  }

  protected insideAssertion(start: Node): boolean {
    for (let node: Node | null = start; node; node = node.parent) {
      if (this.syntax.asserts.has(node.type)) return true;
      if (this.syntax.calls.has(node.type) && this.isAssertionCall(node)) return true;
      // Go's test idiom: `if resp.StatusCode != http.StatusTooManyRequests { t.Errorf(…) }`
      if (node.type === 'if_statement') return GO_TEST_FAILURE.test(node.childForFieldName('consequence')?.text.slice(0, 200) ?? '');
      if (/statement|declaration|block|body/.test(node.type)) return false;
    }
    return false;
  }
}
