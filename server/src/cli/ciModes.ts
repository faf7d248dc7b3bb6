import type { CheckArgs } from './args';
import { type Baseline, BaselineError, makeBaseline, readBaseline, subtractBaseline, writeBaseline } from './baseline';
import type { FileReport } from './checkFiles';
import { type ChangedLines, changedLines, GitError, isChanged, onChangedLines } from './gitChanges';

/** What `--baseline`, `--diff-base` and `--staged` narrow a run to, read before any file is checked. */
export interface CiModes {
  changes?: ChangedLines;
  baseline?: { file: string; data: Baseline };
}

/** Reads the baseline and the git changes the arguments ask for; a problem is an Error with a message for the user. */
export function prepareCiModes(args: CheckArgs): CiModes {
  const modes: CiModes = {};
  if (args.baseline !== undefined) modes.baseline = { file: args.baseline, data: readBaseline(args.baseline) };
  if (args.diffBase !== undefined) modes.changes = changedLines({ kind: 'diff-base', ref: args.diffBase });
  else if (args.staged) modes.changes = changedLines({ kind: 'staged' });
  return modes;
}

export function isCiModeError(error: unknown): error is Error {
  return error instanceof BaselineError || error instanceof GitError;
}

/** In changed-lines mode only changed files need checking at all. */
export function wantsFile(file: string, modes: CiModes): boolean {
  return !modes.changes || isChanged(file, modes.changes);
}

/** The findings left after changed-lines filtering and the baseline, plus a notice of what was held back. */
export function narrowFindings(reports: readonly FileReport[], modes: CiModes): { reports: FileReport[]; notices: string[] } {
  let narrowed = modes.changes ? onChangedLines(reports, modes.changes) : [...reports];
  const notices: string[] = [];
  if (modes.baseline) {
    const { reports: kept, absorbed } = subtractBaseline(narrowed, modes.baseline.data, modes.baseline.file);
    narrowed = kept;
    if (absorbed > 0) notices.push(`${absorbed} finding${absorbed === 1 ? '' : 's'} recorded in the baseline ${modes.baseline.file} not reported`);
  }
  return { reports: narrowed, notices };
}

/** `eci baseline write`: records every finding; returns the message to print. */
export function writeBaselineFile(reports: readonly FileReport[], file: string): string {
  const baseline = makeBaseline(reports, file);
  writeBaseline(file, baseline);
  return `eci: wrote ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} to ${file}`;
}
