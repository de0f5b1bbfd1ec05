/**
 * Benchmark contract. Each area adds a module bench/<area>.bench.ts whose default export returns results;
 * bench/run.ts runs them all in one process and prints each figure as a ratio to a baseline measured in the
 * same run (never against a number from another machine), plus absolute figures for context.
 */
export interface BenchResult {
  /** What was measured, e.g. "import: parse+validate 100k rows". */
  name: string;
  /** The measured figure (ms, bytes, syncs…). */
  value: number;
  unit: string;
  /** The baseline measured in the same run, e.g. raw papaparse over the same bytes. */
  baseline?: { name: string; value: number };
  /** value / baseline.value when a baseline exists. */
  ratio?: number;
  /** The goal, e.g. "ratio ≤ 2". */
  goal?: string;
  /** Whether the goal is met (undefined when no goal). */
  met?: boolean;
  /** Extra context: records, peak memory, etc. */
  note?: string;
}

export interface BenchContext {
  /** Scale factor: 1 = full sizes (100k and 1M); `BENCH_QUICK=1` runs smaller sizes for a smoke test. */
  quick: boolean;
  log: (line: string) => void;
}

export type BenchModule = (ctx: BenchContext) => Promise<BenchResult[]>;

/** Median wall time in ms of `fn` over `repeat` runs (after one warm-up unless warm=false). */
export async function timeMs(fn: () => unknown | Promise<unknown>, repeat = 3, warm = true): Promise<number> {
  if (warm) await fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** A result with its ratio to a baseline and whether the goal `ratio ≤ maxRatio` is met. */
export function ratioResult(
  name: string,
  value: number,
  unit: string,
  baseline: { name: string; value: number },
  maxRatio?: number,
  note?: string,
): BenchResult {
  const ratio = baseline.value > 0 ? value / baseline.value : Number.NaN;
  return {
    name,
    value,
    unit,
    baseline,
    ratio,
    note,
    ...(maxRatio !== undefined ? { goal: `ratio ≤ ${maxRatio}`, met: ratio <= maxRatio } : {}),
  };
}
