/**
 * A name the request reads that is set again after it in the loop moves a pager on (`page += 1`, `cursor =
 * body["next"]`). Handed to another call as a keyword argument on a line of its own (`model=self.model,` in the other
 * branch's call) it is not set at all: the loop stays a retry loop.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const sampler = `import time
import openai
from openai import OpenAI


class Sampler:
    def __init__(self, model, reasoning=False):
        self.client = OpenAI(max_retries=0)
        self.model = model
        self.reasoning = reasoning

    def sample(self, prompt):
        trial = 0
        while True:
            try:
                if self.reasoning:
                    response = self.client.responses.create(
                        model=self.model,
                        input=prompt,
                    )
                else:
                    response = self.client.responses.create(
                        model=self.model,
                        input=prompt,
                        temperature=0.2,
                    )
                return response.output_text
            except Exception as e:
                time.sleep(2**trial)
                trial += 1
`;

const pager = `import requests


def all_items(session, url):
    items = []
    page = 1
    while True:
        r = session.get(url, params={"page": page}, timeout=10)
        if r.status_code != 200:
            break
        items.extend(r.json())
        page += 1
    return items
`;

describe('keyword arguments are not a pager moving on', () => {
  it('reads the sampler loop as a retry of every failure, with no cap', async () => {
    assert.deepEqual(await ruleLines('python', sampler, 'retry-without-backoff'), [14]);
    assert.deepEqual(await ruleLines('python', sampler, 'non-retryable-retried'), [14]);
  });

  it('still reads a page number stepped after the request as paging', async () => {
    assert.deepEqual(await ruleLines('python', pager, 'retry-without-backoff'), []);
  });
});
