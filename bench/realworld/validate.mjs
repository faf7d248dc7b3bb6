#!/usr/bin/env node
// Checks that label files are well formed and point at real lines: every site's and decoy's `text` stands
// on its line, every handling range lies inside the file. With --labels-only it reads each file straight
// from the snapshot (for labellers, before anything is restored). Never runs the analyser.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CONFIDENCE, KINDS, LABEL_RULES, LANGUAGES, ROLES, SHAPES, loadCorpus, mirrorDir, parseArgs, restoredPath, sha256 } from './corpus.mjs';

const { options, rest } = parseArgs(process.argv.slice(2));
const { repos, problems } = loadCorpus(rest);
const errors = [...problems];
const notChecked = [];

function fileBytes(repo, file) {
  const restored = restoredPath(repo.repo, file.path);
  if (!options['labels-only'] && existsSync(restored)) return readFileSync(restored);
  const gitDir = mirrorDir(repo.repo);
  if (!existsSync(gitDir)) return undefined;
  try {
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${repo.commit}:${file.path}`], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function oneOf(where, value, allowed, field) {
  if (!allowed.includes(value)) errors.push(`${where}: ${field} "${value}" is not one of ${allowed.join(', ')}`);
}

for (const repo of repos) {
  const at = repo.labelFile;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo.repo ?? '')) errors.push(`${at}: repo must be owner/name`);
  if (!/^[0-9a-f]{40}$/.test(repo.commit ?? '')) errors.push(`${at}: commit must be 40 hex digits`);
  if (!repo.license) errors.push(`${at}: license missing`);
  if (!repo.category) errors.push(`${at}: category missing`);
  if (!Array.isArray(repo.files)) {
    errors.push(`${at}: files must be an array`);
    continue;
  }
  for (const file of repo.files) {
    const where = `${at} ${file.path}`;
    oneOf(where, file.language, LANGUAGES, 'language');
    if (!/^[0-9a-f]{64}$/.test(file.sha256 ?? '')) errors.push(`${where}: sha256 must be 64 hex digits`);
    for (const field of ['sites', 'decoys', 'handling']) if (!Array.isArray(file[field])) errors.push(`${where}: ${field} must be an array`);
    if (file.timeoutReviewed !== undefined && typeof file.timeoutReviewed !== 'boolean') errors.push(`${where}: timeoutReviewed must be true or false`);
    const bytes = fileBytes(repo, file);
    if (!bytes) {
      notChecked.push(where);
      continue;
    }
    if (sha256(bytes) !== file.sha256) errors.push(`${where}: sha256 does not match the file at ${repo.commit}`);
    const lines = bytes.toString('utf8').split(/\r\n|\r|\n/);
    const textOn = (kind, i, entry) => {
      if (!Number.isInteger(entry.line) || entry.line < 1 || entry.line > lines.length) {
        errors.push(`${where}: ${kind} ${i} line ${entry.line} is outside 1..${lines.length}`);
      } else if (typeof entry.text !== 'string' || !lines[entry.line - 1].includes(entry.text)) {
        errors.push(`${where}: ${kind} ${i} text ${JSON.stringify(entry.text)} is not on line ${entry.line}: ${lines[entry.line - 1].trim().slice(0, 120)}`);
      }
    };
    (file.sites ?? []).forEach((s, i) => {
      textOn('site', i, s);
      if (typeof s.code !== 'string' || !s.code) errors.push(`${where}: site ${i} code must be a non-empty string`);
      oneOf(`${where} site ${i}`, s.kind, KINDS, 'kind');
      oneOf(`${where} site ${i}`, s.role, ROLES, 'role');
    });
    (file.decoys ?? []).forEach((d, i) => textOn('decoy', i, d));
    (file.handling ?? []).forEach((h, i) => {
      const w = `${where} handling ${i}`;
      const [a, b] = Array.isArray(h.lines) ? h.lines : [];
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < a || b > lines.length) errors.push(`${w}: lines ${JSON.stringify(h.lines)} must be [start, end] inside 1..${lines.length}`);
      if (!Array.isArray(h.expect)) errors.push(`${w}: expect must be an array of rule ids (empty: silent)`);
      else for (const r of h.expect) oneOf(w, r, LABEL_RULES, 'rule');
      oneOf(w, h.confidence, CONFIDENCE, 'confidence');
      oneOf(w, h.shape, SHAPES, 'shape');
      if (typeof h.why !== 'string' || h.why.length < 8) errors.push(`${w}: why must say why in one line`);
    });
  }
}

for (const e of errors) console.log(e);
if (notChecked.length) console.log(`${notChecked.length} files not checked against their text (no snapshot or restored file).`);
console.log(`${repos.length} label files, ${errors.length} problems.`);
process.exitCode = errors.length ? 1 : 0;
