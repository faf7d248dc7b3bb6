/**
 * Process-tree helpers for the e2e tier (Linux /proc based).
 *
 * Killing only code-server's PID orphans its extension host and our language server for ~30 s, so we
 * collect every descendant PID first (from /proc/<pid>/stat) and signal them all.
 */
import * as fs from 'fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** Every live process, read from /proc. Processes that vanish while being read are skipped. */
export function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      let cmdline = '';
      try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      } catch {
        /* ignore */
      }
      out.push({ pid, ppid, cmdline });
    } catch {
      /* process ended meanwhile */
    }
  }
  return out;
}

/** PIDs of all descendants of `root` (not including root itself), deepest last. */
export function descendants(root: number, procs: ProcInfo[] = listProcesses()): number[] {
  const children = new Map<number, number[]>();
  for (const p of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(p.pid);
    children.set(p.ppid, list);
  }
  const result: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (result.includes(pid)) continue;
    result.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return result;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers kill(0); treat it as dead.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/**
 * Stop a whole process tree: collect root + descendants first, SIGTERM all of them, poll until they are gone
 * (bounded by `graceMs`), then SIGKILL any survivor (and anything spawned meanwhile). Returns the PIDs signalled.
 */
export async function killTree(root: number, graceMs = 5000, extraPids: number[] = []): Promise<number[]> {
  const pids = new Set<number>([root, ...descendants(root), ...extraPids]);
  for (const pid of extraPids) for (const d of descendants(pid)) pids.add(d);
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if ([...pids].every((p) => !isAlive(p))) return [...pids];
    await delay(100);
  }
  // Survivors, plus anything they forked while shutting down.
  for (const pid of [...pids]) for (const d of descendants(pid)) pids.add(d);
  for (const pid of pids) if (isAlive(pid)) signal(pid, 'SIGKILL');
  const hardDeadline = Date.now() + 3000;
  while (Date.now() < hardDeadline && [...pids].some(isAlive)) await delay(50);
  return [...pids];
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
