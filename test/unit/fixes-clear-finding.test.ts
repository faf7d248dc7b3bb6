/**
 * A quick fix must make its warning go away: on every fix fixture, apply the preferred action offered
 * for each finding and check that the same rule no longer reports the same check. (Before this, the
 * retry helper inserted by the fix was not recognised as a retry and the warning stayed.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits } from '../../server/src/service/fixes/text';
import type { Finding, LanguageId } from '../../server/src/service/types';
import { diagnosticsOf, openDoc, testService } from '../support/serviceHarness';

const ROOT = path.join(__dirname, '..', 'fixtures', 'fixes');
const LANG_OF: Record<string, LanguageId> = { py: 'python', js: 'javascript', mjs: 'javascript', ts: 'typescript', go: 'go', java: 'java', cs: 'csharp', rb: 'ruby', php: 'php', kt: 'kotlin', rs: 'rust' };

const findingsOf = diagnosticsOf;

/** The text of the line a finding starts on, to find "the same check" after edits moved it. */
function lineOf(text: string, f: Finding): string {
  return text.split('\n')[f.range.start.line].trim();
}

const fixtures = fs.readdirSync(ROOT).flatMap((dir) => fs.readdirSync(path.join(ROOT, dir)).map((file) => path.join(dir, file)));

describe('fixes: the preferred fix clears the finding it was offered for', () => {
  for (const file of fixtures) {
    const languageId = LANG_OF[file.split('.').pop()!];
    it(file, async () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const service = testService();
      const uri = await openDoc(languageId, text, service);
      let checked = 0;
      try {
        for (const finding of service.diagnostics(uri)) {
          const preferred = service.codeActions(uri, finding.range, [finding]).find((a) => a.isPreferred && a.fixes?.includes(finding.rule));
          if (!preferred) continue;
          const fixed = applyEdits(text, preferred.edits);
          const after = await findingsOf(languageId, fixed);
          const before = lineOf(text, finding);
          // Lines that read the same (two identical loops in one file) each had their own finding: one must go.
          const alike = service.diagnostics(uri).filter((f) => f.rule === finding.rule && lineOf(text, f) === before).length;
          const still = after.filter((f) => f.rule === finding.rule && lineOf(fixed, f) === before);
          assert.ok(
            still.length < alike,
            `"${preferred.title}" left ${finding.rule} on \`${before}\` (${still.length} of ${alike} alike remain)\n${still.map((f) => f.message).join('\n')}\n${fixed}`,
          );
          checked++;
        }
      } finally {
        service.close(uri);
      }
      assert.ok(checked > 0 || !/eci-fix-expected/.test(text), 'no preferred fix was checked');
    });
  }
});
