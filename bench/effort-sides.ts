/**
 * The three sides of benchmarks 1 and 3 (the tracker, the contract floor, OpenTelemetry), shared by
 * the Node runs (bench/effort.ts, bench/heap.ts) and the Chromium ones (bench/browser/cases.ts).
 */
import { FloorStore } from './contract-floor';
import { fullEffortSpan, otelSdk, otelSpan, subscribedTracker } from './workloads';

export type EffortSide = 'ours' | 'floor' | 'otel';

/** Trackers, stores and exporters are replaced (outside the timing) before they hold more than this. */
const KEEP = 5_000;

export interface BatchRunner {
  /** Untimed: replaces a full tracker, store or exporter. */
  beforeEach(): void;
  /** Builds `batch` spans. */
  run(batch: number): void;
  /** What holds the spans built since the last replacement. */
  holder(): unknown;
}

/** Benchmark 3: builds `spans` full effort spans on one side and returns what keeps them. */
export function buildSpans(side: EffortSide, spans: number): unknown {
  const runner = batchRunner(side, Infinity);
  runner.run(spans);
  return runner.holder();
}

/**
 * Benchmark 1: builds full effort spans in batches, and replaces what holds them (outside the
 * timing, in `beforeEach`) before it holds more than `keep`.
 */
export function batchRunner(side: EffortSide, keep = KEEP): BatchRunner {
  if (side === 'ours') {
    let tracker = subscribedTracker();
    let spans = 0;
    return {
      beforeEach: () => {
        if (spans >= keep) [tracker, spans] = [subscribedTracker(), 0];
      },
      holder: () => tracker,
      run: (batch) => {
        for (let i = 0; i < batch; i++) fullEffortSpan(tracker);
        spans += batch;
      },
    };
  }
  if (side === 'floor') {
    let store = new FloorStore();
    return {
      beforeEach: () => {
        if (store.spans.size >= keep) store = new FloorStore();
      },
      holder: () => store,
      run: (batch) => {
        for (let i = 0; i < batch; i++) store.add();
      },
    };
  }
  const otel = otelSdk();
  return {
    beforeEach: () => {
      if (otel.exporter.getFinishedSpans().length >= keep) otel.exporter.reset();
    },
    holder: () => otel,
    run: (batch) => {
      for (let i = 0; i < batch; i++) otelSpan(otel.tracer);
    },
  };
}
