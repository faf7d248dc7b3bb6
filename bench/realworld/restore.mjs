#!/usr/bin/env node
// Restores every labelled file from its repository's snapshot (`git show COMMIT:PATH` in a bare git
// directory), checks its sha256, and says what is missing. Never fetches anything itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadCorpus, mirrorDir, restoredPath, sha256 } from './corpus.mjs';

const { repos, problems } = loadCorpus(process.argv.slice(2));
let restored = 0;
let already = 0;
const missingRepos = [];
const badFiles = [];

for (const repo of repos) {
  const gitDir = mirrorDir(repo.repo);
  for (const file of repo.files ?? []) {
    const target = restoredPath(repo.repo, file.path);
    if (existsSync(target) && sha256(readFileSync(target)) === file.sha256) {
      already++;
      continue;
    }
    if (!existsSync(gitDir)) {
      if (!missingRepos.includes(repo.repo)) missingRepos.push(repo.repo);
      continue;
    }
    let bytes;
    try {
      bytes = execFileSync('git', ['--git-dir', gitDir, 'show', `${repo.commit}:${file.path}`], {
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      badFiles.push(`${repo.repo} ${file.path}: not in the snapshot at ${repo.commit} (${String(error.stderr ?? error.message).trim().split('\n')[0]})`);
      continue;
    }
    const actual = sha256(bytes);
    if (actual !== file.sha256) {
      badFiles.push(`${repo.repo} ${file.path}: sha256 ${actual} differs from the label's ${file.sha256}`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    restored++;
  }
}

const total = repos.reduce((n, r) => n + (r.files ?? []).length, 0);
console.log(`${repos.length} repositories, ${total} labelled files: ${restored} restored now, ${already} already in place.`);
for (const p of problems) console.log(`label file problem: ${p}`);
if (missingRepos.length) {
  console.log(`${missingRepos.length} repositories have no snapshot here (fetch them, e.g. the search tool's fetch github:OWNER/NAME):`);
  for (const r of missingRepos) console.log(`  ${r}  (looked in ${mirrorDir(r)})`);
}
for (const b of badFiles) console.log(`  ${b}`);
process.exitCode = problems.length || badFiles.length ? 1 : 0;
