/**
 * Bundled for the page by bench/heap-browser.ts: the cases of bench/heap.ts, as functions on
 * `globalThis.heapCases`, each returning what it keeps.
 */
import { FloorStore } from '../contract-floor';
import { fullEffortSpan, otelSdk, otelSpan, subscribedTracker } from '../workloads';

const cases: Record<string, (spans: number) => unknown> = {
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

(globalThis as { heapCases?: typeof cases }).heapCases = cases;
