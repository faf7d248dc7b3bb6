// Workspace mode of the benchmark: each repository's whole tree at the labelled commit, extracted from its
// snapshot (`git archive COMMIT | tar -x`) into trees/ (ignored by git), so that helpers, base classes and
// wrappers in files nobody labelled are there for the analyser to read. Never fetches anything itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BENCH_DIR, mirrorDir } from './corpus.mjs';

export const TREES_DIR = join(BENCH_DIR, 'trees');

/** Where a repository's tree is extracted to. */
export function treeDir(repo) {
  return join(TREES_DIR, repo.replace('/', '__'));
}

/**
 * Extracts the tree of every repository at its labelled commit (kept between runs: a marker file names the
 * commit). Returns the repositories whose tree is in place and a message for each one that is not.
 */
export function extractTrees(repos) {
  const ready = [];
  const skipped = [];
  for (const repo of repos) {
    const dir = treeDir(repo.repo);
    const marker = join(dir, '.eci-tree-commit');
    if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === repo.commit) {
      ready.push(repo);
      continue;
    }
    const gitDir = mirrorDir(repo.repo);
    if (!existsSync(gitDir)) {
      skipped.push(`${repo.repo}: no snapshot at ${gitDir}`);
      continue;
    }
    try {
      execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${repo.commit}^{commit}`], { stdio: 'ignore' });
    } catch {
      skipped.push(`${repo.repo}: the snapshot lacks commit ${repo.commit}`);
      continue;
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      // git archive, then tar -x, without a shell: the archive goes through a temporary file in the tree folder.
      const archive = join(dir, '.eci-tree.tar');
      execFileSync('git', ['--git-dir', gitDir, 'archive', '--output', archive, repo.commit], { stdio: ['ignore', 'ignore', 'pipe'] });
      execFileSync('tar', ['-x', '-f', archive, '-C', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
      rmSync(archive);
    } catch (error) {
      // A partial snapshot lacks some blobs (git archive then fails): take the source files it has, one by one.
      const missing = extractBlobByBlob(gitDir, repo.commit, dir);
      if (missing !== undefined) {
        if (missing > 0) console.log(`workspace mode: ${repo.repo}: partial snapshot, ${missing} files absent from the tree`);
        writeFileSync(marker, repo.commit + '\n');
        ready.push(repo);
        continue;
      }
      skipped.push(`${repo.repo}: extracting the tree failed (${String(error.stderr ?? error.message).trim().split('\n')[0]})`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    writeFileSync(marker, repo.commit + '\n');
    ready.push(repo);
  }
  return { ready, skipped };
}

/** Files worth extracting from a partial snapshot: what the CLI reads, and the files module resolution reads. */
const SOURCE = /\.(py|pyi|js|jsx|mjs|cjs|ts|tsx|mts|cts|go|java|cs|http|rest)$|(^|\/)(tsconfig[\w.-]*\.json|jsconfig\.json|package\.json|go\.mod|setup\.cfg|pyproject\.toml)$/;

/** `git cat-file --batch` over the tree's source files; returns how many were absent, or undefined on failure. */
function extractBlobByBlob(gitDir, commit, dir) {
  try {
    const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--full-tree', commit], { maxBuffer: 1 << 28 }).toString();
    const paths = listing.split('\0').filter(Boolean).map((line) => line.slice(line.indexOf('\t') + 1)).filter((p) => SOURCE.test(p));
    const out = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: paths.map((p) => `${commit}:${p}`).join('\n') + '\n', maxBuffer: 1 << 30 });
    let at = 0;
    let missing = 0;
    for (const path of paths) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString();
      at = eol + 1;
      if (header.endsWith(' missing')) {
        missing++;
        continue;
      }
      const size = Number(header.split(' ')[2]);
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, out.subarray(at, at + size));
      at += size + 1;
    }
    return missing;
  } catch {
    return undefined;
  }
}
