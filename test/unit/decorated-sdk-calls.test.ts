/**
 * A retry decorator around an SDK call: the SDK raises a typed error for every failure status, so a tenacity
 * `@retry` with no predicate retries a 401 or a 404 as well as a 503, on a wait that never reads Retry-After. On a
 * generator function (sync or async, one with `yield`) the decorator wraps only the creation of the generator, which
 * never raises: it retries nothing and is not reported at all.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const decorated = `import anthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

client = anthropic.Anthropic()


@retry(wait=wait_random_exponential(min=1, max=20), stop=stop_after_attempt(3))
def draft_reply(prompt):
    message = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": prompt}])
    return message.content[0].text
`;

const generator = `import anthropic
from tenacity import retry, stop_after_attempt, wait_random_exponential

client = anthropic.AsyncAnthropic()


@retry(wait=wait_random_exponential(min=1, max=20), stop=stop_after_attempt(3))
async def stream_reply(prompt):
    async with client.messages.stream(model="m", max_tokens=300, messages=[{"role": "user", "content": prompt}]) as s:
        async for text in s.text_stream:
            yield text
`;

const caught = decorated.replace(
  '    message = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": prompt}])\n    return message.content[0].text',
  '    try:\n        message = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": prompt}])\n    except anthropic.APIStatusError:\n        return ""\n    return message.content[0].text',
);

describe('retry decorators around SDK calls', () => {
  it('reads every failure status of the SDK call as retried by a predicate-less @retry', async () => {
    assert.deepEqual(await ruleLines('python', decorated, 'non-retryable-retried'), [7]);
    assert.deepEqual(await ruleLines('python', decorated, 'retry-ignores-retry-after'), [7]);
  });

  it('says nothing when the function catches the SDK error itself', async () => {
    assert.deepEqual(await ruleLines('python', caught, 'non-retryable-retried'), []);
  });

  it('reads a decorator on a generator function as retrying nothing', async () => {
    assert.deepEqual(await ruleLines('python', generator, 'retry-amplification'), []);
    assert.deepEqual(await ruleLines('python', generator, 'non-retryable-retried'), []);
    assert.deepEqual(await ruleLines('python', decorated, 'retry-amplification'), [7]);
  });
});
