import * as fs from 'node:fs';
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ErrorCodeLanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { checkFile, FileReport, mayContainCodes } from './checkFiles';
import type { FileToCheck } from './walkFiles';

interface WorkerInput {
  files: FileToCheck[];
  settings: Settings;
}

interface WorkerOutput {
  reports: Array<FileReport & { index: number }>;
  failures: string[];
}

/** Files below this count are analysed in-process: starting workers would cost more than it saves. */
const MIN_FILES_PER_WORKER = 40;

/**
 * Analyses files on up to `jobs` worker threads (0 = one per core). Each worker gets an interleaved
 * share so large and small files spread evenly; results come back in input order.
 */
export async function checkAll(files: FileToCheck[], settings: Settings, jobs: number): Promise<WorkerOutput> {
  const wanted = jobs > 0 ? jobs : os.availableParallelism?.() ?? os.cpus().length;
  const workers = Math.max(1, Math.min(wanted, Math.floor(files.length / MIN_FILES_PER_WORKER)));
  if (workers === 1 || !canFork()) return analyse(files.map((f, index) => ({ ...f, index })), settings);
  const shares: Array<Array<FileToCheck & { index: number }>> = Array.from({ length: workers }, () => []);
  files.forEach((file, index) => shares[index % workers].push({ ...file, index }));
  const outputs = await Promise.all(shares.map((share) => runWorker({ files: share, settings })));
  const reports = outputs.flatMap((o) => o.reports).sort((a, b) => a.index - b.index);
  return { reports, failures: outputs.flatMap((o) => o.failures) };
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

async function analyse(files: Array<FileToCheck & { index: number }>, settings: Settings): Promise<WorkerOutput> {
  const service = new ErrorCodeLanguageService({ settings });
  const names = service.registry.candidatePattern();
  const output: WorkerOutput = { reports: [], failures: [] };
  for (const file of files) {
    try {
      const text = fs.readFileSync(file.path, 'utf8');
      if (!mayContainCodes(text, names)) {
        output.reports.push({ index: file.index, path: file.path, language: file.language, occurrences: [], findings: [] });
        continue;
      }
      output.reports.push({ index: file.index, ...(await checkFile(service, file.path, file.language, text)) });
    } catch (error) {
      output.failures.push(`${file.path}: analysis failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return output;
}

/** Worker side: when this bundle is loaded as an analysis worker, do the share and report back. */
export function startWorkerIfAsked(): boolean {
  const input = (workerData as { eciCheck?: WorkerInput } | null)?.eciCheck;
  if (isMainThread || !input || !parentPort) return false;
  const port = parentPort;
  void analyse(input.files as Array<FileToCheck & { index: number }>, input.settings).then((output) => port.postMessage(output));
  return true;
}
