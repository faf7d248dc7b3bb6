/**
 * A retry loop is not taken for a loop walking pages because a key of the request's body (`{ properties: … }`) has
 * the name of a local assigned after the request (`const properties = …`): keys and keyword names are no variables.
 * A cursor the request reads and the loop assigns after it still makes a paging loop.
 */
import * as assert from 'node:assert/strict';
import { ruleLines } from '../support/serviceHarness';

const create = `import axios from 'axios';

const api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });

export async function createBoard(title: string, columns: string[]) {
  let tries = 0;
  let board: { id: string } | null = null;
  do {
    try {
      const response = await api.get('/boards/lookup', { params: { title, columns: columns.join(',') } });
      const columns2 = response.data.columns;
      board = { id: response.data.id };
      void columns2;
    } catch (error) {
      if (tries === 5) {
        break;
      }
      await new Promise((resolve) => setTimeout(() => { tries++; resolve(null); }, 300));
    }
  } while (!board);
  return board;
}
`;

describe('object keys are not paging variables', () => {
  it('reads a loop whose request body has a key named like a later local as a retry', async () => {
    const text = create.replace("{ params: { title, columns: columns.join(',') } }", '{ params: { title, properties: 1 } }').replace('const columns2 = response.data.columns;', 'const properties = response.data.columns;').replace('void columns2;', 'void properties;');
    assert.deepEqual(await ruleLines('typescript', text, 'retry-without-backoff'), [8]);
  });

  it('still reads a cursor assigned after the request as paging', async () => {
    const paged = create.replace("{ params: { title, columns: columns.join(',') } }", '{ params: { title, cursor } }').replace('let tries = 0;', 'let tries = 0;\n  let cursor = "";').replace('const columns2 = response.data.columns;', 'cursor = response.data.next;').replace('void columns2;', '');
    assert.deepEqual(await ruleLines('typescript', paged, 'retry-without-backoff'), []);
  });
});
