import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { generateSnippetFiles, SNIPPETS_DIR, SNIPPET_FILES } from '../../scripts/gen-snippets';
import { ALL_TEMPLATES } from '../../server/src/service/templates';

describe('snippets/ are generated from the retry templates', () => {
  const generated = generateSnippetFiles();

  for (const file of Object.keys(SNIPPET_FILES)) {
    it(`snippets/${file} matches a fresh generation (run: npx tsx scripts/gen-snippets.ts)`, () => {
      const target = path.join(SNIPPETS_DIR, file);
      assert.ok(fs.existsSync(target), `snippets/${file} is missing`);
      assert.strictEqual(fs.readFileSync(target, 'utf8'), generated[file], `snippets/${file} has drifted from the templates`);
    });
  }

  it('every template appears as a snippet whose prefix is its id', () => {
    const prefixes = new Set<string>();
    for (const file of Object.keys(SNIPPET_FILES)) {
      const parsed = JSON.parse(generated[file]) as Record<string, { prefix: string; body: string[] }>;
      for (const [key, snippet] of Object.entries(parsed)) {
        assert.strictEqual(snippet.prefix, key);
        assert.ok(snippet.body.length > 3, `${key} has an empty body`);
        prefixes.add(snippet.prefix);
      }
    }
    for (const template of ALL_TEMPLATES) assert.ok(prefixes.has(template.id), `${template.id} has no snippet`);
  });
});
