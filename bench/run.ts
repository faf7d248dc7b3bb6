/**
 * `npm run bench`: measures the language server, the service and the CLI against baselines taken in
 * the same run, prints each figure beside its baseline and budget, and writes
 * bench/results/<date>.json plus a markdown summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliFigures, vsixFigure } from './cliBench';
import { clientFigure } from './clientBench';
import { serverFigures } from './serverBench';
import { serviceFigures } from './serviceBench';
import type { Figure } from './stats';

const ROOT = path.resolve(__dirname, '..');

function summary(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const base = f.baseline ? `${f.baseline.value.median} ${f.unit} (${f.baseline.name})` : '—';
    const ratio = f.ratio !== undefined ? `${f.ratio}×` : '—';
    const verdict = f.withinBudget === undefined ? '' : f.withinBudget ? 'within' : '**over**';
    return `| ${f.name} | ${f.value.median} | ${f.value.p95} | ${f.unit} | ${base} | ${ratio} | ${f.budget?.text ?? '—'} ${verdict} |`;
  });
  return ['| figure | median | p95 | unit | baseline (median) | ratio | budget |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const runs = quick ? 10 : 40;
  const figures: Figure[] = [];
  console.error('bench: service (in-process)…');
  figures.push(...(await serviceFigures(runs)));
  console.error('bench: server process…');
  figures.push(...(await serverFigures(quick ? 3 : 10)));
  console.error('bench: CLI…');
  figures.push(...(await cliFigures(quick ? 1 : 3)));
  const client = await clientFigure(quick ? 5 : 20);
  if (client) figures.push(client);
  const vsix = vsixFigure();
  if (vsix) figures.push(vsix);
  else console.error('bench: no error-code-insight.vsix — run `npm run package` first to measure its size');

  const date = new Date().toISOString().slice(0, 10);
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const machine = { node: process.version, cpus: require('node:os').cpus().length, platform: process.platform };
  fs.writeFileSync(path.join(dir, `${date}.json`), JSON.stringify({ date, machine, quick, figures }, null, 2));
  const table = summary(figures);
  fs.writeFileSync(path.join(dir, `${date}.md`), `# Benchmark ${date}\n\n${table}\n`);
  console.log(table);
  const over = figures.filter((f) => f.withinBudget === false);
  console.log(over.length ? `\n${over.length} figure(s) over budget: ${over.map((f) => f.name).join('; ')}` : '\nall budgets hold');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
