import * as fs from 'fs';
import * as path from 'path';
import { languageForPath } from '../../server/src/service/parsing/grammars';
import type { Finding, LanguageId } from '../../server/src/service/types';
import { READS_REPORTED, testService } from '../support/serviceHarness';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/settings';

/** Fixture convention: `eci-expect-diag: rule-a, rule-b` in a comment on the line where each finding starts. */
const EXPECT = /eci-expect-diag:\s*([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)/;

export const FIXTURE_ROOT = path.join(__dirname, '..', 'fixtures', 'diagnostics');
export const FIXTURE_LANGUAGES = ['python', 'typescript', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'kotlin'] as const;

export interface FixtureResult {
  file: string;
  language: LanguageId;
  /** `line:rule` keys (1-based lines). */
  expected: Set<string>;
  actual: Set<string>;
  findings: Finding[];
}

export function fixtureFiles(language: string): string[] {
  const dir = path.join(FIXTURE_ROOT, language);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => languageForPath(f)).sort().map((f) => path.join(dir, f)) : [];
}

export function expectedOf(text: string): Set<string> {
  const result = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const rule of m[1].split(',')) result.add(`${i + 1}:${rule.trim()}`);
  });
  return result;
}

/** `eci-fixture-settings: reportReadsWithoutRetry` in a comment: the fixture is analysed with that setting on. */
export function fixtureSettings(text: string): Settings {
  const m = /eci-fixture-settings:\s*([\w, ]+)/.exec(text);
  const on = new Set((m?.[1] ?? '').split(',').map((x) => x.trim()).filter(Boolean));
  return on.has('reportReadsWithoutRetry') ? READS_REPORTED : DEFAULT_SETTINGS;
}

export async function runFixture(file: string): Promise<FixtureResult> {
  const text = fs.readFileSync(file, 'utf8');
  const language = languageForPath(file)!;
  const service = testService();
  service.configure(fixtureSettings(text));
  // A workspace-like URI ending in the fixture's own name: some rules read the file name (test files).
  const uri = `file:///project/src/${path.relative(FIXTURE_ROOT, file).split(path.sep).join('/')}`;
  await service.open({ uri, languageId: language, version: 1, text });
  try {
    const findings = service.diagnostics(uri);
    const actual = new Set(findings.map((f) => `${f.range.start.line + 1}:${f.rule}`));
    return { file: path.relative(FIXTURE_ROOT, file), language, expected: expectedOf(text), actual, findings };
  } finally {
    service.close(uri);
    service.configure(DEFAULT_SETTINGS);
  }
}
