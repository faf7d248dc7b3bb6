import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../service/parsing/grammars';
import type { LanguageId } from '../service/types';
import { IgnoreFiles } from './ignoreFiles';

/** Folders never walked into, ignore files or not: dependencies and version-control data. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A folder holding this file is a Python virtual environment (installed packages, not the project's code). */
const VENV_MARKER = 'pyvenv.cfg';
/**
 * Vendored dependencies: third-party code checked in beside the project's, whose findings are not the project's to fix
 * (the workspace index never summarises it either: LIBRARY_PATH). A `vendor/` folder is one where a tool's convention
 * makes it so: beside the manifest of Go modules, Composer or Bundler (`go.mod`, `composer.json`, `Gemfile`: Rails'
 * "place for all third-party code"), or holding what the tool leaves there (`modules.txt` of `go mod vendor`,
 * Composer's `autoload.php`); Bower's `bower_components/` by its name. A `vendor/` folder of other code is walked.
 */
const VENDOR_MANIFESTS = new Set(['go.mod', 'composer.json', 'Gemfile']);
const VENDOR_MARKERS = new Set(['modules.txt', 'autoload.php']);
const VENDOR_TOOL_FOLDERS = new Set(['bower_components']);

/** `folder` (whose entries are `names`, and whose parent's are `besides`) holds vendored dependencies. */
function vendoredFolder(folder: string, names: readonly string[], besides: readonly string[]): boolean {
  const base = path.basename(folder);
  if (VENDOR_TOOL_FOLDERS.has(base)) return true;
  return base === 'vendor' && (besides.some((n) => VENDOR_MANIFESTS.has(n)) || names.some((n) => VENDOR_MARKERS.has(n)));
}

export interface FileToCheck {
  path: string;
  language: LanguageId;
  size: number;
  /** The bytes to check instead of the file on disk (`--staged` checks what the index holds). */
  content?: Buffer;
}

export interface WalkResult {
  files: FileToCheck[];
  /** Files passed over with the reason (too large, unreadable). */
  notices: string[];
}

export interface WalkOptions {
  /** Leave out what .gitignore / .ignore files (and .git/info/exclude) match; default true. */
  ignoreFiles?: boolean;
}

/**
 * Walks files and folders in a stable order, the way git and ripgrep do: what `.gitignore` and
 * `.ignore` files match is left out (nested files apply below their folder; those of parent folders up
 * to the repository root apply too), and `node_modules`, VCS folders, Python virtual environments and vendored
 * dependencies (a `vendor/` of Go modules, Composer or Bundler, `bower_components/`) are never entered (`--no-ignore`
 * enters the last two). Paths given explicitly are always walked, even when an ignore file matches them.
 * Files of unsupported languages and over the size limit are left out. Symbolic links are not followed.
 */
export function walkFiles(roots: readonly string[], maxFileSize: number, options: WalkOptions = {}): WalkResult {
  const useIgnoreFiles = options.ignoreFiles !== false;
  const result: WalkResult = { files: [], notices: [] };
  const cannot = (what: string, target: string, error: unknown): void => {
    result.notices.push(`${target}: cannot ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  };
  const addFile = (target: string, stat: fs.Stats): void => {
    const language = languageForPath(target);
    if (!language) return;
    if (stat.size > maxFileSize) {
      result.notices.push(`${target}: skipped, ${stat.size} bytes is over the ${maxFileSize}-byte limit (--max-file-size)`);
      return;
    }
    result.files.push({ path: target, language, size: stat.size });
  };
  const visitFolder = (folder: string, ignores: IgnoreFiles | undefined, parentNames?: readonly string[]): void => {
    let names: string[];
    try {
      names = fs.readdirSync(folder).sort();
    } catch (error) {
      cannot('list', folder, error);
      return;
    }
    if (useIgnoreFiles && names.includes(VENV_MARKER)) return;
    // (A vendor folder given explicitly, with no parent walked, is walked: the person asked for it.)
    if (useIgnoreFiles && parentNames && vendoredFolder(folder, names, parentNames)) return;
    const here = ignores?.enter(folder, names);
    for (const name of names) {
      if (ALWAYS_SKIPPED.has(name)) continue;
      const target = path.join(folder, name);
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(target);
      } catch (error) {
        cannot('read', target, error);
        continue;
      }
      if (stat.isDirectory()) {
        if (!here?.ignores(target, true)) visitFolder(target, here, names);
      } else if (stat.isFile() && languageForPath(target) && !here?.ignores(target, false)) {
        addFile(target, stat);
      }
    }
  };
  for (const root of roots) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch (error) {
      cannot('read', root, error);
      continue;
    }
    if (stat.isDirectory()) visitFolder(root, useIgnoreFiles ? IgnoreFiles.above(root) : undefined);
    else if (stat.isFile()) addFile(root, stat);
  }
  return result;
}
