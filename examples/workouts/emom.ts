import { createManualClock, createTracker, type ExecutionTracker, type ManualClock, type TrackerOptions } from 'workout-spans';
import { T0 } from './fran';

export interface EmomRun {
  tracker: ExecutionTracker;
  clock: ManualClock;
  rootId: string;
}

/** S3 EMOM 10: 10 burpees at the top of each minute, 40 s work / 20 s rest; a rep sent in minute 4's rest. */
export function runEmom(options: TrackerOptions = {}, setup?: (tracker: ExecutionTracker) => void): EmomRun {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, ...options });
  setup?.(tracker);
  const root = tracker.startSpan({ key: 'emom', label: 'EMOM 10', blockType: 'emom', timer: { direction: 'down', durationMs: 600_000 } })!;
  for (let m = 1; m <= 10; m++) {
    const top = T0 + (m - 1) * 60_000;
    clock.set(top);
    tracker.startSegment('emom', 'minute', `Minute ${m}`, m - 1);
    const key = `emom-burpees-${m}`;
    tracker.startSpan({ key, label: 'Burpees', blockType: 'effort' });
    tracker.recordMetric(key, 'exerciseId', 'burpee', '');
    tracker.recordMetric(key, 'targetReps', 10, 'reps');
    clock.set(top + 35_000);
    tracker.recordMetric(key, 'reps', 10, 'reps');
    tracker.endSpan(key);
    clock.set(top + 40_000);
    tracker.startRest('emom', { durationMs: 20_000 });
    if (m === 4) {
      clock.set(top + 45_000);
      tracker.recordMetric('emom', 'reps', 3, 'reps');
    }
    clock.set(top + 60_000);
    tracker.endRest('emom');
  }
  tracker.endSegment('emom');
  tracker.endSpan('emom');
  return { tracker, clock, rootId: root.id };
}
