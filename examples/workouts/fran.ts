import { createManualClock, createTracker, type ExecutionTracker, type ManualClock, type TrackerOptions } from 'workout-spans';

export const T0 = 1_700_000_000_000;

export interface FranRun {
  tracker: ExecutionTracker;
  clock: ManualClock;
  timerId: string;
  roundsId: string;
}

const SCHEME = [21, 15, 9];
const THRUSTER_MS = [60_000, 40_000, 30_000];
const PULLUP_MS = [45_000, 35_000, 30_000];

/** S1 Fran: For Time, 21-15-9 thrusters (95 lb) and pull-ups, on a manual clock. */
export function runFran(options: TrackerOptions = {}, setup?: (tracker: ExecutionTracker) => void): FranRun {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, ...options });
  setup?.(tracker);
  const timer = tracker.startSpan({ key: 'fran-timer', label: 'For Time', blockType: 'timer', timer: { direction: 'up' } })!;
  const rounds = tracker.startSpan({ key: 'fran-rounds', label: '21-15-9', blockType: 'rounds' })!;
  tracker.recordMetric('fran-rounds', 'repScheme', SCHEME, 'reps');
  tracker.recordMetric('fran-rounds', 'totalRounds', 3, 'rounds');
  SCHEME.forEach((reps, i) => {
    const r = i + 1;
    tracker.startSegment('fran-rounds', 'round', `Round ${r}`, i);
    tracker.recordMetric('fran-rounds', 'currentRound', r, 'round');
    const thrusters = `fran-thrusters-${r}`;
    tracker.startSpan({ key: thrusters, label: 'Thrusters', blockType: 'effort' });
    tracker.recordMetric(thrusters, 'exerciseId', 'thruster', '');
    tracker.recordMetric(thrusters, 'targetReps', reps, 'reps');
    tracker.recordMetric(thrusters, 'weight', 95, 'lb');
    clock.advance(THRUSTER_MS[i]!);
    tracker.recordMetric(thrusters, 'reps', reps, 'reps');
    tracker.endSpan(thrusters);
    const pullups = `fran-pullups-${r}`;
    tracker.startSpan({ key: pullups, label: 'Pull-ups', blockType: 'effort' });
    tracker.recordMetric(pullups, 'exerciseId', 'pull-up', '');
    tracker.recordMetric(pullups, 'targetReps', reps, 'reps');
    clock.advance(PULLUP_MS[i]!);
    tracker.recordMetric(pullups, 'reps', reps, 'reps');
    tracker.endSpan(pullups);
  });
  tracker.endSegment('fran-rounds');
  tracker.endSpan('fran-rounds');
  tracker.endSpan('fran-timer');
  return { tracker, clock, timerId: timer.id, roundsId: rounds.id };
}
