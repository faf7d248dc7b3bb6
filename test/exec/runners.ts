/**
 * Runs programs in other languages against the scripted server: every process is bounded by a
 * timeout and killed (by its own pid) when it overruns. Also answers "is this runtime here?"
 * with the reason when it is not, so skipped tiers can say why.
 */
import { spawn } from 'child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + String(err), timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** undefined when `command args` exits 0, else the reason it could not run. */
export async function unavailableReason(command: string, args: string[], what: string): Promise<string | undefined> {
  const result = await run(command, args, { timeoutMs: 15_000 });
  if (result.code === 0) return undefined;
  const detail = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
  return `${what} not available (${command} ${args.join(' ')} → ${result.code ?? 'not found'}${detail ? `: ${detail}` : ''}); run scripts/setup-exec.sh`;
}

export const PYTHON = '/usr/bin/python3';

export function pythonModuleMissing(module: string, debianPackage: string): Promise<string | undefined> {
  return unavailableReason(PYTHON, ['-c', `import ${module}`], `Debian ${debianPackage} for ${PYTHON}`);
}

/** The final outcome a test program printed: `STATUS <n>` or `ERROR <detail>`. */
export function outcome(result: RunResult): { status?: number; error?: string } {
  const status = /^STATUS (\d+)$/m.exec(result.stdout);
  if (status) return { status: Number(status[1]) };
  const error = /^ERROR (.*)$/m.exec(result.stdout);
  return { error: error ? error[1] : `no outcome (exit ${result.code}, timedOut=${result.timedOut}): ${result.stderr.slice(-500)}` };
}
