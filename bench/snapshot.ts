/**
 * Benchmark 5: getSnapshot() after one change (a metric recorded on the live span), in a tracker of
 * 10 000 spans against one of 10. Only what changed may be rebuilt.
 */
import type { ExecutionTracker, TrackerSnapshot } from 'workout-spans';
import { compare, comparisonRow, type Row } from './harness';
import { EFFORT, fullEffortSpan, subscribedTracker } from './workloads';

/** Changes per timed call: the live span then ends (untimed), holding 5 records like every other span. */
const BATCH = 5;
const LIVE = { key: 'live', label: 'Live', blockType: 'effort' };

/**
 * A tracker of `spans` spans: completed full effort spans (5 records, 3 segments each) and one live
 * span. Archiving keeps the count steady while live spans are replaced.
 */
function trackerOf(spans: number): ExecutionTracker {
  const tracker = subscribedTracker({ maxCompletedSpans: spans - 1 });
  for (let i = 0; i < spans - 1; i++) fullEffortSpan(tracker, EFFORT);
  tracker.startSpan(LIVE, null);
  tracker.getSnapshot();
  return tracker;
}

let sink: unknown;

function side(name: string, tracker: ExecutionTracker, read: (snapshot: TrackerSnapshot) => unknown = (s) => s.active) {
  return {
    name,
    ops: BATCH,
    beforeEach: () => {
      tracker.endSpan('live');
      tracker.startSpan(LIVE, null);
      sink = tracker.getSnapshot();
    },
    run: () => {
      for (let i = 0; i < BATCH; i++) {
        tracker.recordMetric('live', 'reps', 5, 'reps');
        sink = read(tracker.getSnapshot());
      }
    },
  };
}

/** The goal's figure (reading the snapshot and its active spans), then, for information, reading every span too. */
export async function benchSnapshot(): Promise<Row[]> {
  const big = trackerOf(10_000);
  const small = trackerOf(10);
  const result = await compare(side('getSnapshot after a change, 10 000 spans', big), side('getSnapshot after a change, 10 spans', small), {
    timeMs: 250,
  });
  const all = (s: TrackerSnapshot): unknown => s.spans.length;
  const full = await compare(side('… and snapshot.spans, 10 000 spans', big, all), side('… and snapshot.spans, 10 spans', small, all), {
    timeMs: 250,
  });
  void sink;
  return [
    comparisonRow('one change + getSnapshot() (and its active spans): 10 000 vs 10 spans', result, { goal: 2 }),
    comparisonRow('(for information) the same, then reading snapshot.spans: the list of 10 000 is built on that read', full),
  ];
}
