import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../support/serviceHarness';

async function findings(text: string): Promise<string[]> {
  return (await diagnosticsOf('javascript', text)).map((f) => `${text.split('\n')[f.range.start.line].trim()} ${f.rule}`);
}

/** A re-send from the catch of a try whose failure status is thrown by an if/else (both arms throw) after a success return. */
const resend = (afterSuccess: string[]): string => [
  'export async function getJson(url, options, retries = 2, wait = 1000) {',
  '  try {',
  '    const res = await fetch(url, options);',
  '    if (res.status < 400) {',
  '      return res;',
  '    }',
  '    const body = await res.json().catch(() => ({}));',
  ...afterSuccess,
  '  } catch (err) {',
  '    if (retries > 0) {',
  '      await new Promise((resolve) => setTimeout(resolve, wait));',
  '      return getJson(url, options, retries - 1, wait * 2);',
  '    }',
  '    throw err;',
  '  }',
  '}',
].join('\n');

describe('failure sets: an if whose every arm gives up', () => {
  it('reads an if/else that throws in both arms as the give-up after a success return: every error status is retried', async () => {
    const found = await findings(resend(['    if (body.error) {', '      throw new Error(body.error);', '    } else {', '      throw new Error(`status ${res.status}`);', '    }']));
    assert.ok(found.includes('if (retries > 0) { non-retryable-retried'), found.join('\n'));
    assert.ok(found.includes('if (retries > 0) { retry-ignores-retry-after'), found.join('\n'));
  });

  it('does not read an if without an else as a give-up (the statuses it lets past are returned)', async () => {
    const found = await findings(resend(['    if (body.error) {', '      throw new Error(body.error);', '    }', '    return res;']));
    assert.ok(!found.includes('if (retries > 0) { non-retryable-retried'), found.join('\n'));
  });

  it('does not read an if/else with one arm returning as a give-up', async () => {
    const found = await findings(resend(['    if (body.error) {', '      throw new Error(body.error);', '    } else {', '      return res;', '    }']));
    assert.ok(!found.includes('if (retries > 0) { non-retryable-retried'), found.join('\n'));
  });
});
