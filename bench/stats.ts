/** Small statistics helpers for the benchmark: every figure is reported with its baseline. */
export interface Stat {
  median: number;
  p95: number;
  runs: number;
}

export function stat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: samples.length };
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Times `fn` `runs` times after `warmup` untimed runs; milliseconds. */
export async function time(fn: () => unknown, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    await fn();
    samples.push(nowMs() - t0);
  }
  return samples;
}

export interface Figure {
  name: string;
  unit: 'ms' | 'MB' | 'MB/s' | 'bytes';
  value: Stat;
  baseline?: { name: string; value: Stat };
  /** value.median / baseline.median */
  ratio?: number;
  /** At most `max`, or (throughputs) at least `min`. */
  budget?: { max?: number; min?: number; of: 'median' | 'p95' | 'ratio'; text: string };
  withinBudget?: boolean;
  note?: string;
}

export function figure(f: Omit<Figure, 'ratio' | 'withinBudget'>): Figure {
  const ratio = f.baseline && f.baseline.value.median > 0 ? round(f.value.median / f.baseline.value.median, 2) : undefined;
  let withinBudget: boolean | undefined;
  if (f.budget) {
    const actual = f.budget.of === 'ratio' ? ratio : f.value[f.budget.of];
    withinBudget = actual !== undefined && (f.budget.max === undefined || actual <= f.budget.max) && (f.budget.min === undefined || actual >= f.budget.min);
  }
  return { ...f, ratio, withinBudget };
}
