// Runs every test tier in order and prints one summary. Each tier is a command; mocha tiers report
// "N passing / N failing / N pending", the others print their own "<tier>: N passed, N failed" line.
// A tier that could not run prints "... NOT RUN ..." and counts as failed unless the environment
// marks it optional — it is never counted as passed.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const mocha = (glob, timeout = 20000) => `npx mocha --import=tsx "${glob}" --timeout ${timeout} --exit --color`;

const TIERS = [
  { name: 'typecheck', command: 'npx tsc -p .' },
  { name: 'unit', command: mocha('test/unit/**/*.test.ts') },
  { name: 'protocol', command: mocha('test/protocol/**/*.test.ts', 60000) },
  { name: 'exec', command: mocha('test/exec/**/*.test.ts', 120000) },
  { name: 'fuzz', command: mocha('test/fuzz/**/*.test.ts', 600000), optionalIfMissing: 'test/fuzz' },
  { name: 'neovim', command: mocha('test/neovim/**/*.test.ts', 120000), optionalIfMissing: 'test/neovim' },
  { name: 'e2e', command: 'npx tsx test/e2e/run-e2e.ts' },
  { name: 'vscode-test-electron', command: 'npx tsx test/vscode/runTest.ts', informational: true },
];

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const forward = (stream, sink) => stream.on('data', (chunk) => { output += chunk; sink.write(chunk); });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function counts(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (re) => [...plain.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
  const mochaPassed = num(/^\s*(\d+) passing/gm);
  const mochaFailed = num(/^\s*(\d+) failing/gm);
  const mochaPending = num(/^\s*(\d+) pending/gm);
  if (mochaPassed + mochaFailed + mochaPending > 0) return { passed: mochaPassed, failed: mochaFailed, skipped: mochaPending };
  const line = /^\S*:?\s*(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm;
  const all = [...plain.matchAll(line)];
  if (all.length) {
    const last = all[all.length - 1];
    return { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) };
  }
  return { passed: 0, failed: 0, skipped: 0 };
}

const results = [];
const { existsSync } = await import('node:fs');
for (const tier of TIERS) {
  if (only.length && !only.includes(tier.name)) continue;
  if (tier.optionalIfMissing && !existsSync(join(root, tier.optionalIfMissing))) {
    console.log(`\n=== ${tier.name}: NOT RUN (no ${tier.optionalIfMissing} yet) — not counted`);
    results.push({ name: tier.name, status: 'NOT RUN', passed: 0, failed: 0, skipped: 0 });
    continue;
  }
  console.log(`\n=== tier ${tier.name}: ${tier.command}`);
  const started = Date.now();
  const { code, output } = await run(tier.command);
  const c = counts(output);
  const notRun = /NOT RUN/.test(output) && c.passed === 0;
  const status = tier.informational ? (code === 0 && !notRun ? 'ok' : 'NOT RUN (informational)') : code === 0 ? 'ok' : 'FAILED';
  if (!tier.informational && code === 0 && tier.name !== 'typecheck' && c.passed + c.failed === 0) {
    console.log(`tier ${tier.name} exited 0 but reported no test`);
  }
  results.push({ name: tier.name, status, seconds: Math.round((Date.now() - started) / 1000), ...c, informational: tier.informational });
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
let skipped = 0;
let failedTiers = 0;
for (const r of results) {
  console.log(`${r.name.padEnd(22)} ${r.status.padEnd(26)} passed ${String(r.passed).padStart(5)}  failed ${String(r.failed).padStart(4)}  skipped ${String(r.skipped).padStart(4)}  ${r.seconds ?? 0}s`);
  if (r.informational) continue;
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  if (r.status === 'FAILED') failedTiers++;
}
mkdirSync(join(root, 'test-output'), { recursive: true });
writeFileSync(join(root, 'test-output', 'summary.json'), JSON.stringify(results, null, 2));
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failedTiers) console.log(`${failedTiers} tier(s) failed`);
process.exit(failedTiers || failed ? 1 : 0);
