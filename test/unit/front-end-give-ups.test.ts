/**
 * Front-end code that puts a failure into what the page shows (`setError(…)`, `this.setState({ error })`, a Vue ref's
 * `error.value = …`) tells the person who acted, who decides whether to act again: that branch is no
 * retryable-treated-as-final. A front-end give-up that only throws is still one, and the same setter in a service
 * module shows nothing to anyone.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const RULE = 'retryable-treated-as-final';

const hook = (imports: string, branch: string) => `${imports}
export function useInvoice(id: string) {
  const [error, setError] = useState<string | null>(null);
  async function load() {
    const res = await fetch(\`https://billing.example/invoices/\${id}\`);
    if (res.status === 429) {
${branch}
    }
    return res.json();
  }
  return { error, load };
}
`;

const shown = "      setError('Too many requests, slow down');\n      return null;";

describe('give-ups that show the failure on the page', () => {
  it('leaves a React hook that puts a 429 into its error state', async () => {
    assert.deepEqual(await ruleLines('typescript', hook("import { useState } from 'react';", shown), RULE), []);
  });

  it('reports a React hook that throws the 429 away', async () => {
    assert.deepEqual(await ruleLines('typescript', hook("import { useState } from 'react';", "      throw new Error('rate limited');"), RULE), [6]);
  });

  it('reports the same setter in a service module, where nobody sees it', async () => {
    assert.deepEqual(await ruleLines('typescript', hook('declare function useState<T>(v: T): [T, (v: T) => void];', shown), RULE), [6]);
  });

  it('leaves a Vue component that shows a 503 through a ref', async () => {
    const text = `import { ref } from 'vue';

export function useReport(id: string) {
  const error = ref('');
  async function load() {
    const res = await fetch(\`https://reports.example/\${id}\`);
    if (res.status === 503) {
      error.value = 'The report service is down';
      return null;
    }
    return res.json();
  }
  return { error, load };
}
`;
    assert.deepEqual(await ruleLines('typescript', text, RULE), []);
  });
});
