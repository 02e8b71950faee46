/** Benchmark 1: a full effort span against OpenTelemetry's SDK doing one span with 5 attributes and 3 events. */
import { FloorStore } from './contract-floor';
import { compare, fmtUs, type Row, type Side } from './harness';
import { fullEffortSpan, otelSdk, otelSpan, subscribedTracker, type Otel } from './workloads';

const BATCH = 100;
/** Trackers and exporters are replaced (outside the timing) before they hold more than this. */
const KEEP = 5_000;

function otelSide(otel: Otel): Side {
  return {
    name: 'OpenTelemetry SDK: span, 5 attributes, 3 events',
    ops: BATCH,
    beforeEach: () => {
      if (otel.exporter.getFinishedSpans().length >= KEEP) otel.exporter.reset();
    },
    run: () => {
      for (let i = 0; i < BATCH; i++) otelSpan(otel.tracer);
    },
  };
}

/**
 * Row 1, and row 1b: the floor, i.e. only the frozen objects the contract hands out for the same
 * span, built directly (bench/contract-floor.ts), against the same OpenTelemetry span.
 */
export async function benchEffortSpan(): Promise<Row[]> {
  let tracker = subscribedTracker();
  let spans = 0;
  const otel = otelSdk();
  const result = await compare(
    {
      name: 'workout-spans: full effort span',
      ops: BATCH,
      beforeEach: () => {
        if (spans >= KEEP) {
          tracker = subscribedTracker();
          spans = 0;
        }
      },
      run: () => {
        for (let i = 0; i < BATCH; i++) fullEffortSpan(tracker);
        spans += BATCH;
      },
    },
    otelSide(otel),
  );
  let store = new FloorStore();
  const floor = await compare(
    {
      name: 'contract floor: the same objects, built directly',
      ops: BATCH,
      beforeEach: () => {
        if (store.spans.size >= KEEP) store = new FloorStore();
      },
      run: () => {
        for (let i = 0; i < BATCH; i++) store.add();
      },
    },
    otelSide(otelSdk()),
  );
  const main: Row = {
    benchmark: 'full effort span (start, 5 metrics, 3 segments, end, 1 subscriber) vs OTel span (5 attributes, 3 events)',
    ours: fmtUs(result.a),
    reference: fmtUs(result.b),
    ratio: `${result.ratio.toFixed(2)}× (from means, GC included: ${result.mean.ratio.toFixed(2)}×)`,
    goal: '≤ 1.0×',
    met: result.ratio <= 1.0,
  };
  return [
    main,
    {
      benchmark: 'floor for row 1: only the frozen records the contract makes the same calls return, built directly (no tracker), vs the same OTel span',
      ours: fmtUs(floor.a),
      reference: fmtUs(floor.b),
      ratio: `${floor.ratio.toFixed(2)}× (from means: ${floor.mean.ratio.toFixed(2)}×)`,
      goal: '(reference)',
      met: undefined,
    },
  ];
}
