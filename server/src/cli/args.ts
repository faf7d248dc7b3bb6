/** Parsed command line of `eci check`. */
export interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  failOn: 'error' | 'warning' | 'information' | 'hint' | 'none';
  paths: string[];
  maxFileSize: number;
  config?: string;
  jobs: number;
  /** Read .gitignore / .ignore files (on unless --no-ignore). */
  ignoreFiles: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: eci check [--format text|json|sarif] [--fail-on error|warning|information|hint|none]
                 [--max-file-size BYTES] [--config FILE] [--jobs N] [--no-ignore] PATH...

Finds HTTP status codes and API error codes in source files and .http/.rest files, and reports
where retryable failures are treated as final or retried badly.

Folders are walked like git and ripgrep do: files matched by .gitignore and .ignore files (nested
ones too, and those of parent folders up to the repository root) are left out, as are node_modules
and .git; --no-ignore reads no ignore files. Binary and minified files are skipped by their content.
--jobs defaults to one thread per core. Progress goes to stderr when stderr is a terminal.

Exit codes: 0 the run worked, 1 findings at or above --fail-on, 2 usage error.`;

export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const args: CheckArgs = { format: 'text', failOn: 'none', paths: [], maxFileSize: 2 * 1024 * 1024, jobs: 0, ignoreFiles: true };
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
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        args.paths.push(arg);
    }
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}
