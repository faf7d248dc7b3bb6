import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type InitializeParams,
  MessageType,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { normalizeSettings } from '../service/settings';
import type { Range, Severity } from '../service/types';
import type { ServerContext } from '../server';
import { DIAGNOSTIC_SOURCE } from './convert';
import { describe } from './diagnosticsPublisher';
import type { Feature } from './feature';

const CATALOG_NAME = /\.errorcodes\.json$/i;
const OPENAPI_NAME = /^(?:openapi|.+\.openapi)\.(?:ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const WALK = { maxDirs: 5000, maxDepth: 12, maxCatalogs: 200, maxOpenApi: 50, maxMillis: 3000 };
/** Files larger than this are not read at all (the loaders have their own, smaller limits). */
const MAX_READ = 4 * 1024 * 1024;
const RELOAD_DELAY_MS = 100;
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface Problem {
  message: string;
  range: Range;
  severity: Severity;
  code?: string;
}

/**
 * Workspace catalogs (`*.errorcodes.json`, `errorCodeInsight.catalogs`) and OpenAPI documents
 * (`openapi.*`, `*.openapi.*`, `errorCodeInsight.openapi`): found after `initialized`, read as data,
 * their problems published into each file, reloaded on workspace/didChangeWatchedFiles.
 */
export const workspaceCatalogsFeature: Feature = {
  name: 'workspace-catalogs',
  capabilities: {},
  register(context) {
    const loader = new WorkspaceFilesLoader(context);
    void context.initialized.then((params) => loader.start(params));
    // Source files are watched too (for the workspace index); only catalog and OpenAPI files reload these.
    context.events.onWatchedFiles((changes) => {
      if (changes.some((c) => !/\.(py|jsx?|mjs|cjs|tsx?|mts|cts|go|java|cs)$/.test(c.uri))) loader.schedule();
    });
  },
};

class WorkspaceFilesLoader {
  private folders: string[] = [];
  private trusted = true;
  private configurationPull = false;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** URIs we published problems into, so a fixed or deleted file gets its diagnostics cleared. */
  private published = new Set<string>();
  /** Per catalog URI, the problems last announced with a message, so a reload does not repeat it. */
  private announced = new Map<string, string>();

  constructor(private readonly ctx: ServerContext) {}

  start(params: InitializeParams): void {
    this.configurationPull = params.capabilities.workspace?.configuration === true;
    this.trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders.flatMap((uri) => {
      try {
        return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
      } catch {
        return [];
      }
    });
    this.started = true;
    this.schedule(0);
  }

  schedule(delay = RELOAD_DELAY_MS): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.running.then(() => this.reload()).catch((error) => this.log(`reload failed: ${describe(error)}`));
    }, delay);
  }

  private get connection(): Connection {
    return this.ctx.connection;
  }

  private log(message: string): void {
    this.connection.console.error(`Error Code Insight: ${message}`);
  }

  private async reload(): Promise<void> {
    const settings = await this.currentSettings();
    const found = await this.walk();
    const catalogPaths = unique([...found.catalogs, ...(await this.settingPaths(settings.catalogs))]);
    const openApiPaths = unique([...found.openapi, ...(await this.settingPaths(settings.openapi))]);
    const diagnostics = new Map<string, Diagnostic[]>();

    const catalogs = await this.readAll(catalogPaths, diagnostics);
    const catalogReports = this.ctx.service.setWorkspaceCatalogs(catalogs.map((f) => ({ location: f.label, text: f.text })));
    for (const report of catalogReports) {
      const uri = catalogs.find((f) => f.label === report.location)?.uri;
      if (!uri) continue;
      this.add(diagnostics, uri, report.problems.map((p) => ({ ...p, code: 'catalog-invalid' })));
      this.announce(uri, report.location, report.problems);
    }
    for (const uri of [...this.announced.keys()]) if (!catalogs.some((f) => f.uri === uri)) this.announced.delete(uri);

    const specs = await this.readAll(openApiPaths, diagnostics);
    const specReports = this.ctx.service.setOpenApiDocuments(specs.map((f) => ({ location: f.label, text: f.text })));
    for (const report of specReports) {
      const uri = specs.find((f) => f.label === report.location)?.uri;
      if (uri) this.add(diagnostics, uri, report.problems);
    }

    for (const uri of this.published) if (!diagnostics.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, list] of diagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: list });
    this.published = new Set(diagnostics.keys());
    this.ctx.diagnostics.republishAll();
  }

  /** Settings pulled from the client when it can (they may have changed since initialize). */
  private async currentSettings(): Promise<{ catalogs: string[]; openapi: string[] }> {
    if (!this.configurationPull) return this.ctx.service.getSettings();
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration('errorCodeInsight');
      if (raw && typeof raw === 'object') return normalizeSettings(raw);
    } catch {
      // The client does not answer workspace/configuration: keep what initialize gave.
    }
    return this.ctx.service.getSettings();
  }

  /** Paths from a setting, resolved against the first folder; outside the folders only when trusted. */
  private async settingPaths(values: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const value of values.slice(0, 100)) {
      const absolute = path.resolve(this.folders[0] ?? process.cwd(), value);
      const real = await fs.realpath(absolute).catch(() => absolute);
      if (!this.trusted && !(await this.insideFolders(real))) {
        this.log(`ignoring ${value}: outside the workspace folders in an untrusted workspace.`);
        continue;
      }
      out.push(real);
    }
    return out;
  }

  private async insideFolders(file: string): Promise<boolean> {
    for (const folder of this.folders) {
      const real = await fs.realpath(folder).catch(() => folder);
      const rel = path.relative(real, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return true;
    }
    return false;
  }

  /** Bounded breadth-first walk of the workspace folders; symlinks are not followed. */
  private async walk(): Promise<{ catalogs: string[]; openapi: string[] }> {
    const catalogs: string[] = [];
    const openapi: string[] = [];
    const queue = this.folders.map((dir) => ({ dir, depth: 0 }));
    const deadline = Date.now() + WALK.maxMillis;
    for (let visited = 0; queue.length > 0 && visited < WALK.maxDirs && Date.now() < deadline; visited++) {
      const { dir, depth } = queue.shift()!;
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name) && depth < WALK.maxDepth) queue.push({ dir: full, depth: depth + 1 });
        } else if (entry.isFile()) {
          if (CATALOG_NAME.test(entry.name) && catalogs.length < WALK.maxCatalogs) catalogs.push(full);
          else if (OPENAPI_NAME.test(entry.name) && openapi.length < WALK.maxOpenApi) openapi.push(full);
        }
      }
    }
    return { catalogs, openapi };
  }

  /** Reads files as text; one that cannot be read or is too large gets a diagnostic instead. */
  private async readAll(paths: readonly string[], diagnostics: Map<string, Diagnostic[]>): Promise<Array<{ uri: string; label: string; text: string }>> {
    const out: Array<{ uri: string; label: string; text: string }> = [];
    for (const file of paths) {
      const uri = pathToFileURL(file).toString();
      try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) continue;
        if (stat.size > MAX_READ) {
          this.add(diagnostics, uri, [{ message: `Not loaded: ${stat.size} bytes is over the limit of ${MAX_READ}.`, range: ZERO, severity: 'warning', code: 'file-too-large' }]);
          continue;
        }
        const label = out.some((f) => f.label === this.label(file)) ? file : this.label(file);
        out.push({ uri, label, text: await fs.readFile(file, 'utf8') });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`could not read ${file}: ${describe(error)}`);
      }
    }
    return out;
  }

  /** Workspace-relative path for hovers and messages, absolute outside the folders. */
  private label(file: string): string {
    for (const folder of this.folders) {
      const rel = path.relative(folder, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return file;
  }

  private add(diagnostics: Map<string, Diagnostic[]>, uri: string, problems: readonly Problem[]): void {
    if (problems.length === 0) return;
    const list = diagnostics.get(uri) ?? [];
    for (const p of problems) list.push({ range: p.range, severity: SEVERITY[p.severity], source: DIAGNOSTIC_SOURCE, code: p.code, message: p.message });
    diagnostics.set(uri, list);
  }

  /** One warning per malformed catalog, and again only when its problems change. */
  private announce(uri: string, label: string, problems: readonly Problem[]): void {
    const serious = problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
    const signature = serious.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`).join('\n');
    if (this.announced.get(uri) === signature) return;
    this.announced.set(uri, signature);
    if (serious.length === 0) return;
    const name = label.slice(label.lastIndexOf('/') + 1);
    const message = `Error Code Insight: ${serious.length} problem${serious.length === 1 ? '' : 's'} in ${name}; the rest of the catalogs still work.`;
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}
