/**
 * Bundled for the page by bench/browser/page.ts: the workloads of benchmarks 1 and 3 as functions on
 * `globalThis.benchCases`, for Chromium.
 */
import { FloorStore } from '../contract-floor';
import { batchRunner, type EffortSide as Side, type BatchRunner } from '../effort-sides';
import { fullEffortSpan, otelSdk, otelSpan, subscribedTracker } from '../workloads';

/** Builds `spans` full effort spans and returns what keeps them (benchmark 3). */
const keep: Record<Side, (spans: number) => unknown> = {
  ours: (spans) => {
    const tracker = subscribedTracker();
    for (let i = 0; i < spans; i++) fullEffortSpan(tracker);
    return tracker;
  },
  floor: (spans) => {
    const store = new FloorStore();
    for (let i = 0; i < spans; i++) store.add();
    return store;
  },
  otel: (spans) => {
    const otel = otelSdk();
    for (let i = 0; i < spans; i++) otelSpan(otel.tracer);
    return otel;
  },
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

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
