// Entry of the GitHub Action (action.yml): runs the bundled `eci check` over the workspace, writes
// SARIF for github/codeql-action/upload-sarif, annotates findings with workflow commands and sets the
// outputs `sarif-file` and `findings`. Reads what Actions sets: GITHUB_WORKSPACE, GITHUB_OUTPUT,
// RUNNER_TEMP and the INPUT_* variables action.yml passes on. Its exit code is eci's: 1 when a
// finding reaches `fail-on`, 2 for bad inputs (missing baseline, not a git repository, …).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'out', 'cli', 'eci.js');

/** An input as Node actions get it (INPUT_FAIL-ON) or as action.yml passes it (INPUT_FAIL_ON). */
const input = (name) => {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (process.env[key] ?? process.env[key.replace(/-/g, '_')] ?? '').trim();
};

function main() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const temp = process.env.RUNNER_TEMP || fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'eci-'));
  if (!fs.existsSync(cli)) return fail(`the CLI is not built: ${cli} is missing (run npm ci && npm run build in the action's folder)`);
  const paths = input('paths').split(/\s+/).filter(Boolean);
  const sarifFile = path.resolve(workspace, input('sarif-file') || path.join(temp, 'eci.sarif'));
  const args = ['check', '--format', 'sarif', '--fail-on', input('fail-on') || 'error'];
  if (input('config')) args.push('--config', input('config'));
  if (input('baseline')) args.push('--baseline', input('baseline'));
  if (input('diff-base')) args.push('--diff-base', input('diff-base'));
  if (input('category')) args.push('--sarif-category', input('category'));
  args.push(...(paths.length ? paths : ['.']));
  console.log(`eci ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: workspace, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (run.error) return fail(`cannot run eci: ${run.error.message}`);
  if (run.stderr) process.stderr.write(run.stderr);
  if (run.status !== 0 && run.status !== 1) return fail(`eci exited with ${run.status}`, run.status ?? 3);
  fs.mkdirSync(path.dirname(sarifFile), { recursive: true });
  fs.writeFileSync(sarifFile, run.stdout);
  const results = JSON.parse(run.stdout).runs.flatMap((r) => r.results);
  for (const result of results) console.log(annotation(result));
  setOutput('sarif-file', sarifFile);
  setOutput('findings', String(results.length));
  console.log(`${results.length} finding${results.length === 1 ? '' : 's'}; SARIF written to ${sarifFile}`);
  return run.status;
}

/** A workflow command that shows the finding on the file and line in the run and the pull request. */
function annotation(result) {
  const level = result.level === 'error' ? 'error' : result.level === 'warning' ? 'warning' : 'notice';
  const loc = result.locations?.[0]?.physicalLocation;
  const props = [`file=${decodeURIComponent(loc?.artifactLocation?.uri ?? '')}`, `line=${loc?.region?.startLine ?? 1}`, `col=${loc?.region?.startColumn ?? 1}`, `title=${result.ruleId}`];
  return `::${level} ${props.map(escapeProperty).join(',')}::${escapeData(result.message.text)}`;
}

function escapeData(s) {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(pair) {
  const i = pair.indexOf('=');
  return pair.slice(0, i + 1) + escapeData(pair.slice(i + 1)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

function fail(message, code = 2) {
  console.log(`::error title=Error Code Insight::${escapeData(message)}`);
  return code;
}

process.exitCode = main();
