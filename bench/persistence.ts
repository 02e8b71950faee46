/**
 * Benchmark 4: serialize + deserialize of a session of 10 000 spans against plain JSON.stringify +
 * JSON.parse of the same records (what any save would cost at the least).
 */
import { compare, comparisonRow, type Row } from './harness';
import { fullEffortSpan, subscribedTracker } from './workloads';

const SPANS = 10_000;

export async function benchPersistence(): Promise<Row> {
  // Loaded here: src/persistence is a separate concern of the core entry.
  const { serialize, deserialize } = await import('../src/persistence/index');
  const tracker = subscribedTracker();
  for (let i = 0; i < SPANS; i++) fullEffortSpan(tracker);
  const snapshot = tracker.getSnapshot();
  const plain = { format: 'workout-spans', version: 1, savedAt: Date.now(), spans: snapshot.spans, metrics: snapshot.metrics };
  let sink: unknown;
  const result = await compare(
    { name: 'serialize + deserialize', ops: 1, run: () => void (sink = deserialize(serialize(snapshot))) },
    { name: 'JSON.stringify + JSON.parse', ops: 1, run: () => void (sink = JSON.parse(JSON.stringify(plain))) },
    { timeMs: 0, iterations: 3, warmup: false },
  );
  void sink;
  return comparisonRow(
    `serialize + deserialize vs JSON.stringify + JSON.parse, ${SPANS.toLocaleString('en')} spans (5 records, 3 segments each)`,
    result,
    {
      goal: 2,
    },
  );
}
