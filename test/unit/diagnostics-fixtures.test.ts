import * as assert from 'assert';
import { FIXTURE_LANGUAGES, fixtureFiles, runFixture } from './diagnostics-fixtureSupport';

/** Every labelled fixture yields exactly its `eci-expect-diag` findings (all severities). */
for (const language of FIXTURE_LANGUAGES) {
  describe(`diagnostics fixtures: ${language}`, () => {
    const files = fixtureFiles(language);
    it('has at least 10 fixture files', () => assert.ok(files.length >= 10, `${files.length} files`));
    for (const file of files) {
      it(file.split(/[\\/]/).pop()!, async () => {
        const result = await runFixture(file);
        const missing = [...result.expected].filter((k) => !result.actual.has(k));
        const extra = result.findings.filter((f) => !result.expected.has(`${f.range.start.line + 1}:${f.rule}`)).map((f) => `${f.range.start.line + 1}:${f.rule} — ${f.message}`);
        assert.deepStrictEqual({ missing, extra }, { missing: [], extra: [] });
      });
    }
  });
}
