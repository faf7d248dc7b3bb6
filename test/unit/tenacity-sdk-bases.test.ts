import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function rulesAt(text: string, line: number): Promise<string[]> {
  return (await diagnosticsOf('python', text)).filter((f) => f.range.start.line + 1 === line).map((f) => f.rule);
}

const decorated = (condition: string): string => [
  'import openai',
  'from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential',
  '',
  '@retry(',
  `    retry=${condition},`,
  '    wait=wait_random_exponential(min=1, max=10),',
  '    stop=stop_after_attempt(3),',
  ')',
  'def draw(client, prompt):',
  '    return client.images.generate(prompt=prompt)',
].join('\n');

describe('tenacity retrying an AI SDK\'s base error', () => {
  it('reads a parenthesised union of retry_if_exception_type naming openai.APIError as retrying every status', async () => {
    const rules = await rulesAt(decorated('(\n        retry_if_exception_type(openai.APITimeoutError)\n        | retry_if_exception_type(openai.APIError)\n    )'), 4);
    assert.ok(rules.includes('non-retryable-retried'), rules.join(', '));
  });

  it('leaves a union of the transient types alone', async () => {
    const rules = await rulesAt(decorated('(\n        retry_if_exception_type(openai.APITimeoutError)\n        | retry_if_exception_type(openai.RateLimitError)\n    )'), 4);
    assert.ok(!rules.includes('non-retryable-retried'), rules.join(', '));
  });
});
