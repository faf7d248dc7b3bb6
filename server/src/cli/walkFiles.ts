import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../service/parsing/grammars';
import type { LanguageId } from '../service/types';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'vendor', '.hg', '.svn', 'dist', 'build', 'out', '.venv', 'venv', '__pycache__', 'bin', 'obj', 'target', '.next', '.cache']);

export interface FileToCheck {
  path: string;
  language: LanguageId;
  size: number;
}

export interface WalkResult {
  files: FileToCheck[];
  /** Files passed over with the reason (too large, unreadable). */
  notices: string[];
}

/**
 * Walks files and folders in a stable order, skipping dependency and VCS folders, files of
 * unsupported languages and files over the size limit. Symbolic links to folders are not followed.
 */
export function walkFiles(roots: readonly string[], maxFileSize: number): WalkResult {
  const result: WalkResult = { files: [], notices: [] };
  const visit = (target: string, explicit: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = explicit ? fs.statSync(target) : fs.lstatSync(target);
    } catch (error) {
      result.notices.push(`${target}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return;
    }
    if (stat.isDirectory()) {
      if (!explicit && SKIPPED_DIRS.has(path.basename(target))) return;
      let names: string[];
      try {
        names = fs.readdirSync(target).sort();
      } catch (error) {
        result.notices.push(`${target}: cannot list (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        return;
      }
      for (const name of names) visit(path.join(target, name), false);
      return;
    }
    if (!stat.isFile()) return;
    const language = languageForPath(target);
    if (!language) return;
    if (stat.size > maxFileSize) {
      result.notices.push(`${target}: skipped, ${stat.size} bytes is over the ${maxFileSize}-byte limit (--max-file-size)`);
      return;
    }
    result.files.push({ path: target, language, size: stat.size });
  };
  for (const root of roots) visit(root, true);
  return result;
}
