import { createManualClock, createTracker, type ExecutionTracker, type ManualClock } from 'workout-spans';

export const T0 = 1_700_000_000_000;

export interface Crafted {
  tracker: ExecutionTracker;
  clock: ManualClock;
  rootId: string;
}

/**
 * A workout of rounds that take the given times, on a manual clock: root `blockType` (default
 * 'rounds'), each round a `round` segment on the root holding one effort span with `reps` reps.
 */
export function craftRounds(roundMs: readonly number[], options: { blockType?: string; reps?: number; end?: boolean } = {}): Crafted {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  const root = tracker.startSpan({ key: 'root', label: 'Crafted', blockType: options.blockType ?? 'rounds' })!;
  roundMs.forEach((ms, i) => {
    tracker.startSegment('root', 'round', `Round ${i + 1}`, i);
    tracker.startSpan({ key: `effort-${i}`, label: 'Burpees', blockType: 'effort' });
    clock.advance(ms);
    tracker.recordMetric(`effort-${i}`, 'reps', options.reps ?? 10, 'reps');
    tracker.endSpan(`effort-${i}`);
  });
  if (options.end ?? true) {
    if (roundMs.length > 0) tracker.endSegment('root');
    tracker.endSpan('root');
  }
  return { tracker, clock, rootId: root.id };
}
