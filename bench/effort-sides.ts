/**
 * The three sides of benchmark 1 as batch runners, shared by the Node run (bench/effort.ts) and the
 * Chromium run (bench/browser/cases.ts): each builds full effort spans, and replaces what holds them
 * (outside the timing) before it holds more than `KEEP`.
 */
import { FloorStore } from './contract-floor';
import { fullEffortSpan, otelSdk, otelSpan, subscribedTracker } from './workloads';

export type EffortSide = 'ours' | 'floor' | 'otel';

export const KEEP = 5_000;

export interface BatchRunner {
  /** Untimed: replaces a full tracker, store or exporter. */
  beforeEach(): void;
  /** Builds `batch` spans. */
  run(batch: number): void;
}

export function batchRunner(side: EffortSide): BatchRunner {
  if (side === 'ours') {
    let tracker = subscribedTracker();
    let spans = 0;
    return {
      beforeEach: () => {
        if (spans >= KEEP) [tracker, spans] = [subscribedTracker(), 0];
      },
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
        if (store.spans.size >= KEEP) store = new FloorStore();
      },
      run: (batch) => {
        for (let i = 0; i < batch; i++) store.add();
      },
    };
  }
  const otel = otelSdk();
  return {
    beforeEach: () => {
      if (otel.exporter.getFinishedSpans().length >= KEEP) otel.exporter.reset();
    },
    run: (batch) => {
      for (let i = 0; i < batch; i++) otelSpan(otel.tracer);
    },
  };
}
