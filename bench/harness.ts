/**
 * A small layer over tinybench: runs two tasks side by side for a few rounds (alternating their
 * order) and reports the median cost per operation of each and the median of the per-round ratios,
 * so that the noise of a shared machine cancels out as far as it can.
 */
import { Bench } from 'tinybench';
import { median } from './stats';

export interface Side {
  name: string;
  /** Runs `ops` operations. */
  run: () => void;
  /** Operations per call of `run` (a batch keeps the timer's own cost out of the figure). */
  ops: number;
  /** Untimed work before each call (resetting an exporter, replacing a full tracker, …). */
  beforeEach?: () => void;
}

export interface Comparison {
  a: number;
  b: number;
  /** Median of the per-round ratios a / b. */
  ratio: number;
  /**
   * The same from mean times: every sample counts, including those a garbage collection fell in,
   * which the median leaves out (information: the issue's figures are medians).
   */
  mean: { a: number; b: number; ratio: number };
}

export interface CompareOptions {
  rounds?: number;
  timeMs?: number;
  /** Minimum samples per task and round. */
  iterations?: number;
  /** tinybench's warm-up (default true); without it, each side runs once before the first round. */
  warmup?: boolean;
}

/** Median cost per operation (µs) of each side, and the median ratio a / b. */
export async function compare(a: Side, b: Side, options: CompareOptions = {}): Promise<Comparison> {
  const { rounds = 3, timeMs = 400, iterations = 32, warmup = true } = options;
  const as: number[] = [];
  const bs: number[] = [];
  const aMeans: number[] = [];
  const bMeans: number[] = [];
  if (!warmup) {
    for (const side of [a, b]) {
      side.beforeEach?.();
      side.run();
    }
  }
  for (let r = 0; r < rounds; r++) {
    const bench = new Bench({
      time: timeMs,
      warmup,
      warmupTime: 100,
      warmupIterations: Math.min(16, iterations),
      iterations,
      throws: true,
    });
    const sides = r % 2 === 0 ? [a, b] : [b, a];
    for (const side of sides) {
      bench.add(side.name, side.run, side.beforeEach === undefined ? {} : { beforeEach: side.beforeEach });
    }
    await bench.run();
    const perOp = (side: Side, stat: 'p50' | 'mean'): number => {
      const task = bench.tasks.find((t) => t.name === side.name)!;
      const ms = task.result?.latency[stat];
      if (ms === undefined) throw new Error(`${side.name}: no result${task.result?.error ? `: ${task.result.error.message}` : ''}`);
      return (ms * 1000) / side.ops;
    };
    as.push(perOp(a, 'p50'));
    bs.push(perOp(b, 'p50'));
    aMeans.push(perOp(a, 'mean'));
    bMeans.push(perOp(b, 'mean'));
  }
  const ratioOf = (xs: number[], ys: number[]): number => median(xs.map((x, i) => x / ys[i]!));
  return {
    a: median(as),
    b: median(bs),
    ratio: ratioOf(as, bs),
    mean: { a: median(aMeans), b: median(bMeans), ratio: ratioOf(aMeans, bMeans) },
  };
}

export const fmtKb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

export const fmtUs = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`);

export interface Row {
  /** Its number in the table (set by the runner). */
  id?: string;
  benchmark: string;
  ours: string;
  reference: string;
  ratio: string;
  goal: string;
  met: boolean | undefined;
}

/**
 * A row for a timed comparison: both medians, the ratio (and, with `means`, the ratio from mean
 * times), met when the ratio is at most `goal` (no goal: information only).
 */
export function comparisonRow(benchmark: string, c: Comparison, options: { goal?: number; means?: string } = {}): Row {
  const { goal, means } = options;
  return {
    benchmark,
    ours: fmtUs(c.a),
    reference: fmtUs(c.b),
    ratio: `${c.ratio.toFixed(2)}×${means === undefined ? '' : ` (${means}: ${c.mean.ratio.toFixed(2)}×)`}`,
    goal: goal === undefined ? '–' : `≤ ${goal}×`,
    met: goal === undefined ? undefined : c.ratio <= goal,
  };
}

export function table(rows: Row[]): string {
  const head = '| # | benchmark | workout-spans | reference | ratio / figure | goal | |\n|---|---|---|---|---|---|---|';
  const lines = rows.map(
    (r, i) =>
      `| ${r.id ?? i + 1} | ${r.benchmark} | ${r.ours} | ${r.reference} | ${r.ratio} | ${r.goal} | ${r.met === undefined ? '–' : r.met ? 'met' : '**missed**'} |`,
  );
  return [head, ...lines].join('\n');
}
