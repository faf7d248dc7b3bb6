/**
 * The CLI over a generated folder of 2,000 mixed files, against a floor measured in the same run:
 * parsing the candidate files only (no analysis). The pre-filter (server/src/cli/preFilter.ts, the
 * very function the CLI runs) is timed inside one process, without node's start-up: its scan over
 * bytes already in memory, and reading + scanning every file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleScript } from './bundleScript';
import { generateFolder } from './generate';
import { Figure, figure, nowMs, round, stat } from './stats';

const ROOT = path.resolve(__dirname, '..');

async function floorScript(): Promise<string> {
  return bundleScript('cliFloor.js', `
        const fs = require('fs'); const path = require('path');
        const { TreeSitterHost } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/parsing/treeSitter'))});
        const { grammarFor, languageForPath } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/parsing/grammars'))});
        const { mayContainCodes } = require(${JSON.stringify(path.join(ROOT, 'server/src/cli/preFilter'))});
        const { createBuiltinRegistry } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/catalog/builtinCatalogs'))});
        function walk(d, out) { for (const n of fs.readdirSync(d).sort()) { const p = path.join(d, n); if (fs.statSync(p).isDirectory()) walk(p, out); else out.push(p); } return out; }
        (async () => {
          const mode = process.argv[2]; const files = walk(process.argv[3], []);
          if (mode === 'scan') { const names = createBuiltinRegistry(); mayContainCodes(Buffer.from('warm-up'), names);
            const t0 = performance.now(); let bytes = 0; let hits = 0; const buffers = [];
            for (const f of files) { const b = fs.readFileSync(f); buffers.push(b); bytes += b.length; if (mayContainCodes(b, names)) hits++; }
            const readScanMs = performance.now() - t0; let scanMs = Infinity;
            for (let k = 0; k < 5; k++) { const t1 = performance.now(); for (const b of buffers) mayContainCodes(b, names); scanMs = Math.min(scanMs, performance.now() - t1); }
            process.stdout.write(JSON.stringify({ bytes, hits, readScanMs, scanMs })); return; }
          const host = new TreeSitterHost([${JSON.stringify(path.join(ROOT, 'out', 'wasm'))}]); const parsers = new Map(); const names = createBuiltinRegistry();
          let parsed = 0;
          for (const f of files) { const lang = languageForPath(f); const g = lang && grammarFor(lang); if (!g) continue;
            const b = fs.readFileSync(f); if (!mayContainCodes(b, names)) continue;
            if (!parsers.has(g)) parsers.set(g, await host.newParser(g)); parsers.get(g).parse(b.toString('utf8')).delete(); parsed++; }
          process.stdout.write(JSON.stringify({ parsed }));
        })();`);
}

function timed(args: string[]): { ms: number; stdout: string } {
  const t0 = nowMs();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = nowMs() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export async function cliFigures(runs: number): Promise<Figure[]> {
  const folder = generateFolder(path.join(ROOT, '.cache', 'bench', 'folder2000'), 2000);
  const script = await floorScript();
  const cli: number[] = [];
  const parse: number[] = [];
  const scan: number[] = [];
  const readScan: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    cli.push(timed([path.join(ROOT, 'bin', 'eci.js'), 'check', '--format', 'json', folder]).ms);
    parse.push(timed([script, 'parse', folder]).ms);
    const s = JSON.parse(timed([script, 'scan', folder]).stdout) as { bytes: number; scanMs: number; readScanMs: number };
    scan.push(s.scanMs);
    readScan.push(s.readScanMs);
    bytes = s.bytes;
  }
  const mb = bytes / 1024 / 1024;
  const throughput = (times: number[]) => times.map((ms) => round(mb / (ms / 1000), 1));
  return [
    figure({ name: 'CLI over 2,000 mixed files (10% with HTTP code)', unit: 'ms', value: stat(cli), baseline: { name: 'parse-only of the candidate files (one process)', value: stat(parse) }, budget: { max: 1.5, of: 'ratio', text: '≤ 1.5× parse-only' } }),
    figure({ name: 'pre-filter: scan of every byte (in memory)', unit: 'MB/s', value: stat(throughput(scan)), budget: { min: 200, of: 'median', text: '≥ 200 MB/s' }, note: `${round(mb, 2)} MB in 2,000 files; best of 5 passes per run` }),
    figure({ name: 'pre-filter: read + scan of every file', unit: 'MB/s', value: stat(throughput(readScan)), note: 'one pass, in process (node start-up not included); mostly file-system calls for 2,000 small files' }),
  ];
}

export function vsixFigure(): Figure | undefined {
  const vsix = path.join(ROOT, 'error-code-insight.vsix');
  if (!fs.existsSync(vsix)) return undefined;
  const size = round(fs.statSync(vsix).size / 1024 / 1024, 2);
  return figure({ name: 'VSIX size', unit: 'MB', value: { median: size, p95: size, runs: 1 }, budget: { max: 6, of: 'median', text: '≤ 6 MB' } });
}
