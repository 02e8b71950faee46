/**
 * Benchmark 2: recordMetric and a segment opened and closed on a live span, in a tracker holding 10
 * completed spans and in one holding 100 000. Nothing on the hot path may grow with the store.
 */
import type { ExecutionTracker } from 'workout-spans';
import { compare, comparisonRow, type Row } from './harness';
import { EFFORT, fullEffortSpan, subscribedTracker } from './workloads';

const BATCH = 100;
const LIVE = { key: 'live', label: 'Live', blockType: 'effort' };
/** The live span is replaced (outside the timing) after this many operations, so it does not grow either. */
const LIVE_OPS = 2_000;

interface Fixture {
  tracker: ExecutionTracker;
  ops: number;
}

/** A tracker holding `completed` full effort spans (kept at that count by archiving) and a live span. */
export function trackerWithCompleted(completed: number): Fixture {
  const tracker = subscribedTracker({ maxCompletedSpans: completed });
  for (let i = 0; i < completed; i++) fullEffortSpan(tracker, EFFORT);
  tracker.startSpan(LIVE, null);
  return { tracker, ops: 0 };
}

function side(name: string, f: Fixture) {
  return {
    name,
    ops: BATCH,
    beforeEach: () => {
      if (f.ops < LIVE_OPS) return;
      f.tracker.endSpan('live');
      f.tracker.startSpan(LIVE, null);
      f.ops = 0;
    },
    run: () => {
      const t = f.tracker;
      for (let i = 0; i < BATCH; i++) {
        t.startSegment('live', 'round', 'Round', i);
        t.recordMetric('live', 'reps', 5, 'reps');
        t.endSegment('live');
      }
      f.ops += BATCH;
    },
  };
}

export async function benchFlatCost(): Promise<Row> {
  const big = trackerWithCompleted(100_000);
  const small = trackerWithCompleted(10);
  // Seven rounds: the big tracker's collections make single rounds swing by ±30 % on a shared machine.
  const result = await compare(side('live span, 100 000 completed spans', big), side('live span, 10 completed spans', small), {
    rounds: 7,
  });
  return comparisonRow('recordMetric + segment open/close on a live span: 100 000 vs 10 completed spans', result, { goal: 1.3 });
}
