import { strict as assert } from 'node:assert';
import { ruleLines } from '../support/serviceHarness';

const command = (answer: string): string => [
  "import got from 'got';",
  '',
  'export const verify = {',
  '  handler: async (client: unknown, interaction: any) => {',
  `    ${answer}`,
  "    const request = await got.post('https://api.example.com/v3/identity', { json: { id: interaction.user.id }, throwHttpErrors: false, timeout: { request: 10000 } });",
  '    if (request.statusCode !== 200) {',
  "      throw new Error('identity lookup failed');",
  '    }',
  '  },',
  '};',
].join('\n');

describe('a chat handler that answers the person who asked', () => {
  it('leaves a request in a handler that defers its reply to the interaction alone (the user sees the failure and asks again)', async () => {
    assert.deepEqual(await ruleLines('typescript', command("await interaction.deferReply({ flags: ['Ephemeral'] });"), 'no-retry-on-request'), []);
  });

  it('still reports the same request where nobody is answered', async () => {
    assert.deepEqual(await ruleLines('typescript', command("console.log('verifying');"), 'no-retry-on-request'), [7]);
  });
});
