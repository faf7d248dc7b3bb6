import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { checkFile, mayContainCodes, summariseFile } from '../cli/checkFiles';
import { LIBRARY_PATH } from '../service/workspace/workspaceIndex';
import { namesForeignCode } from '../service/spotting/foreignCodeUses';
import { binaryReason, minifiedReason } from '../cli/fileContent';
import { type FileToCheck, walkFiles } from '../cli/walkFiles';
import { languageForPath } from '../service/parsing/grammars';
import { ScanWorkspaceRequest, type ScanWorkspaceParams, type ScanWorkspaceResult } from '../protocol/customMessages';
import { GlobFilter } from '../service/conveniences/pathFilters';
import type { ServerContext } from '../server';
import { toDiagnostic } from './convert';
import type { Feature } from './feature';
import { workspaceCodesFor } from './workspaceCodes';

const REPORT_INTERVAL_MS = 100;
/** Files filtered between two yields to the event loop while listing. */
const FILTER_BATCH = 500;

/**
 * `errorCodeInsight/scanWorkspace`: walks the workspace folders (the CLI's walkFiles, which applies
 * .gitignore / .ignore files, then files.exclude and errorCodeInsight.exclude), analyses every file that is not open and
 * publishes its diagnostics, with cancellable work-done progress. It yields to the event loop after
 * every file so requests on open documents are answered in between.
 */
export const workspaceScanFeature: Feature = {
  name: 'workspace-scan',
  capabilities: {},
  register(context) {
    let current: { cancelled: boolean } | undefined;
    const published = new Set<string>();
    context.connection.onRequest(ScanWorkspaceRequest.method, async (params: ScanWorkspaceParams | undefined, token: CancellationToken): Promise<ScanWorkspaceResult> => {
      if (current) current.cancelled = true; // a newer scan replaces a running one
      const run = { cancelled: false };
      current = run;
      try {
        return await scan(context, params ?? {}, published, () => run.cancelled || token.isCancellationRequested);
      } finally {
        if (current === run) current = undefined;
      }
    });
  },
};

async function scan(context: ServerContext, params: ScanWorkspaceParams, published: Set<string>, stopped: () => boolean): Promise<ScanWorkspaceResult> {
  const { connection, service, queue } = context;
  const started = Date.now();
  const progress: WorkDoneProgressServerReporter = await connection.window.createWorkDoneProgress();
  const cancelled = () => stopped() || progress.token.isCancellationRequested;
  progress.begin('Error Code Insight: scanning workspace', 0, 'Listing files…', true);
  const codes = workspaceCodesFor(context);
  const result: ScanWorkspaceResult = { files: 0, analysed: 0, withDiagnostics: 0, cancelled: false, durationMs: 0 };
  try {
    const files = await listFiles(await folderPaths(context, params), params.filesExclude ?? [], service.getSettings(), cancelled);
    result.files = files.length;
    const seen = new Set<string>();
    let lastReport = 0;
    for (let i = 0; i < files.length; i++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (cancelled()) break;
      const file = files[i];
      const uri = pathToFileURL(file.path).toString();
      seen.add(uri);
      if (Date.now() - lastReport >= REPORT_INTERVAL_MS) {
        lastReport = Date.now();
        progress.report(Math.floor((i * 100) / files.length), `${i + 1}/${files.length} ${path.basename(file.path)}`);
      }
      if (service.documents.get(uri)) continue; // open: analysed as the editor changes it
      let bytes: Buffer;
      try {
        bytes = await fs.promises.readFile(file.path);
      } catch {
        continue;
      }
      // Binary and minified files are passed over like files with no code, as `eci check` does.
      const text = binaryReason(bytes) ? '' : bytes.toString('utf8');
      if (!mayContainCodes(text, service.registry.candidatePattern()) || minifiedReason(bytes)) {
        codes.index.delete(uri);
        if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
        // No code to report, but it may be a helper, base class or retry wrapper other files use (workspace index).
        if (text && !minifiedReason(bytes) && file.language !== 'http' && !LIBRARY_PATH.test(uri)) {
          const summary = await queue.run(uri, () => (service.documents.get(uri) ? undefined : summariseFile(service, file.path, file.language, text)));
          if (summary) service.workspace.set(summary);
        }
        continue;
      }
      try {
        // In the document's queue, so an editor opening the file meanwhile waits for this to finish.
        const report = await queue.run(uri, () => (service.documents.get(uri) ? undefined : checkFile(service, file.path, file.language, undefined, true)));
        if (!report) continue;
        if (report.summary) service.workspace.set(report.summary);
        result.analysed++;
        const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
        codes.index.set(uri, report.occurrences, report.findings, (line) => lines[line] ?? '');
        if (report.findings.length > 0) result.withDiagnostics++;
        if (report.findings.length > 0 || published.has(uri)) {
          published.add(uri);
          void connection.sendDiagnostics({ uri, diagnostics: report.findings.map((f) => toDiagnostic(f, uri)) });
        }
      } catch (error) {
        connection.console.error(`Error Code Insight: scanning ${file.path} failed: ${String(error)}`);
      }
    }
    result.cancelled = cancelled();
    if (!result.cancelled) {
      // Files gone (deleted, now excluded) since the previous scan: forget them.
      for (const uri of [...published]) {
        if (!seen.has(uri) && !service.documents.get(uri)) {
          published.delete(uri);
          codes.index.delete(uri);
          void connection.sendDiagnostics({ uri, diagnostics: [] });
        }
      }
      codes.scanned = true;
      await recheckWithIndex(context, [...seen], published, cancelled);
    }
  } finally {
    result.durationMs = Date.now() - started;
    progress.done();
    codes.changed('scan', 0);
  }
  return result;
}

/**
 * Second pass of the scan: the closed files that something elsewhere in the workspace bears on (their
 * workspace view, or codes other files declare that they name) are analysed again with the full index, and
 * the open documents are re-checked.
 */
async function recheckWithIndex(context: ServerContext, uris: string[], published: Set<string>, cancelled: () => boolean): Promise<void> {
  const { connection, service, queue, diagnostics } = context;
  const codes = workspaceCodesFor(context);
  for (const uri of uris) {
    if (cancelled() || service.documents.get(uri)) continue;
    const foreign = service.workspace.foreignCodesFor(uri);
    const view = service.workspace.viewFor(uri);
    if (!view && !foreign) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    const path = fileURLToPath(uri);
    const language = service.workspace.get(uri) ? languageOf(path) : undefined;
    if (!language) continue;
    let text: string | undefined;
    if (foreign) {
      text = await fs.promises.readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined || (!view && !namesForeignCode(text, foreign))) continue;
    }
    try {
      const report = await queue.run(uri, () => (service.documents.get(uri) ? undefined : checkFile(service, path, language, text)));
      if (!report) continue;
      if (text !== undefined && report.occurrences.length > 0) {
        // Codes read from other files show in the Error Codes view too.
        const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
        codes.index.set(uri, report.occurrences, report.findings, (line) => lines[line] ?? '');
      }
      if (report.findings.length === 0 && !published.has(uri)) continue;
      published.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: report.findings.map((f) => toDiagnostic(f, uri)) });
    } catch (error) {
      connection.console.error(`Error Code Insight: re-checking ${path} with the workspace index failed: ${String(error)}`);
    }
  }
  diagnostics.republishAll();
}

function languageOf(path: string): FileToCheck['language'] | undefined {
  const language = languageForPath(path);
  return language && language !== 'http' ? language : undefined;
}

async function folderPaths(context: ServerContext, params: ScanWorkspaceParams): Promise<string[]> {
  let uris = params.folders;
  if (!uris) {
    const init = await context.initialized;
    uris = init.workspaceFolders?.map((f) => f.uri) ?? (init.rootUri ? [init.rootUri] : []);
  }
  return uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
}

/** The walk of every folder (which leaves out what .gitignore / .ignore files match), minus files.exclude and errorCodeInsight.exclude. */
async function listFiles(
  roots: readonly string[],
  filesExclude: readonly string[],
  settings: { exclude: string[]; maxFileSize: number },
  cancelled: () => boolean,
): Promise<FileToCheck[]> {
  const globs = new GlobFilter([...filesExclude, ...settings.exclude]);
  const out: FileToCheck[] = [];
  for (const root of roots) {
    const walked = walkFiles([root], settings.maxFileSize).files;
    for (let i = 0; i < walked.length; i++) {
      if (i % FILTER_BATCH === FILTER_BATCH - 1) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled()) return out;
      }
      const file = walked[i];
      const rel = path.relative(root, file.path).split(path.sep).join('/');
      if (globs.excludes(rel)) continue;
      out.push(file);
    }
  }
  return out;
}
