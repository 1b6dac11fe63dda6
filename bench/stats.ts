// Timing and summary helpers for the benchmark: warm-up, interleaved sampling, medians and spread.
import { performance } from 'perf_hooks';

export interface Summary { n: number; median: number; p10: number; p90: number; min: number; max: number; p95: number }

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1] };
}

export interface SampleOptions {
  /** Untimed calls before sampling (JIT, caches, page cache). */
  warmup?: number;
  /** At least this many timed rounds... */
  minRuns?: number;
  /** ...and at most this many... */
  maxRuns?: number;
  /** ...stopping early once this much time went into timed rounds (after minRuns). */
  budgetMs?: number;
}

/**
 * Times several functions in interleaved rounds (A B C, B C A, ...), so a burst of load from the other
 * processes on a shared machine lands on all of them alike and their ratio stays meaningful.
 * Returns per-function samples in ms, in round order.
 */
export function interleaved(fns: readonly (() => unknown)[], opts: SampleOptions = {}): number[][] {
  const warmup = opts.warmup ?? 3, minRuns = opts.minRuns ?? 5, maxRuns = opts.maxRuns ?? 50, budget = opts.budgetMs ?? 5000;
  for (let w = 0; w < warmup; w++) for (const f of fns) sink(f());
  const samples: number[][] = fns.map(() => []);
  const t0 = performance.now();
  for (let r = 0; r < maxRuns; r++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (r + k) % fns.length;
      const t = performance.now();
      sink(fns[i]());
      samples[i].push(performance.now() - t);
    }
    if (r + 1 >= minRuns && performance.now() - t0 > budget) break;
  }
  return samples;
}

/** Times one function (see interleaved). */
export function sample(fn: () => unknown, opts: SampleOptions = {}): number[] {
  return interleaved([fn], opts)[0];
}

/** Per-round ratios a[i] / b[i] of two interleaved sample series. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) out.push(a[i] / b[i]);
  return out;
}

/** Keeps results observable so the JIT cannot drop the work being timed. */
let sunk = 0;
export function sink(x: unknown): void {
  if (x === undefined || x === null) return;
  if (typeof x === 'number') sunk ^= x | 0;
  else if (typeof x === 'string') sunk ^= x.length;
  else if (Array.isArray(x)) sunk ^= x.length;
  else sunk ^= 1;
}
export function sunkValue(): number { return sunk; }

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) { g(); g(); }
}

export function heapMB(): number { return process.memoryUsage().heapUsed / 1048576; }

/** Formats milliseconds with a sensible precision. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 10000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  if (x >= 1) return `${x.toFixed(2)} ms`;
  if (x >= 0.01) return `${x.toFixed(3)} ms`;
  return `${(x * 1000).toFixed(2)} µs`;
}

/** "12.3 ms (p10–p90 11.9–13.0, n=20)". */
export function spread(s: Summary): string {
  return `${ms(s.median)} (${ms(s.p10)}–${ms(s.p90)}, n=${s.n})`;
}

export function times(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}
