/** Benchmark 1: a full effort span against OpenTelemetry's SDK doing one span with 5 attributes and 3 events. */
import { compare, fmtUs, type Row } from './harness';
import { fullEffortSpan, otelSdk, otelSpan, subscribedTracker } from './workloads';

const BATCH = 100;
/** Trackers and exporters are replaced (outside the timing) before they hold more than this. */
const KEEP = 5_000;

export async function benchEffortSpan(): Promise<Row> {
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
    {
      name: 'OpenTelemetry SDK: span, 5 attributes, 3 events',
      ops: BATCH,
      beforeEach: () => {
        if (otel.exporter.getFinishedSpans().length >= KEEP) otel.exporter.reset();
      },
      run: () => {
        for (let i = 0; i < BATCH; i++) otelSpan(otel.tracer);
      },
    },
  );
  return {
    benchmark: 'full effort span (start, 5 metrics, 3 segments, end, 1 subscriber) vs OTel span (5 attributes, 3 events)',
    ours: fmtUs(result.a),
    reference: fmtUs(result.b),
    ratio: `${result.ratio.toFixed(2)}×`,
    goal: '≤ 1.0×',
    met: result.ratio <= 1.0,
  };
}
