import * as fs from 'node:fs';
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ErrorCodeLanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { checkFile, FileReport } from './checkFiles';
import { binaryReason, minifiedReason } from './fileContent';
import { mayContainCodes } from './preFilter';
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

/** Told after each file: how many findings it had. */
export type FileDone = (findings: number) => void;

/** Messages from a worker: one per file analysed, then its whole output. */
type WorkerMessage = { done: number } | { output: WorkerOutput };

/** Candidate files below this count per thread are analysed on fewer threads: starting one costs ~150 ms. */
const MIN_FILES_PER_WORKER = 40;

/**
 * Analyses files on up to `jobs` threads (0 = one per core). The main thread reads every file once and
 * keeps only those that can hold a code (most files in a repository hold none: `preFilter.ts`, over the
 * bytes, before any decoding); binary and minified files are passed over with a notice. The candidates
 * are shared out interleaved, so large and small files spread evenly, and the main thread analyses one
 * share itself while the workers do the others. Results come back in input order.
 */
export async function checkAll(files: FileToCheck[], settings: Settings, jobs: number, fileDone: FileDone = () => {}): Promise<WorkerOutput> {
  const service = new ErrorCodeLanguageService({ settings });
  const reports: Array<FileReport & { index: number }> = [];
  const failures: string[] = [];
  const candidates: Candidate[] = [];
  files.forEach((file, index) => {
    try {
      const bytes = file.content ?? fs.readFileSync(file.path);
      const candidate = mayContainCodes(bytes, service.registry);
      // Binary: a look at the first KB; minified: only for a file that would otherwise be analysed.
      const skip = binaryReason(bytes) ?? (candidate ? minifiedReason(bytes) : undefined);
      if (skip) {
        failures.push(`${file.path}: skipped, ${skip}`);
        fileDone(0);
      } else if (candidate) {
        candidates.push({ ...file, index, text: bytes.toString('utf8') });
      } else {
        reports.push({ index, path: file.path, language: file.language, occurrences: [], findings: [] });
        fileDone(0);
      }
    } catch (error) {
      failures.push(failed(file.path, error));
      fileDone(0);
    }
  });

  const wanted = jobs > 0 ? jobs : defaultJobs();
  const threads = canFork() ? Math.max(1, Math.min(wanted, Math.floor(candidates.length / MIN_FILES_PER_WORKER))) : 1;
  const shares: Candidate[][] = Array.from({ length: threads }, () => []);
  candidates.forEach((file, i) => shares[i % threads].push(file));
  const workers = shares.slice(1).map((share) => runWorker({ files: share, settings }, fileDone));
  const outputs = [await analyse(service, shares[0], fileDone), ...(await Promise.all(workers))];
  for (const o of outputs) {
    reports.push(...o.reports);
    failures.push(...o.failures);
  }
  reports.sort((a, b) => a.index - b.index);
  return { reports, failures };
}

/** `--jobs` when not given: one thread per core. */
export function defaultJobs(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Workers re-run this same bundle; that only works from the built CLI, not from sources under tsx. */
function canFork(): boolean {
  return __filename.endsWith('.js');
}

function runWorker(input: WorkerInput, fileDone: FileDone): Promise<WorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { eciCheck: input } });
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) fileDone(message.done);
      else resolve(message.output);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
    });
  });
}

async function analyse(service: ErrorCodeLanguageService, files: Candidate[], fileDone: FileDone): Promise<WorkerOutput> {
  const output: WorkerOutput = { reports: [], failures: [] };
  for (const file of files) {
    let findings = 0;
    try {
      const report = await checkFile(service, file.path, file.language, file.text);
      findings = report.findings.length;
      output.reports.push({ index: file.index, ...report });
    } catch (error) {
      output.failures.push(failed(file.path, error));
    }
    fileDone(findings);
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
  const done = (findings: number): void => port.postMessage({ done: findings } satisfies WorkerMessage);
  void analyse(new ErrorCodeLanguageService({ settings: input.settings }), input.files, done).then((output) => port.postMessage({ output } satisfies WorkerMessage));
  return true;
}
