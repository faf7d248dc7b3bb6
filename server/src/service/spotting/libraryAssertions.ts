/**
 * Assertion calls of test libraries whose names are ordinary words elsewhere (`is`, `not`, `same`, `Equals`,
 * `Assert`), so they count only with the library's own receiver or first argument:
 * - AVA, node-tap and `node:test`: the test's handle `t` (`t.is(res.status, 503)`, `t.not(…)`, `t.same(…)`,
 *   `t.strictSame(…)`); AVA's assertions are documented at github.com/avajs/ava/blob/main/docs/03-assertions.md,
 *   node-tap's at node-tap.org/asserts/.
 * - Go's assertion helpers that take the test first: `testutil.Equals(t, 429, resp.StatusCode)`, the `equals(tb, exp,
 *   act)` idiom of Ben Johnson's "testing helpers" (github.com/benbjohnson/testing), restic's `rtest.Equals(t, …)`.
 * - gopkg.in/check.v1 (`c.Assert(obtained, Equals, 502)`, `c.Check(…)`) and quicktest (`qt.Assert(t, got, qt.Equals,
 *   404)`, `c.Assert(got, qt.Equals, 404)` on a `qt.New(t)`): the checker is an argument of `Assert`/`Check`.
 * A status beside the call's other arguments still has to be there for a literal to count (argumentRoles.ts decides).
 */

/** AVA / node-tap / node:test methods on the test handle. */
const TEST_HANDLE_METHODS = /^(is|not|same|notSame|strictSame|strictNotSame|equals|strictEquals|deepEquals|isEqual|isNot|notEqual)$/;
/** The names a test handle is given: `test('…', (t) => …)`, `tap.test(…)`, `it('…', (tt) => …)`. */
const TEST_HANDLE = /^(t|tt|tap|test)$/;
/** Go helpers asserting equality with the test first: `Equals(t, exp, act)`, `AssertEqual(t, …)`. */
const GO_TEST_FIRST_METHODS = /^(Equals|equals|Equal|AssertEqual|assertEqual|AssertEquals|assertEquals|ok|Ok|OK)$/;
/** Go's test handles: `*testing.T`, `testing.TB`, `*testing.B`. */
const GO_TEST_HANDLE = /^(t|tb|b|tt)$/;
/** go-check and quicktest: `c.Assert(…)`, `c.Check(…)`, `qt.Assert(t, …)`, `qt.Check(t, …)`. */
const CHECKER_METHODS = /^(Assert|Check)$/;
const CHECKER_RECEIVER = /^(c|qt|C|qc)$/;

/**
 * True when a call named `name` on `receiver` (its text, or undefined for a bare call) whose first argument reads
 * `firstArgument` is one of these libraries' assertions.
 */
export function isLibraryAssertion(name: string, receiver: string | undefined, firstArgument: string | undefined): boolean {
  if (receiver !== undefined && TEST_HANDLE.test(receiver) && TEST_HANDLE_METHODS.test(name)) return true;
  if (GO_TEST_FIRST_METHODS.test(name) && firstArgument !== undefined && GO_TEST_HANDLE.test(firstArgument)) return true;
  return receiver !== undefined && CHECKER_RECEIVER.test(receiver) && CHECKER_METHODS.test(name);
}
