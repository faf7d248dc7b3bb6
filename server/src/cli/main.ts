import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativePath } from '../service/conveniences/pathFilters';
import { GlobFilter } from '../service/conveniences/pathFilters';
import { normalizeSettings } from '../service/settings';
import type { Severity } from '../service/types';
import { CheckArgs, parseCheckArgs, USAGE, UsageError } from './args';
import { type CiModes, isCiModeError, narrowFindings, prepareCiModes, selectFiles, sourceReader, writeBaselineFile } from './ciModes';
import type { FileReport } from './checkFiles';
import { checkAll, startWorkerIfAsked } from './parallel';
import { Progress, type ProgressStream } from './progress';
import { toJson, toText } from './formatReport';
import { walkFiles } from './walkFiles';
import { readAliasConfigs } from './tsconfigAliases';

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** `eci`: runs the same analysis as the language server over files and folders. */
export async function runCli(argv: readonly string[], out: (text: string) => void, err: (text: string) => void, progressTo?: ProgressStream): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    out(VERSION);
    return 0;
  }
  let args: CheckArgs;
  try {
    args = parseCheckArgs(argv);
    for (const p of args.paths) if (!fs.existsSync(p)) throw new UsageError(`path does not exist: ${p}`);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`eci: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  let modes: CiModes;
  try {
    modes = prepareCiModes(args);
  } catch (error) {
    if (!isCiModeError(error)) throw error;
    err(`eci: ${error.message}`);
    return 2;
  }
  const settings = normalizeSettings(args.config ? readConfig(args.config, err) : undefined);
  const walked = walkFiles(args.paths, args.maxFileSize, { ignoreFiles: args.ignoreFiles });
  if (settings.exclude.length) {
    // --config's `exclude` globs match paths relative to the working directory.
    const globs = new GlobFilter(settings.exclude);
    walked.files = walked.files.filter((f) => !globs.excludes(relativePath(path.resolve(f.path), [process.cwd()])));
  }
  walked.files = selectFiles(walked.files, modes);
  const progress = progressTo && new Progress(progressTo, walked.files.length);
  const { reports: indexed, failures } = await checkAll(walked.files, settings, args.jobs, progress?.fileDone, args.workspace !== false, args.workspace === false ? [] : readAliasConfigs(walked.files, args.paths));
  progress?.finish();
  const checked: FileReport[] = indexed.map(({ path, language, occurrences, findings }) => ({ path, language, occurrences, findings }));
  walked.notices.push(...failures);
  if (args.command === 'baseline-write') {
    err(writeBaselineFile(checked, args.output ?? 'eci-baseline.json'));
    for (const notice of walked.notices) err(`notice: ${notice}`);
    return 0;
  }
  const { reports, notices } = narrowFindings(checked, modes);
  walked.notices.push(...notices);
  if (args.format === 'json') out(toJson(reports, walked.notices));
  else if (args.format === 'sarif') out(await sarifOutput(reports, args.sarifCategory, modes));
  else out(toText(reports, walked.notices));
  if (args.format !== 'text') for (const notice of walked.notices) err(`notice: ${notice}`);
  if (args.failOn === 'none') return 0;
  const threshold = RANK[args.failOn];
  return reports.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
}

async function sarifOutput(reports: FileReport[], category: string | undefined, modes: CiModes): Promise<string> {
  const { toSarif, ruleHelpFromDoc } = await import('./sarif');
  const { RULES } = await import('../service/diagnostics/rules');
  // docs/rules.md ships beside out/ (bundle) or three folders up (sources run with tsx).
  const doc = ['../../docs/rules.md', '../../../docs/rules.md'].map((p) => path.join(__dirname, p)).find((p) => fs.existsSync(p));
  const help = doc ? ruleHelpFromDoc(fs.readFileSync(doc, 'utf8')) : new Map<string, string>();
  return toSarif(
    reports,
    RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, help: help.get(r.id), ...(r.cwe ? { cwe: r.cwe } : {}) })),
    { version: VERSION, category, read: sourceReader(modes) },
  );
}

function readConfig(file: string, err: (text: string) => void): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    err(`eci: cannot read --config ${file}: ${error instanceof Error ? error.message : String(error)}; using defaults`);
    return undefined;
  }
}

declare const VERSION: string;

/** Runs the CLI on this process's arguments and sets the exit code. */
export function main(): void {
  // Progress only on a terminal: piped or redirected stderr gets notices and errors alone.
  const progressTo = process.stderr.isTTY ? process.stderr : undefined;
  runCli(process.argv.slice(2), (t) => process.stdout.write(`${t}\n`), (t) => process.stderr.write(`${t}\n`), progressTo).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`eci: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}

if (!startWorkerIfAsked() && require.main === module) main();
