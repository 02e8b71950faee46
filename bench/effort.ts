/** Benchmark 1: a full effort span against OpenTelemetry's SDK doing one span with 5 attributes and 3 events. */
import { batchRunner, type EffortSide } from './effort-sides';
import { compare, comparisonRow, fmtUs, type Row, type Side } from './harness';

const BATCH = 100;

const NAMES: Record<EffortSide, string> = {
  ours: 'workout-spans: full effort span',
  floor: 'contract floor: the same objects, built directly',
  otel: 'OpenTelemetry SDK: span, 5 attributes, 3 events',
};

function side(name: EffortSide): Side {
  const runner = batchRunner(name);
  return { name: NAMES[name], ops: BATCH, beforeEach: runner.beforeEach, run: () => runner.run(BATCH) };
}

/**
 * Row 1, and row 1b: the floor, i.e. only the frozen objects the contract hands out for the same
 * span, built directly (bench/contract-floor.ts), against the same OpenTelemetry span.
 */
export async function benchEffortSpan(): Promise<Row[]> {
  const result = await compare(side('ours'), side('otel'));
  const floor = await compare(side('floor'), side('otel'));
  // The goal is by mean time (collections included); the median is shown beside it.
  return [
    {
      benchmark: 'full effort span (start, 5 metrics, 3 segments, end, 1 subscriber) vs OTel span (5 attributes, 3 events)',
      ours: `${fmtUs(result.mean.a)} mean (${fmtUs(result.a)} median)`,
      reference: `${fmtUs(result.mean.b)} mean (${fmtUs(result.b)} median)`,
      ratio: `${result.mean.ratio.toFixed(2)}× from means (medians: ${result.ratio.toFixed(2)}×)`,
      goal: '≤ 1.0× by mean time',
      met: result.mean.ratio <= 1.0,
    },
    comparisonRow(
      'floor for row 1: only the frozen records the contract makes the same calls return, built directly (no tracker), vs the same OTel span',
      floor,
      { means: 'from means' },
    ),
  ];
}
