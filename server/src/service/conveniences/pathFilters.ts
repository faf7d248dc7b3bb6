/**
 * Path filters for the workspace scan: VS Code-style globs (`files.exclude`, `errorCodeInsight.exclude`)
 * and the common subset of `.gitignore` (comments, `dir/`, `*.ext`, `/anchored`, `**`, `!negation`).
 * Paths are relative, `/`-separated. Pure functions; reading the files is the caller's job.
 */

/** Converts one glob to a regular expression over a whole relative path. */
export function globToRegExp(glob: string, options: { braces?: boolean } = {}): RegExp {
  let out = '';
  let i = 0;
  let braceDepth = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const slashAfter = glob[i + 2] === '/';
      if (atStart && slashAfter) {
        out += '(?:.*/)?';
        i += 3;
      } else {
        out += '.*';
        i += 2;
      }
    } else if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        i++;
      } else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end + 1;
      }
    } else if (c === '{' && options.braces) {
      braceDepth++;
      out += '(?:';
      i++;
    } else if (c === '}' && options.braces && braceDepth > 0) {
      braceDepth--;
      out += ')';
      i++;
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
      i++;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escape(glob[i + 1]);
      i += 2;
    } else {
      out += escape(c);
      i++;
    }
  }
  while (braceDepth-- > 0) out += ')';
  return new RegExp(`^${out}$`);
}

function escape(c: string): string {
  return /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}

/** `a/b/c.py` → `['a', 'a/b', 'a/b/c.py']`. */
function prefixes(relPath: string): string[] {
  const parts = relPath.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** VS Code-style exclude globs: a path is excluded when it or any folder above it matches. */
export class GlobFilter {
  private readonly patterns: RegExp[];

  constructor(globs: readonly string[]) {
    this.patterns = globs
      .map((g) => g.trim().replace(/^\.\//, '').replace(/\/+$/, ''))
      .filter((g) => g.length > 0)
      .map((g) => globToRegExp(g, { braces: true }));
  }

  excludes(relPath: string): boolean {
    if (this.patterns.length === 0) return false;
    return prefixes(relPath).some((p) => this.patterns.some((r) => r.test(p)));
  }
}

export interface GitignoreRule {
  negate: boolean;
  dirOnly: boolean;
  /** Matches the path relative to the .gitignore's folder (anchored) or, unanchored, the last segment. */
  anchored: boolean;
  pattern: RegExp;
}

export function parseGitignore(text: string): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.replace(/\/+$/, '');
    if (line === '') continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    rules.push({ negate, dirOnly, anchored, pattern: globToRegExp(line) });
  }
  return rules;
}

/**
 * Whether `.gitignore` files ignore a file. `rulesIn(dir)` gives the rules of the .gitignore in a
 * folder (relative, '' for the root) or undefined. As in git, a file inside an ignored folder stays
 * ignored whatever a later negation says about the file itself.
 */
export function isGitignored(relFile: string, rulesIn: (dir: string) => readonly GitignoreRule[] | undefined): boolean {
  const paths = prefixes(relFile);
  for (let i = 0; i < paths.length; i++) {
    const isDir = i < paths.length - 1;
    if (ignoredEntry(paths[i], isDir, rulesIn)) return true;
  }
  return false;
}

function ignoredEntry(relPath: string, isDir: boolean, rulesIn: (dir: string) => readonly GitignoreRule[] | undefined): boolean {
  const parts = relPath.split('/');
  let ignored = false;
  for (let depth = 0; depth < parts.length; depth++) {
    const base = parts.slice(0, depth).join('/');
    const rules = rulesIn(base);
    if (!rules) continue;
    const rel = parts.slice(depth).join('/');
    const name = parts[parts.length - 1];
    for (const rule of rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.pattern.test(rule.anchored ? rel : name)) ignored = !rule.negate;
    }
  }
  return ignored;
}
