/**
 * Shared by the fix execution tests: run the service's real diagnostics on a flawed fixture, apply
 * the preferred quick fix through the service (or through the real LSP server), and run programs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyEdits } from '../../server/src/service/fixes/text';
import type { CodeActionResult, Finding, LanguageId } from '../../server/src/service/types';
import { openDoc, READS_REPORTED, testService } from '../support/serviceHarness';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import type { Prepared } from './programs';
import { run } from './runners';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'fixes');

export function fixture(lang: string, file: string): string {
  return fs.readFileSync(path.join(FIXTURES, lang, file), 'utf8');
}

export interface FixOutcome {
  findings: Finding[];
  action: CodeActionResult;
  fixed: string;
}

/**
 * Diagnostics → preferred quick fix for `rule` (or the one whose title matches) → fixed text.
 * Throws when any step is missing.
 */
export async function applyPreferredFix(languageId: LanguageId, text: string, rule: string, title?: RegExp): Promise<FixOutcome> {
  const service = testService();
  // The programs' requests are often reads: fixes are proven with no-retry-on-request reporting them.
  service.configure(READS_REPORTED);
  const uri = await openDoc(languageId, text, service);
  try {
    const findings = service.diagnostics(uri);
    const targets = findings.filter((f) => f.rule === rule);
    if (!targets.length) throw new Error(`no ${rule} diagnostic; got ${findings.map((f) => f.rule).join(', ') || 'none'}`);
    const actions = service.codeActions(uri, targets[0].range, targets);
    const action = actions.find((a) => a.fixes?.includes(rule) && (title ? title.test(a.title) : a.isPreferred));
    if (!action) throw new Error(`no preferred fix for ${rule}; got ${actions.map((a) => a.title).join(' | ')}`);
    return { findings, action, fixed: applyEdits(text, action.edits) };
  } finally {
    service.close(uri);
    service.configure(DEFAULT_SETTINGS);
  }
}

export function writeProgram(dir: string, file: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, text);
  return target;
}

/** Writes a Go program (GOPATH mode, standard library only) into `dir` and builds it; throws with the compiler's output. */
export async function buildGoProgram(dir: string, source: string): Promise<Prepared> {
  const main = writeProgram(dir, 'main.go', source);
  const binary = path.join(dir, 'program');
  const env = { ...process.env, GOCACHE: path.join(os.tmpdir(), 'eci-fixes-gocache'), GOPATH: path.join(dir, '.gopath'), GO111MODULE: 'off' };
  const built = await run('go', ['build', '-o', binary, main], { cwd: dir, env, timeoutMs: 120_000 });
  if (built.code !== 0) throw new Error(`go build failed:\n${built.stderr}\n--- source ---\n${source}`);
  return { command: binary, args: [] };
}

