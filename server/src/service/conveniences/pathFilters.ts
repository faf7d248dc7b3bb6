/**
 * Path filters for the workspace scan: VS Code-style globs (`files.exclude`, `errorCodeInsight.exclude`)
 * and the common subset of `.gitignore` (comments, `dir/`, `*.ext`, `/anchored`, `**`, `!negation`).
 * Paths are relative, `/`-separated. Pure functions; reading the files is the caller's job.
 */
import * as path from 'node:path';

/** A file's path relative to the first root holding it, `/`-separated (the file's own path when none does). */
export function relativePath(file: string, roots: readonly string[]): string {
  for (const root of roots) {
    const rel = path.relative(root, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return file.split(path.sep).filter(Boolean).join('/');
}

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
