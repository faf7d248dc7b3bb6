/**
 * The CLI over a generated folder of 2,000 mixed files, against two floors measured in the same run:
 * parsing the candidate files only (no analysis), and a plain read + text scan of every byte.
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
        const { hasCandidateName } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/spotting/candidates'))});
        const { createBuiltinRegistry } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/catalog/builtinCatalogs'))});
        // The same pre-filter as the CLI (server/src/cli/parallel.ts).
        const mayContainCodes = (t, registry) => /(?<![\\w.])[1-5]\\d\\d(?![\\w.])/.test(t) || hasCandidateName(t, registry);
        function walk(d, out) { for (const n of fs.readdirSync(d).sort()) { const p = path.join(d, n); if (fs.statSync(p).isDirectory()) walk(p, out); else out.push(p); } return out; }
        (async () => {
          const mode = process.argv[2]; const files = walk(process.argv[3], []);
          if (mode === 'scan') { let bytes = 0; let hits = 0; const names = createBuiltinRegistry();
            for (const f of files) { const t = fs.readFileSync(f, 'utf8'); bytes += t.length; if (mayContainCodes(t, names)) hits++; }
            process.stdout.write(JSON.stringify({ bytes, hits })); return; }
          const host = new TreeSitterHost([${JSON.stringify(path.join(ROOT, 'out', 'wasm'))}]); const parsers = new Map(); const names = createBuiltinRegistry();
          let parsed = 0;
          for (const f of files) { const lang = languageForPath(f); const g = lang && grammarFor(lang); if (!g) continue;
            const t = fs.readFileSync(f, 'utf8'); if (!mayContainCodes(t, names)) continue;
            if (!parsers.has(g)) parsers.set(g, await host.newParser(g)); parsers.get(g).parse(t).delete(); parsed++; }
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
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    cli.push(timed([path.join(ROOT, 'bin', 'eci.js'), 'check', '--format', 'json', folder]).ms);
    parse.push(timed([script, 'parse', folder]).ms);
    const s = timed([script, 'scan', folder]);
    scan.push(s.ms);
    bytes = JSON.parse(s.stdout).bytes;
  }
  const mb = bytes / 1024 / 1024;
  const throughput = scan.map((ms) => round(mb / (ms / 1000), 1));
  return [
    figure({ name: 'CLI over 2,000 mixed files (10% with HTTP code)', unit: 'ms', value: stat(cli), baseline: { name: 'parse-only of the candidate files (one process)', value: stat(parse) }, budget: { max: 1.5, of: 'ratio', text: '≤ 1.5× parse-only' } }),
    figure({ name: 'pre-filter: read + text scan of every byte', unit: 'MB/s', value: stat(throughput), note: `${round(mb, 2)} MB scanned; process start included` }),
  ];
}

export function vsixFigure(): Figure | undefined {
  const vsix = path.join(ROOT, 'error-code-insight.vsix');
  if (!fs.existsSync(vsix)) return undefined;
  const size = round(fs.statSync(vsix).size / 1024 / 1024, 2);
  return figure({ name: 'VSIX size', unit: 'MB', value: { median: size, p95: size, runs: 1 }, budget: { max: 6, of: 'median', text: '≤ 6 MB' } });
}
