import * as fs from 'node:fs';
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ErrorCodeLanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { checkFile, FileReport, summariseFile } from './checkFiles';
import { pathToFileURL } from 'node:url';
import type { FileSummary } from '../service/workspace/summaryTypes';
import { LIBRARY_PATH } from '../service/workspace/workspaceIndex';
import { binaryReason, minifiedReason } from './fileContent';
import { mayContainCodes } from './preFilter';
import { namesForeignCode } from '../service/spotting/foreignCodeUses';
import type { FileToCheck } from './walkFiles';
import type { AliasConfig } from './tsconfigAliases';

interface Candidate extends FileToCheck {
  index: number;
  text: string;
  /** Holds no code worth reporting, but may be a helper, base class or retry wrapper other files use. */
  summaryOnly?: boolean;
}

interface WorkerInput {
  files: Candidate[];
  settings: Settings;
  /** Pass 2: every file's summary, for the workspace index. */
  summaries?: FileSummary[];
  /** Pass 1: return each file's summary too. */
  summarise: boolean;
  /** TS/JS path aliases from tsconfig/jsconfig files. */
  aliases?: AliasConfig[];
}

interface WorkerOutput {
  reports: Array<FileReport & { index: number }>;
  failures: string[];
  summaries?: FileSummary[];
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
export async function checkAll(files: FileToCheck[], settings: Settings, jobs: number, fileDone: FileDone = () => {}, workspace = true, aliases: AliasConfig[] = []): Promise<WorkerOutput> {
  const timing = process.env.ECI_TIMING ? (label: string) => process.stderr.write(`[eci timing] ${label} ${((performance.now() - t0) / 1000).toFixed(1)} s\n`) : () => {};
  const t0 = performance.now();
  const service = new ErrorCodeLanguageService({ settings });
  const reports: Array<FileReport & { index: number }> = [];
  const failures: string[] = [];
  const candidates: Candidate[] = [];
  files.forEach((file, index) => {
    try {
      const bytes = file.content ?? fs.readFileSync(file.path);
      const candidate = mayContainCodes(bytes, service.registry, settings.rules['request-without-timeout']?.enabled !== false);
      // Binary: a look at the first KB; minified: only for a file that would otherwise be analysed.
      const skip = binaryReason(bytes) ?? (candidate ? minifiedReason(bytes) : undefined);
      if (skip) {
        failures.push(`${file.path}: skipped, ${skip}`);
        fileDone(0);
      } else if (candidate) {
        candidates.push({ ...file, index, text: bytes.toString('utf8') });
      } else {
        // A file with no code may still matter to others (a helper, a base class, a retry wrapper, a caller
        // that retries or does not): source files outside library folders that mention sending, retrying or
        // waiting are summarised (a utility of list helpers is not parsed for nothing).
        if (workspace && !LIBRARY_PATH.test(file.path.replace(/\\/g, '/')) && file.language !== 'http' && mayMatter(file.path, bytes.toString('latin1'))) {
          candidates.push({ ...file, index, text: bytes.toString('utf8'), summaryOnly: true });
        }
        reports.push({ index, path: file.path, language: file.language, occurrences: [], findings: [] });
        fileDone(0);
      }
    } catch (error) {
      failures.push(failed(file.path, error));
      fileDone(0);
    }
  });

  // Pass 1: analyse every candidate on its own and summarise it; pass 2: with every summary in the
  // workspace index, analyse again the files that something in another file bears on (their views).
  const wanted = jobs > 0 ? jobs : defaultJobs();
  timing(`read ${files.length} files: ${candidates.filter((c) => !c.summaryOnly).length} to check, ${candidates.filter((c) => c.summaryOnly).length} to summarise only;`);
  const first = await runShared(service, candidates, { settings, summarise: workspace }, wanted, fileDone);
  timing('pass 1 (check and summarise)');
  const summaries = first.flatMap((o) => o.summaries ?? []);
  for (const a of aliases) service.workspace.setPathAliases(a.configUri, a.compilerOptions);
  for (const summary of summaries) service.workspace.set(summary);
  // (A file that names a code another file declares is spotted again, also one that held nothing worth checking alone.)
  const readsCodes = (c: Candidate, uri: string): boolean => {
    const foreign = service.workspace.foreignCodesFor(uri);
    return !!foreign && namesForeignCode(c.text, foreign);
  };
  const again = candidates.flatMap((c) => {
    const uri = pathToFileURL(c.path).toString();
    if (!c.summaryOnly && service.workspace.viewFor(uri)) return [c];
    return readsCodes(c, uri) ? [{ ...c, summaryOnly: false }] : [];
  });
  timing(`index of ${summaries.length} summaries${process.env.ECI_TIMING ? ` (${(summaries.reduce((n, x) => n + JSON.stringify(x).length, 0) / 1e6).toFixed(1)} MB as JSON)` : ''} and views: ${again.length} files to check again;`);
  const second = again.length ? await runShared(service, again, { settings, summaries, aliases, summarise: false }, wanted, () => {}) : [];
  timing('pass 2 (check with the workspace index)');
  const replaced = new Map(second.flatMap((o) => o.reports).map((r) => [r.index, r]));
  for (const o of [...first, ...second]) failures.push(...o.failures);
  for (const o of first) for (const r of o.reports) reports.push(replaced.get(r.index) ?? r);
  reports.sort((a, b) => a.index - b.index);
  return { reports, failures };
}

/** One pass over `files`, shared out over up to `wanted` threads (the main thread takes one share). */
async function runShared(service: ErrorCodeLanguageService, files: Candidate[], input: Omit<WorkerInput, 'files'>, wanted: number, fileDone: FileDone): Promise<WorkerOutput[]> {
  const threads = canFork() ? Math.max(1, Math.min(wanted, Math.floor(files.length / MIN_FILES_PER_WORKER))) : 1;
  const shares: Candidate[][] = Array.from({ length: threads }, () => []);
  files.forEach((file, i) => shares[i % threads].push(file));
  const workers = shares.slice(1).map((share) => runWorker({ ...input, files: share }, fileDone));
  return [await analyse(service, shares[0], fileDone, input.summarise), ...(await Promise.all(workers))];
}

/** Words of a file that can bear on another file's handling: it sends, retries, waits, or reads a status. */
const MAY_MATTER = /retr(y|ies)|backoff|attempt|sleep|delay|settimeout|request|session|client|http|fetch|status|transport|handler|interceptor/i;

/** The file may bear on another's handling, or passes names on (a module index, a re-export). */
function mayMatter(filePath: string, text: string): boolean {
  return MAY_MATTER.test(text) || /(^|[\\/])(index\.[cm]?[jt]sx?|__init__\.py)$/.test(filePath) || /\bexport\s*(\*|\{)[^;\n]*\bfrom\b/.test(text);
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

async function analyse(service: ErrorCodeLanguageService, files: Candidate[], fileDone: FileDone, summarise: boolean): Promise<WorkerOutput> {
  const output: WorkerOutput = { reports: [], failures: [], summaries: [] };
  for (const file of files) {
    let findings = 0;
    try {
      if (file.summaryOnly) {
        const summary = await summariseFile(service, file.path, file.language, file.text);
        if (summary) output.summaries!.push(summary);
        continue;
      }
      const { summary, ...report } = await checkFile(service, file.path, file.language, file.text, summarise);
      findings = report.findings.length;
      output.reports.push({ index: file.index, ...report });
      if (summary) output.summaries!.push(summary);
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
  const service = new ErrorCodeLanguageService({ settings: input.settings });
  for (const a of input.aliases ?? []) service.workspace.setPathAliases(a.configUri, a.compilerOptions);
  for (const summary of input.summaries ?? []) service.workspace.set(summary);
  void analyse(service, input.files, done, input.summarise).then((output) => port.postMessage({ output } satisfies WorkerMessage));
  return true;
}
