import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { incrementalStats } from '../../server/src/service/diagnostics/incremental';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';

/**
 * Declarative policies are read from the whole file; an incremental pass re-analyses one unit. After an
 * edit anywhere in a policy fixture (inside or outside the unit holding the configuration), the findings
 * equal those of a fresh open — none duplicated, none lost.
 */
const DIR = path.join(__dirname, '..', 'fixtures', 'diagnostics');
const LANG: Record<string, LanguageId> = { python: 'python', typescript: 'typescript', csharp: 'csharp', java: 'java', go: 'go' };

const files = Object.keys(LANG).flatMap((dir) =>
  fs.existsSync(path.join(DIR, dir)) ? fs.readdirSync(path.join(DIR, dir)).filter((f) => /^(policy_|Policy)/.test(f)).map((f) => [dir, f] as const) : [],
);

describe('declarative policy findings under incremental edits', function () {
  // Each fixture is analysed twice per edited line (a line in four): tens of full analyses per test, which pass
  // mocha's 2 s default on an idle machine but not always on a loaded 2-core one. The work is bounded, not slow.
  this.timeout(20_000);
  const reanalysedBefore = incrementalStats.reanalysed;
  it('covers the policy fixtures', () => assert.ok(files.length >= 10, `${files.length} files`));
  for (const [dir, file] of files) {
    it(`${dir}/${file}`, async () => {
      const text = fs.readFileSync(path.join(DIR, dir, file), 'utf8');
      const lines = text.split('\n');
      for (let line = 3; line < lines.length; line += 4) {
        const character = Math.min(lines[line].length, lines[line].search(/\S|$/) + 1);
        const service = new ErrorCodeLanguageService();
        const uri = `mem://policy-inc/${dir}/${file}/${line}`;
        await service.open({ uri, languageId: LANG[dir], version: 1, text });
        service.diagnostics(uri);
        service.update(uri, 2, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
        const edited = lines.map((l, i) => (i === line ? l.slice(0, character) + 'x' + l.slice(character) : l)).join('\n');
        const fresh = new ErrorCodeLanguageService();
        await fresh.open({ uri: `${uri}/fresh`, languageId: LANG[dir], version: 1, text: edited });
        assert.deepEqual(service.diagnostics(uri), fresh.diagnostics(`${uri}/fresh`), `after an edit on line ${line + 1}`);
        service.close(uri);
        fresh.close(`${uri}/fresh`);
      }
    });
  }
  it('took the incremental path for some of those edits', () => assert.ok(incrementalStats.reanalysed > reanalysedBefore));
});
