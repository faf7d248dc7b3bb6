#!/usr/bin/env node
// Scores `eci check --format json` on the restored benchmark files against their labels and prints
// precision/recall per rule, per language and per kind of site, then every miss and false finding.
// A benchmark, not a test: with nothing restored it says so and exits 0.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BENCH_DIR, loadCorpus, parseArgs, restoredPath } from './corpus.mjs';
import { NEW_RULES, SERVER_RULES, Tally, locateProblems, scoreHandling, scoreSpotting } from './score.mjs';
import { printReport } from './report.mjs';
import { extractTrees, treeDir } from './trees.mjs';

const { options } = parseArgs(process.argv.slice(2));
const split = options.split ?? 'all';
const root = join(BENCH_DIR, '..', '..');
const cli = options.cli ?? join(root, 'bin', 'eci.js');

// Restore first (a no-op for files already in place; it never fetches), so one command restores and scores.
if (!options['no-restore']) {
  try {
    execFileSync(process.execPath, [join(BENCH_DIR, 'restore.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    console.log('Some labelled files could not be restored (see above); scoring what is in place.\n');
  }
}

const { repos, problems } = loadCorpus();
for (const p of problems) console.log(`label file problem: ${p}`);
// --repos owner/name,owner/name: only these (a new batch scored on its own before anyone reads it).
const only = typeof options.repos === 'string' ? new Set(options.repos.split(',').map((r) => r.trim().toLowerCase())) : undefined;
const chosen = repos.filter((r) => (split === 'all' || r.split === split) && (!only || only.has(String(r.repo).toLowerCase())));
// --workspace: the whole tree of each repository at its commit (trees.mjs), so other files are read too;
// only findings in labelled files are scored, exactly as in the default mode.
const workspace = Boolean(options.workspace);
let scored = chosen;
if (workspace) {
  const { ready, skipped } = extractTrees(chosen);
  for (const s of skipped) console.log(`workspace mode: skipped ${s}`);
  scored = ready;
}
const fileOf = (r, f) => (workspace ? join(treeDir(r.repo), f.path) : restoredPath(r.repo, f.path));
const files = chosen.flatMap((r) => (r.files ?? []).map((f) => ({ repo: r, file: f, path: resolve(fileOf(r, f)) })));
const present = files.filter((f) => scored.includes(f.repo) && existsSync(f.path));
if (present.length === 0) {
  console.log(`Real-world benchmark: none of the ${files.length} labelled files (${chosen.length} repositories, split ${split}) is restored here.`);
  console.log('Restore them with `node bench/realworld/restore.mjs` after fetching the snapshots; nothing was scored.');
  process.exit(0);
}
if (!existsSync(cli)) {
  console.log(`No CLI at ${cli}: run \`npm run build\` first. Nothing was scored.`);
  process.exit(0);
}

// Workspace mode checks each repository's folder (every source file in it, .gitignore aside: the folder
// sits inside this repository's ignored trees/); the default mode checks the labelled files only.
const targets = workspace ? [...new Set(present.map((f) => treeDir(f.repo.repo)))] : present.map((f) => f.path);
const started = Date.now();
const raw = execFileSync(process.execPath, [cli, 'check', '--format', 'json', '--jobs', '2', ...(workspace ? ['--no-ignore'] : []), ...(options['no-index'] ? ['--no-workspace'] : []), ...targets], {
  maxBuffer: 1 << 30,
  stdio: ['ignore', 'pipe', 'inherit'],
}).toString();
const cliSeconds = (Date.now() - started) / 1000;
const report = JSON.parse(raw);
const byPath = new Map(report.files.map((f) => [resolve(f.path).replace(/\\/g, '/'), f]));
const ruleIds = implementedRules();

const spot = { all: new Tally(), language: new Tally(), kind: new Tally(), role: new Tally() };
const handle = { rule: new Tally(), language: new Tally(), shape: new Tally(), client: new Tally(), located: new Tally() };
const IGNORED = new Set(['unknown-rule-in-suppression']);
const lists = { spotMissed: [], spotExtra: [], roleWrong: [], handleMissed: [], unlocated: [], handleFalse: [], handleFound: [], notImplemented: [], duplicates: [] };
const perFileRule = new Map();

for (const { repo, file, path } of present) {
  const result = byPath.get(path.replace(/\\/g, '/')) ?? { occurrences: [], diagnostics: [] };
  const where = (line) => `${repo.repo}/${file.path}:${line}`;
  const lang = file.language;
  const s = scoreSpotting(file, result.occurrences ?? []);
  for (const { site, occurrence } of s.matched) {
    const roleRight = occurrence.role === site.role ? 1 : 0;
    for (const [t, k] of [[spot.all, 'all'], [spot.language, lang], [spot.kind, site.kind], [spot.role, site.role]]) {
      t.add(k, 'tp');
      t.add(k, 'roleRight', roleRight);
    }
    if (!roleRight) lists.roleWrong.push(`${where(site.line)} ${site.code} — role ${occurrence.role}, label ${site.role}`);
  }
  for (const site of s.missed) {
    for (const [t, k] of [[spot.all, 'all'], [spot.language, lang], [spot.kind, site.kind], [spot.role, site.role]]) t.add(k, 'fn');
    lists.spotMissed.push(`${where(site.line)} ${site.code} (${site.kind}, ${site.role}) — missed: ${JSON.stringify(site.text)}`);
  }
  for (const { occurrence, reason } of s.extra) {
    for (const [t, k] of [[spot.all, 'all'], [spot.language, lang], [spot.kind, occurrence.kind], [spot.role, occurrence.role]]) t.add(k, 'fp');
    lists.spotExtra.push(`${where(occurrence.line)} ${occurrence.code} (${occurrence.role}) — ${reason}: ${JSON.stringify(occurrence.text)}`);
  }

  const h = scoreHandling(file, result.diagnostics ?? [], ruleIds);
  // The rules added for #17 are scored on their own, so the client rules' figures stay comparable across rounds.
  const group = (rule) => (SERVER_RULES.has(rule) ? 'server' : NEW_RULES.has(rule) ? 'new rules (#17)' : 'client');
  const place = locateProblems(file, result.diagnostics ?? [], (rule) => !SERVER_RULES.has(rule) && !NEW_RULES.has(rule) && !IGNORED.has(rule));
  handle.located.add('client rules, any rule at the site', 'tp', place.located);
  handle.located.add('client rules, any rule at the site', 'fn', place.missed);
  handle.located.add('client rules, any rule at the site', 'fp', place.falseAlarms);
  for (const label of place.unlocated) lists.unlocated.push(`${where(label.lines[0])} ${label.expect.join(', ')} — ${label.confidence}, ${label.shape}: ${label.why}`);
  for (const { label, diagnostic } of h.found) {
    for (const [t, k] of [[handle.rule, diagnostic.rule], [handle.language, `${lang} ${group(diagnostic.rule)}`], [handle.shape, label.shape], [handle.client, group(diagnostic.rule)]]) t.add(k, 'tp');
    lists.handleFound.push(`${where(diagnostic.line)} ${diagnostic.rule} — ${label.confidence}, ${label.shape}: ${label.why}`);
  }
  for (const { label, rule } of h.missed) {
    for (const [t, k] of [[handle.rule, rule], [handle.language, `${lang} ${group(rule)}`], [handle.shape, label.shape], [handle.client, group(rule)]]) t.add(k, 'fn');
    lists.handleMissed.push(`${where(label.lines[0])} ${rule} — ${label.confidence}, ${label.shape}: ${label.why}`);
  }
  for (const { diagnostic, reason } of h.falseFindings) {
    const shape = file.handling.find((x) => diagnostic.line >= x.lines[0] && diagnostic.line <= x.lines[1])?.shape ?? 'unlabelled';
    for (const [t, k] of [[handle.rule, diagnostic.rule], [handle.language, `${lang} ${group(diagnostic.rule)}`], [handle.shape, shape], [handle.client, group(diagnostic.rule)]]) t.add(k, 'fp');
    lists.handleFalse.push(`${where(diagnostic.line)} ${diagnostic.rule} — ${reason}`);
  }
  for (const { label, rule } of h.notImplemented) lists.notImplemented.push(`${where(label.lines[0])} ${rule} — ${label.why}`);
  for (const d of h.duplicates) lists.duplicates.push(`${where(d.line)} ${d.rule}`);
  for (const d of result.diagnostics ?? []) {
    const key = `${repo.repo}/${file.path} ${d.rule}`;
    perFileRule.set(key, (perFileRule.get(key) ?? 0) + 1);
  }
}

const summary = {
  split,
  repositories: chosen.length,
  files: present.length,
  missingFiles: files.length - present.length,
  labelledSites: chosen.reduce((n, r) => n + r.files.reduce((m, f) => m + f.sites.length, 0), 0),
  handlingLabels: chosen.reduce((n, r) => n + r.files.reduce((m, f) => m + f.handling.length, 0), 0),
  mode: (workspace ? 'workspace' : 'labelled files') + (options['no-index'] ? ', no index (--no-workspace)' : ''),
  cliFiles: report.files.length,
  cliSeconds,
  floods: [...perFileRule].filter(([, n]) => n > 3).map(([k, n]) => `${k}: ${n}`),
};
// The held-back split is scored in aggregate only: its itemised lists would show what to tune on.
printReport({ summary, spot, handle, lists, markdown: Boolean(options.markdown), quiet: Boolean(options.summary) || split === 'heldout', found: Boolean(options.found) && split !== 'heldout' });
if (typeof options.json === 'string') {
  const rows = (t) => Object.fromEntries([...t.rows].map(([k, r]) => [k, { ...r, precision: Tally.precision(r), recall: Tally.recall(r) }]));
  writeFileSync(options.json, JSON.stringify({ summary, spotting: Object.fromEntries(Object.entries(spot).map(([k, t]) => [k, rows(t)])), handling: Object.fromEntries(Object.entries(handle).map(([k, t]) => [k, rows(t)])), lists }, null, 2));
  console.log(`\nWrote ${relative(process.cwd(), options.json)}`);
}

/** The engine's rule ids, read from the built CLI's SARIF rule table so the scorer never guesses. */
function implementedRules() {
  const sarif = JSON.parse(execFileSync(process.execPath, [cli, 'check', '--format', 'sarif', join(BENCH_DIR, 'README.md')]).toString());
  return new Set(sarif.runs[0].tool.driver.rules.map((r) => r.id));
}
