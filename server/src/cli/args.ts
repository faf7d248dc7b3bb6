/** Parsed command line of `eci check` (and `eci baseline write`, which takes the same options). */
export interface CheckArgs {
  command: 'check' | 'baseline-write';
  format: 'text' | 'json' | 'sarif';
  failOn: 'error' | 'warning' | 'information' | 'hint' | 'none';
  paths: string[];
  maxFileSize: number;
  config?: string;
  jobs: number;
  /** Read other files' summaries so helpers, base classes and wrappers there count (on unless --no-workspace). */
  workspace?: boolean;
  /** Read .gitignore / .ignore files (on unless --no-ignore). */
  ignoreFiles: boolean;
  /** --baseline FILE: report only findings not recorded in it. */
  baseline?: string;
  /** --diff-base REF / --staged: report only findings on lines changed since REF / staged in the index. */
  diffBase?: string;
  staged: boolean;
  /** -o/--output FILE: where `baseline write` writes (eci-baseline.json by default). */
  output?: string;
  /** --sarif-category NAME: the code-scanning category (runAutomationDetails.id). */
  sarifCategory?: string;
}

export class UsageError extends Error {}

export const USAGE = `Usage: eci check [--format text|json|sarif] [--fail-on error|warning|information|hint|none]
                 [--max-file-size BYTES] [--config FILE] [--jobs N] [--no-ignore] [--no-workspace]
                 [--baseline FILE] [--diff-base REF | --staged] [--sarif-category NAME] PATH...
       eci baseline write [-o FILE] [--config FILE] [--no-ignore] PATH...

Finds HTTP status codes and API error codes in source files and .http/.rest files, and reports
where retryable failures are treated as final or retried badly.

Folders are walked like git and ripgrep do: files matched by .gitignore and .ignore files (nested
ones too, and those of parent folders up to the repository root) are left out, as are node_modules,
.git, Python virtual environments and vendored dependencies (the vendor/ folder of Go modules, Composer or
Bundler, bower_components/); --no-ignore reads no ignore files and enters virtual environments and vendor folders.
Every file is first summarised (its helpers, base classes, retry wrappers and calls) and then checked with what the other files say; --no-workspace checks each file on its own. Binary and minified files are skipped by their content.
--jobs defaults to one thread per core. Progress goes to stderr when stderr is a terminal.

--baseline FILE reports (and fails on) only findings not recorded in FILE, which 'eci baseline
write' creates (eci-baseline.json by default); findings match by rule, codes and a normalised
snippet of their line, so moved lines still match. --diff-base REF reports only findings on lines
changed since the git commit REF (uncommitted and untracked files included); --staged only those on
lines staged in the git index (for pre-commit hooks). Both need a git repository and default PATH to '.'.

Exit codes: 0 the run worked, 1 findings at or above --fail-on, 2 usage error (also a missing or
invalid baseline, or --diff-base/--staged outside a git repository).`;

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const [command, ...more] = argv;
  const baselineWrite = command === 'baseline' && more[0] === 'write';
  if (command === 'baseline' && !baselineWrite) throw new UsageError(more[0] ? `unknown baseline command '${more[0]}' (use 'baseline write')` : "missing baseline command (use 'baseline write')");
  if (command !== 'check' && !baselineWrite) throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const rest = baselineWrite ? more.slice(1) : more;
  const args: CheckArgs = { command: baselineWrite ? 'baseline-write' : 'check', staged: false, format: 'text', failOn: 'none', paths: [], maxFileSize: 2 * 1024 * 1024, jobs: 0, ignoreFiles: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
        args.format = v;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'information', 'hint', 'none'].includes(v)) throw new UsageError(`--fail-on must be error, warning, information, hint or none, not '${v}'`);
        args.failOn = v as CheckArgs['failOn'];
        break;
      }
      case '--max-file-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-size must be a positive whole number of bytes');
        args.maxFileSize = n;
        break;
      }
      case '--jobs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) throw new UsageError('--jobs must be a whole number (0 = one per core)');
        args.jobs = n;
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--no-ignore':
        args.ignoreFiles = false;
        break;
      case '--no-workspace':
        args.workspace = false;
        break;
      case '--baseline':
        args.baseline = value();
        break;
      case '--diff-base':
        args.diffBase = value();
        break;
      case '--staged':
        args.staged = true;
        break;
      case '--sarif-category':
        args.sarifCategory = value();
        break;
      case '-o':
      case '--output':
        args.output = value();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        args.paths.push(arg);
    }
  }
  if (args.diffBase !== undefined && args.staged) throw new UsageError('--diff-base and --staged cannot be combined');
  if (args.command === 'baseline-write' && (args.baseline !== undefined || args.diffBase !== undefined || args.staged)) throw new UsageError("'baseline write' records every finding: --baseline, --diff-base and --staged do not apply");
  if (args.output !== undefined && args.command !== 'baseline-write') throw new UsageError("-o/--output is for 'eci baseline write'; redirect the output of 'eci check' instead");
  if (args.paths.length === 0 && (args.diffBase !== undefined || args.staged)) args.paths.push('.');
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}
