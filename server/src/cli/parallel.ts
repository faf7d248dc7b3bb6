import * as fs from 'node:fs';
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ErrorCodeLanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { hasCandidateName } from '../service/spotting/candidates';
import { checkFile, FileReport } from './checkFiles';
import type { FileToCheck } from './walkFiles';

interface Candidate extends FileToCheck {
  index: number;
  text: string;
}

interface WorkerInput {
  files: Candidate[];
  settings: Settings;
}

interface WorkerOutput {
  reports: Array<FileReport & { index: number }>;
  failures: string[];
}

/** Candidate files below this count per thread are analysed on fewer threads: starting one costs ~150 ms. */
const MIN_FILES_PER_WORKER = 40;

const STATUS_NUMBER = /(?<![\w.])[1-5]\d\d(?![\w.])/;

/**
 * Analyses files on up to `jobs` threads (0 = one per core). The main thread reads every file once and
 * keeps only those that can hold a code (most files in a repository hold none); the candidates are
 * shared out interleaved, so large and small files spread evenly, and the main thread analyses one
 * share itself while the workers do the others. Results come back in input order.
 */
export async function checkAll(files: FileToCheck[], settings: Settings, jobs: number): Promise<WorkerOutput> {
  const service = new ErrorCodeLanguageService({ settings });
  const reports: Array<FileReport & { index: number }> = [];
  const failures: string[] = [];
  const candidates: Candidate[] = [];
  files.forEach((file, index) => {
    try {
      const text = fs.readFileSync(file.path, 'utf8');
      if (mayContainCodes(text, service)) candidates.push({ ...file, index, text });
      else reports.push({ index, path: file.path, language: file.language, occurrences: [], findings: [] });
    } catch (error) {
      failures.push(failed(file.path, error));
    }
  });

  const wanted = jobs > 0 ? jobs : os.availableParallelism?.() ?? os.cpus().length;
  const threads = canFork() ? Math.max(1, Math.min(wanted, Math.floor(candidates.length / MIN_FILES_PER_WORKER))) : 1;
  const shares: Candidate[][] = Array.from({ length: threads }, () => []);
  candidates.forEach((file, i) => shares[i % threads].push(file));
  const workers = shares.slice(1).map((share) => runWorker({ files: share, settings }));
  const outputs = [await analyse(service, shares[0]), ...(await Promise.all(workers))];
  for (const o of outputs) {
    reports.push(...o.reports);
    failures.push(...o.failures);
  }
  reports.sort((a, b) => a.index - b.index);
  return { reports, failures };
}

/**
 * Handling that names no code: `raise_for_status()`, `!res.ok`, `EnsureSuccessStatusCode()`,
 * `IsSuccessStatusCode`, and retry structures (`@retry(wait=wait_fixed(2))`, `backoff.on_exception`).
 */
const CODELESS_HANDLING = /raise_for_status|EnsureSuccessStatusCode|IsSuccessStatusCode|\.ok\b|retr(?:y|ies)|backoff/i;

/** A cheap test that a file can contain anything worth parsing: a three-digit number, a known name, or codeless handling. */
function mayContainCodes(text: string, service: ErrorCodeLanguageService): boolean {
  return STATUS_NUMBER.test(text) || hasCandidateName(text, service.registry) || CODELESS_HANDLING.test(text);
}

/** Workers re-run this same bundle; that only works from the built CLI, not from sources under tsx. */
function canFork(): boolean {
  return __filename.endsWith('.js');
}

function runWorker(input: WorkerInput): Promise<WorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { eciCheck: input } });
    worker.once('message', (output: WorkerOutput) => resolve(output));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
    });
  });
}

async function analyse(service: ErrorCodeLanguageService, files: Candidate[]): Promise<WorkerOutput> {
  const output: WorkerOutput = { reports: [], failures: [] };
  for (const file of files) {
    try {
      output.reports.push({ index: file.index, ...(await checkFile(service, file.path, file.language, file.text)) });
    } catch (error) {
      output.failures.push(failed(file.path, error));
    }
  }
  return output;
}

function failed(path: string, error: unknown): string {
  return `${path}: analysis failed (${error instanceof Error ? error.message : String(error)})`;
}

/** Worker side: when this bundle is loaded as an analysis worker, do the share and report back. */
export function startWorkerIfAsked(): boolean {
  const input = (workerData as { eciCheck?: WorkerInput } | null)?.eciCheck;
  if (isMainThread || !input || !parentPort) return false;
  const port = parentPort;
  void analyse(new ErrorCodeLanguageService({ settings: input.settings }), input.files).then((output) => port.postMessage(output));
  return true;
}
