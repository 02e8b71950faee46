/**
 * Bundled for the page by bench/browser/page.ts: the workloads of benchmarks 1 and 3 as functions on
 * `globalThis.benchCases`, for Chromium.
 */
import { batchRunner, buildSpans, type BatchRunner, type EffortSide as Side } from '../effort-sides';
import { median } from '../stats';

/** Benchmark 3: builds `spans` full effort spans on a side and returns what keeps them. */
const keep = (side: Side, spans: number): unknown => buildSpans(side, spans);

/**
 * Benchmark 1 in the page: `rounds` rounds, the two sides in alternating order, each run in batches
 * of `batch` spans for `timeMs` (batches long enough for the page clock, coarsened to 0.1 ms); per
 * side and round the median and the mean time per span (µs), and the medians over rounds of the
 * per-round ratios a / b.
 */
function compare(a: Side, b: Side, rounds = 5, timeMs = 400, batch = 500) {
  const run = { [a]: batchRunner(a), [b]: batchRunner(b) } as Record<Side, BatchRunner>;
  const once = (side: Side): void => {
    run[side].beforeEach();
    run[side].run(batch);
  };
  for (const side of [a, b]) for (let i = 0; i < 20; i++) once(side); // warm-up
  const medians: Record<string, number[]> = { [a]: [], [b]: [] };
  const means: Record<string, number[]> = { [a]: [], [b]: [] };
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 === 0 ? [a, b] : [b, a]) {
      const samples: number[] = [];
      const end = performance.now() + timeMs;
      while (performance.now() < end) {
        run[side].beforeEach();
        const t0 = performance.now();
        run[side].run(batch);
        samples.push(((performance.now() - t0) * 1000) / batch);
      }
      medians[side]!.push(median(samples));
      means[side]!.push(samples.reduce((x, y) => x + y, 0) / samples.length);
    }
  }
  const ratio = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / ys[i]!));
  return {
    a: median(medians[a]!),
    b: median(medians[b]!),
    ratio: ratio(medians[a]!, medians[b]!),
    meanRatio: ratio(means[a]!, means[b]!),
  };
}

(globalThis as { benchCases?: unknown }).benchCases = { keep, compare };
