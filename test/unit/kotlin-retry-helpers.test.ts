/**
 * A Kotlin retry helper running the operation it is handed (`block: suspend () -> Int`) inside a try expression, in
 * a counted loop: what it re-runs is its callers' request, and how it retries is written here — every failure goes
 * round (4xx included), with no Retry-After read.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const helper = `package demo

import kotlinx.coroutines.delay

internal suspend fun retry(times: Int, block: suspend () -> Int): Int {
    var currentDelay = 100L
    for (i in 0 until times) {
        try {
            val code = block()
            if (code in 100..399) {
                return code
            } else {
                throw IllegalStateException("bad " + code)
            }
        } catch (e: Exception) {
            println(e)
        }
        delay(currentDelay)
        currentDelay = currentDelay * 2
    }
    throw IllegalStateException("gave up")
}
`;

const renamed = helper.replace('internal suspend fun retry(', 'internal suspend fun measure(');
// Not leaving when the operation succeeds: it runs the operation on every round, whatever it answers.
const notRetrying = renamed.replace('return code', 'println(code)');

describe('Kotlin retry helpers that run the operation they are handed', () => {
  it('reads the loop as a retry of every failure', async () => {
    assert.deepEqual(await ruleLines('kotlin', helper, 'non-retryable-retried'), [7]);
    assert.deepEqual(await ruleLines('kotlin', helper, 'retry-ignores-retry-after'), [7]);
  });

  it('reads a helper shaped as a retry whatever its name', async () => {
    assert.deepEqual(await ruleLines('kotlin', renamed, 'non-retryable-retried'), [7]);
  });

  it('leaves a function alone whose loop does not leave when the operation succeeds', async () => {
    assert.deepEqual(await ruleLines('kotlin', notRetrying, 'non-retryable-retried'), []);
  });
});
