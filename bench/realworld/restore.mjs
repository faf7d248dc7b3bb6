#!/usr/bin/env node
// Restores every labelled file from its repository's snapshot (`git show COMMIT:PATH` in a bare git
// directory), checks its sha256, and says what is missing. Never fetches anything itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadCorpus, mirrorDir, restoredPath, sha256 } from './corpus.mjs';

// `--missing-to DIR`: write the repositories without a snapshot to DIR/missing-dev.txt and DIR/missing-heldout.txt
// (one owner/name a line) for whoever fetches them; the held-back names are never printed.
const argv = process.argv.slice(2);
const at = argv.indexOf('--missing-to');
const missingTo = at >= 0 ? argv[at + 1] : undefined;
if (at >= 0 && !missingTo) {
  console.error('restore.mjs: --missing-to needs a folder');
  process.exit(2);
}
const { repos, problems } = loadCorpus(at >= 0 ? argv.filter((_, i) => i !== at && i !== at + 1) : argv);
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
  const split = new Map(repos.map((r) => [r.repo, r.split]));
  const dev = missingRepos.filter((r) => split.get(r) !== 'heldout');
  const heldout = missingRepos.filter((r) => split.get(r) === 'heldout');
  console.log(`${missingRepos.length} repositories have no snapshot here (fetch them, e.g. the search tool's fetch github:OWNER/NAME): ${dev.length} dev, ${heldout.length} held back (not named here).`);
  for (const r of dev) console.log(`  ${r}  (looked in ${mirrorDir(r)})`);
  if (missingTo) {
    mkdirSync(missingTo, { recursive: true });
    writeFileSync(`${missingTo}/missing-dev.txt`, dev.map((r) => `${r}\n`).join(''));
    writeFileSync(`${missingTo}/missing-heldout.txt`, heldout.map((r) => `${r}\n`).join(''));
    console.log(`Lists written to ${missingTo}/missing-dev.txt and missing-heldout.txt.`);
  }
}
for (const b of badFiles) console.log(`  ${b}`);
process.exitCode = problems.length || badFiles.length ? 1 : 0;
