/**
 * Fuzz-tier plumbing: case counts from ECI_FUZZ_RUNS, a fixed seed, the per-target report line
 * (`fuzz <target>: N cases, M failures`), the time bound per KB and the "range inside the document" check.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ErrorCodeLanguageService } from '../../server/src/service/languageService';
import type { Range } from '../../server/src/service/types';
import { linesOf } from './arbitraries';

/** Cases per target (all properties of a target together). CI default 10,000; `npm run fuzz` sets 100,000. */
export const RUNS = Math.max(1, Number(process.env.ECI_FUZZ_RUNS ?? 10_000) || 10_000);
export const SEED = Number(process.env.ECI_FUZZ_SEED ?? 20261122);

const counts = new Map<string, { cases: number; failures: number }>();

/** Runs a property for `share` of the target's cases (fixed seed) and counts cases and failures. */
export async function fuzz<T>(target: string, share: number, arb: fc.Arbitrary<T>, check: (value: T) => void | Promise<void>): Promise<void> {
  const tally = counts.get(target) ?? { cases: 0, failures: 0 };
  counts.set(target, tally);
  const numRuns = Math.max(1, Math.round(RUNS * share));
  const property = fc.asyncProperty(arb, async (value) => {
    tally.cases++;
    await check(value);
  });
  try {
    await fc.assert(property, { numRuns, seed: SEED + hash(target), endOnFailure: true });
  } catch (error) {
    tally.failures++;
    throw error;
  }
}

/** Prints the report line of every target run in this file. Call from `after`. */
export function report(...targets: string[]): void {
  for (const target of targets) {
    const t = counts.get(target);
    console.log(t ? `fuzz ${target}: ${t.cases} cases, ${t.failures} failures` : `fuzz ${target}: NOT RUN`);
  }
}

/** Loud notice for a target whose code does not exist yet; it is not counted. */
export function notAvailable(target: string, why: string): void {
  const bar = '!'.repeat(78);
  console.log(`${bar}\nfuzz ${target}: NOT AVAILABLE (${why}) - 0 cases, not counted\n${bar}`);
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h) % 100_000;
}

/** Time bound for analysing `chars` characters: generous base plus a per-KB allowance. */
export function boundMs(chars: number): number {
  return 400 + (60 * chars) / 1024;
}

/**
 * Runs `work` and fails when it exceeds the bound twice in a row (one retry absorbs a GC pause or a
 * cold grammar load).
 */
export async function withinBound<T>(chars: number, what: string, work: () => T | Promise<T>): Promise<T> {
  const bound = boundMs(chars);
  let t0 = performance.now();
  let result = await work();
  let took = performance.now() - t0;
  if (took > bound) {
    t0 = performance.now();
    result = await work();
    took = performance.now() - t0;
    assert.ok(took <= bound, `${what} took ${took.toFixed(0)} ms for ${chars} characters (bound ${bound.toFixed(0)} ms)`);
  }
  return result;
}

/** Asserts an LSP range lies inside `text`: line < lineCount, character <= line length, start <= end. */
export function assertRangeInside(text: string, range: Range, what: string, lines = linesOf(text)): void {
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: bad position ${JSON.stringify(p)}`);
    assert.ok(p.line < lines.length, `${what}: line ${p.line} >= lineCount ${lines.length}`);
    assert.ok(p.character <= lines[p.line].length, `${what}: character ${p.character} > length ${lines[p.line].length} of line ${p.line}`);
  }
  const s = range.start;
  const e = range.end;
  assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `${what}: start after end ${JSON.stringify(range)}`);
}

let shared: ErrorCodeLanguageService | undefined;
/** One service for the fuzz run (grammars load once). */
export function fuzzService(): ErrorCodeLanguageService {
  shared ??= new ErrorCodeLanguageService();
  return shared;
}

let counter = 0;
export function freshUri(lang: string): string {
  return `memory://fuzz/${++counter}.${lang}`;
}

/** Runtime feature detection on the service facade: a method that may not be written yet. */
export function method<K extends string>(service: object, name: K): ((...args: never[]) => unknown) | undefined {
  const fn = (service as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as (...args: never[]) => unknown).bind(service) : undefined;
}

/** Imports a module that may not exist yet; undefined when it does not. */
export async function optionalImport(modulePath: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(modulePath)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(String(error))) return undefined;
    throw error;
  }
}
