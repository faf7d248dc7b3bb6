import * as path from 'node:path';
import type { CheckArgs } from './args';
import { type Baseline, BaselineError, makeBaseline, readBaseline, subtractBaseline, writeBaseline } from './baseline';
import type { FileReport } from './checkFiles';
import type { SourceReader } from './fingerprint';
import { type ChangedLines, changedLines, GitError, indexContent, isChanged, onChangedLines } from './gitChanges';
import type { FileToCheck } from './walkFiles';

/** What `--baseline`, `--diff-base` and `--staged` narrow a run to, read before any file is checked. */
export interface CiModes {
  changes?: ChangedLines;
  baseline?: { file: string; data: Baseline };
  /** `--staged`: files are checked as the index holds them, not as they are on disk. */
  staged?: Map<string, Buffer>;
}

/** Reads the baseline and the git changes the arguments ask for; a problem is an Error with a message for the user. */
export function prepareCiModes(args: CheckArgs): CiModes {
  const modes: CiModes = {};
  if (args.baseline !== undefined) modes.baseline = { file: args.baseline, data: readBaseline(args.baseline) };
  if (args.diffBase !== undefined) modes.changes = changedLines({ kind: 'diff-base', ref: args.diffBase });
  else if (args.staged) {
    modes.changes = changedLines({ kind: 'staged' });
    modes.staged = indexContent([...modes.changes.keys()]);
  }
  return modes;
}

export function isCiModeError(error: unknown): error is Error {
  return error instanceof BaselineError || error instanceof GitError;
}

/** In changed-lines mode only changed files need checking at all; with --staged, as the index holds them. */
export function selectFiles(files: readonly FileToCheck[], modes: CiModes): FileToCheck[] {
  const changed = modes.changes ? files.filter((f) => isChanged(f.path, modes.changes as ChangedLines)) : [...files];
  const staged = modes.staged;
  if (!staged) return changed;
  return changed.map((f) => {
    const content = staged.get(path.resolve(f.path));
    return content ? { ...f, content, size: content.length } : f;
  });
}

/** The text files were checked with where it is not the disk's (for fingerprints). */
export function sourceReader(modes: CiModes): SourceReader | undefined {
  const staged = modes.staged;
  return staged && ((file) => staged.get(path.resolve(file))?.toString('utf8'));
}

/** The findings left after changed-lines filtering and the baseline, plus a notice of what was held back. */
export function narrowFindings(reports: readonly FileReport[], modes: CiModes): { reports: FileReport[]; notices: string[] } {
  let narrowed = modes.changes ? onChangedLines(reports, modes.changes) : [...reports];
  const notices: string[] = [];
  if (modes.baseline) {
    const { reports: kept, absorbed } = subtractBaseline(narrowed, modes.baseline.data, modes.baseline.file, sourceReader(modes));
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
