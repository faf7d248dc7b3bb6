import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReport } from './checkFiles';
import { fingerprintsOfFile, type SourceReader } from './fingerprint';

/**
 * Baselines: the findings a team has accepted for now. `eci baseline write` records them;
 * `eci check --baseline FILE` reports only findings that are not recorded. A finding is matched by
 * its file (relative to the baseline file's folder, with '/' separators), rule and fingerprint —
 * the same line-independent fingerprint SARIF carries — so moved lines still match.
 */
export interface BaselineEntry {
  path: string;
  rule: string;
  fingerprint: string;
  /** 1-based line when written: for people reading the file, never used for matching. */
  line: number;
  message: string;
}

export interface Baseline {
  version: 1;
  tool: 'error-code-insight';
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

/** The baseline for these reports, with paths relative to the folder the baseline file goes in. */
export function makeBaseline(reports: readonly FileReport[], baselineFile: string): Baseline {
  const base = path.dirname(path.resolve(baselineFile));
  const findings = reports.flatMap((r) => {
    const fingerprints = fingerprintsOfFile(r.path, r.findings);
    return r.findings.map((f, i) => ({ path: keyPath(r.path, base), rule: f.rule, fingerprint: fingerprints[i], line: f.range.start.line + 1, message: f.message }));
  });
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.rule.localeCompare(b.rule));
  return { version: 1, tool: 'error-code-insight', findings };
}

/** Reads and checks a baseline file; a missing or malformed file is a BaselineError with the reason. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `baseline file not found: ${file} (create it with 'eci baseline write PATH... -o ${file}')` : `cannot read baseline ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`baseline ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const problem = baselineProblem(data);
  if (problem) throw new BaselineError(`baseline ${file} is not an eci baseline: ${problem}`);
  return data as Baseline;
}

function baselineProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected a JSON object';
  const o = data as Record<string, unknown>;
  if (o.version !== 1) return `unsupported version ${JSON.stringify(o.version)} (expected 1)`;
  if (!Array.isArray(o.findings)) return "missing 'findings' array";
  const bad = o.findings.findIndex((f) => typeof f !== 'object' || f === null || !['path', 'rule', 'fingerprint'].every((k) => typeof (f as Record<string, unknown>)[k] === 'string'));
  return bad >= 0 ? `findings[${bad}] needs string 'path', 'rule' and 'fingerprint'` : undefined;
}

/** The reports with every finding the baseline records removed (each baseline entry absorbs one finding). */
export function subtractBaseline(reports: readonly FileReport[], baseline: Baseline, baselineFile: string, read?: SourceReader): { reports: FileReport[]; absorbed: number } {
  const base = path.dirname(path.resolve(baselineFile));
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) remaining.set(entryKey(e.path, e.rule, e.fingerprint), (remaining.get(entryKey(e.path, e.rule, e.fingerprint)) ?? 0) + 1);
  let absorbed = 0;
  const kept = reports.map((r) => {
    const fingerprints = fingerprintsOfFile(r.path, r.findings, read);
    const file = keyPath(r.path, base);
    const findings = r.findings.filter((f, i) => {
      const key = entryKey(file, f.rule, fingerprints[i]);
      const left = remaining.get(key) ?? 0;
      if (left === 0) return true;
      remaining.set(key, left - 1);
      absorbed++;
      return false;
    });
    return { ...r, findings };
  });
  return { reports: kept, absorbed };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

function keyPath(file: string, base: string): string {
  return path.relative(base, path.resolve(file)).split(path.sep).join('/');
}

function entryKey(file: string, rule: string, fingerprint: string): string {
  return `${file}\0${rule}\0${fingerprint}`;
}
