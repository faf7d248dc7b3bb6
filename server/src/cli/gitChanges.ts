import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { FileReport } from './checkFiles';

/**
 * Changed-lines modes: `--diff-base REF` (lines changed since REF, working tree included, untracked
 * files counted as wholly new) and `--staged` (lines staged in the index). Read from
 * `git diff --unified=0`, whose hunk headers give the new side's line ranges.
 */
export type ChangeSource = { kind: 'diff-base'; ref: string } | { kind: 'staged' };

/** Absolute file path → its changed 1-based lines, or 'all' for a file that is new as a whole. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

export class GitError extends Error {}

export function changedLines(source: ChangeSource, cwd = process.cwd()): ChangedLines {
  const flag = source.kind === 'staged' ? '--staged' : '--diff-base';
  const top = git(['rev-parse', '--show-toplevel'], cwd, (stderr) => `${flag} needs a git repository, and ${cwd} is not inside one (${stderr})`).trim();
  const changes: ChangedLines = new Map();
  if (source.kind === 'diff-base') {
    git(['rev-parse', '--verify', '--quiet', `${source.ref}^{commit}`], cwd, () => `--diff-base: '${source.ref}' is not a commit in this repository (fetch it first, e.g. with fetch-depth: 0 in actions/checkout)`);
    parseUnifiedDiff(git(['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', source.ref, '--'], cwd), top, changes);
    for (const file of git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0')) if (file) changes.set(path.resolve(top, file), 'all');
  } else {
    parseUnifiedDiff(git(['-c', 'core.quotePath=false', 'diff', '--cached', '--unified=0', '--no-color', '--no-ext-diff', '--'], cwd), top, changes);
  }
  return changes;
}

/** What the index holds for each file (`git show :path`); files not in the index are left out. */
export function indexContent(files: readonly string[], cwd = process.cwd()): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  if (files.length === 0) return contents;
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  for (const file of files) {
    const rel = path.relative(top, path.resolve(file)).split(path.sep).join('/');
    const r = spawnSync('git', ['show', `:${rel}`], { cwd: top, maxBuffer: 256 * 1024 * 1024 });
    if (r.status === 0) contents.set(path.resolve(file), r.stdout);
  }
  return contents;
}

/** Adds the new-side lines of every hunk in a `git diff --unified=0` to `changes`. */
export function parseUnifiedDiff(diff: string, top: string, changes: ChangedLines): void {
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4));
      current = undefined;
      if (target === '/dev/null') continue;
      const file = path.resolve(top, target.replace(/^b\//, ''));
      const existing = changes.get(file);
      if (existing === 'all') continue;
      current = existing ?? new Set<number>();
      changes.set(file, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
}

/** Keeps the files git reports as changed (the rest need not be checked at all). */
export function isChanged(file: string, changes: ChangedLines): boolean {
  return changes.has(path.resolve(file));
}

/** Keeps the findings that touch a changed line (any line from the finding's start to its end). */
export function onChangedLines(reports: readonly FileReport[], changes: ChangedLines): FileReport[] {
  return reports.map((r) => {
    const lines = changes.get(path.resolve(r.path));
    if (lines === 'all') return r;
    const findings = lines ? r.findings.filter((f) => touches(lines, f.range.start.line + 1, f.range.end.line + 1)) : [];
    return { ...r, findings };
  });
}

function touches(lines: Set<number>, first: number, last: number): boolean {
  for (let n = first; n <= last; n++) if (lines.has(n)) return true;
  return false;
}

function git(args: string[], cwd: string, explain?: (stderr: string) => string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) {
    const stderr = r.stderr.trim().split('\n')[0] ?? '';
    throw new GitError(explain ? explain(stderr) : `git ${args.join(' ')} failed: ${stderr}`);
  }
  return r.stdout;
}

/** Git quotes paths with unusual characters in C style ("b/a\"b.py"). */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p.replace(/\t$/, '');
  return JSON.parse(p.replace(/\\([0-7]{3})/g, (_m, oct: string) => `\\u00${Number.parseInt(oct, 8).toString(16).padStart(2, '0')}`)) as string;
}
