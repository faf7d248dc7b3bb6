/**
 * Measurements of the real server process: cold start to first diagnostics vs a process that only
 * initialises tree-sitter, loads the grammar and parses; and resident memory with 20 open files.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleScript } from './bundleScript';
import { createProtocolConnection, ProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { generateSource } from './generate';
import { Figure, figure, nowMs, round, stat } from './stats';
import { SERVER_EXEC_ARGV } from '../server/src/execArgv';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'out', 'server', 'main.js');

interface Session {
  child: ChildProcess;
  connection: ProtocolConnection;
  diagnostics: Map<string, number>;
}

function startServer(): Session {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, number>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
    diagnostics.set(p.uri, nowMs());
  });
  connection.listen();
  return { child, connection, diagnostics };
}

async function stopServer(s: Session): Promise<void> {
  try {
    await Promise.race([s.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    s.connection.sendNotification('exit');
  } catch {
    // already gone
  }
  setTimeout(() => s.child.kill('SIGKILL'), 2000).unref();
  s.connection.dispose();
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('benchmark wait timed out');
    await new Promise((r) => setTimeout(r, 1));
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

async function coldStartOnce(text: string): Promise<number> {
  const t0 = nowMs();
  const s = startServer();
  await s.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  s.connection.sendNotification('initialized', {});
  const uri = 'file:///bench/cold.py';
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await waitFor(() => s.diagnostics.has(uri), 10000);
  const elapsed = s.diagnostics.get(uri)! - t0;
  await stopServer(s);
  return elapsed;
}

async function parseOnlyScript(): Promise<string> {
  return bundleScript('parseOnly.js', `const { TreeSitterHost } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/parsing/treeSitter'))});
        const fs = require('fs');
        (async () => { const text = fs.readFileSync(process.argv[2], 'utf8'); const host = new TreeSitterHost([${JSON.stringify(path.join(ROOT, 'out', 'wasm'))}]);
          const parser = await host.newParser('python'); parser.parse(text); process.stdout.write('done'); })();`);
}

async function parseOnlyOnce(script: string, file: string): Promise<number> {
  const t0 = nowMs();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => resolve());
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parse-only exited ${code}`))));
  });
  return nowMs() - t0;
}

export async function serverFigures(runs: number): Promise<Figure[]> {
  const text = generateSource('python', 300);
  const file = path.join(ROOT, '.cache', 'bench', 'cold.py');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const script = await parseOnlyScript();
  const cold: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    cold.push(await coldStartOnce(text));
    floor.push(await parseOnlyOnce(script, file));
  }
  const figures: Figure[] = [
    figure({ name: 'cold start → first diagnostics (300-line Python)', unit: 'ms', value: stat(cold), baseline: { name: 'node + tree-sitter init + grammar load + first parse', value: stat(floor) }, budget: { max: 300, of: 'median', text: '≤ 300 ms' } }),
  ];

  // Memory: 20 open 1,000-line files, then closed.
  const s = startServer();
  await s.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  s.connection.sendNotification('initialized', {});
  const idle = rssMb(s.child.pid!);
  const langs = ['python', 'typescript', 'go', 'java'] as const;
  const uris: string[] = [];
  for (let i = 0; i < 20; i++) {
    const lang = langs[i % langs.length];
    const uri = pathToFileURL(`/bench/open${i}.${lang}`).toString();
    uris.push(uri);
    s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: lang, version: 1, text: generateSource(lang, 1000) } });
  }
  await waitFor(() => uris.every((u) => s.diagnostics.has(u)), 30000);
  const open = rssMb(s.child.pid!);
  for (const uri of uris) s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await new Promise((r) => setTimeout(r, 500));
  const closed = rssMb(s.child.pid!);
  await stopServer(s);
  figures.push(
    figure({ name: 'server RSS, 20 open 1,000-line files', unit: 'MB', value: { median: open, p95: open, runs: 1 }, baseline: { name: 'server RSS after initialize, no documents', value: { median: idle, p95: idle, runs: 1 } }, budget: { max: 150, of: 'median', text: '≤ 150 MB' } }),
    figure({ name: 'server RSS after closing them', unit: 'MB', value: { median: closed, p95: closed, runs: 1 }, baseline: { name: 'server RSS after initialize, no documents', value: { median: idle, p95: idle, runs: 1 } }, note: 'trees of closed documents are freed; the V8 heap returns memory lazily' }),
  );
  return figures;
}
