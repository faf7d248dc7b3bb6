import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Ignore files read in each folder; a later one's rules win over an earlier one's, as in ripgrep. */
const IGNORE_FILE_NAMES = ['.gitignore', '.ignore'];
/** Git matches names case-sensitively where the file system is case-sensitive. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

interface Level {
  /** Absolute folder the rules are relative to. */
  dir: string;
  matcher: Ignore;
}

/**
 * The ignore rules in force in one folder of a walk: the `.gitignore` / `.ignore` files of that folder
 * and of every folder above it up to the repository root, plus the repository's `.git/info/exclude`.
 * Rules are matched by the `ignore` package (the .gitignore implementation eslint and others use).
 * Deeper files win over shallower ones: a `!pattern` in a sub-folder re-includes what a parent's
 * pattern left out, but, as in git, nothing inside a left-out folder comes back (the walk never
 * enters it).
 */
export class IgnoreFiles {
  private constructor(private readonly levels: readonly Level[]) {}

  /** The rules above `root` (a folder about to be walked), from the folders between it and its repository root. */
  static above(root: string): IgnoreFiles {
    const abs = path.resolve(root);
    const ancestors: string[] = [];
    let top: string | undefined = exists(path.join(abs, '.git')) ? abs : undefined;
    for (let dir = path.dirname(abs); !top && dir !== abs; ) {
      ancestors.unshift(dir);
      if (exists(path.join(dir, '.git'))) top = dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    const levels: Level[] = [];
    if (top) {
      const exclude = readText(path.join(top, '.git', 'info', 'exclude'));
      if (exclude) levels.push({ dir: top, matcher: newMatcher().add(exclude) });
      for (const dir of ancestors) {
        const level = levelIn(dir, IGNORE_FILE_NAMES);
        if (level) levels.push(level);
      }
    }
    const outer = new IgnoreFiles(levels);
    // Asked for explicitly: a folder the parents' rules leave out is walked all the same.
    return outer.ignores(abs, true) ? new IgnoreFiles([]) : outer;
  }

  /** The rules inside `folder`, whose entries are `names`: these plus the folder's own ignore files. */
  enter(folder: string, names: readonly string[]): IgnoreFiles {
    const present = IGNORE_FILE_NAMES.filter((n) => names.includes(n));
    if (present.length === 0) return this;
    const level = levelIn(path.resolve(folder), present);
    return level ? new IgnoreFiles([...this.levels, level]) : this;
  }

  /** Whether the rules leave `target` out (`folder` tells whether it is a folder, for patterns ending in `/`). */
  ignores(target: string, folder: boolean): boolean {
    if (this.levels.length === 0) return false;
    const abs = path.resolve(target);
    let ignored = false;
    for (const { dir, matcher } of this.levels) {
      if (abs.length <= dir.length || !abs.startsWith(dir) || abs[dir.length] !== path.sep) continue;
      let rel = abs.slice(dir.length + 1);
      if (path.sep !== '/') rel = rel.split(path.sep).join('/');
      const result = matcher.test(folder ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

function newMatcher(): Ignore {
  return ignore({ ignorecase: IGNORE_CASE });
}

function levelIn(dir: string, fileNames: readonly string[]): Level | undefined {
  const texts = fileNames.map((n) => readText(path.join(dir, n))).filter((t): t is string => !!t);
  if (texts.length === 0) return undefined;
  const matcher = newMatcher();
  for (const text of texts) matcher.add(text);
  return { dir, matcher };
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function exists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch {
    return false;
  }
}
