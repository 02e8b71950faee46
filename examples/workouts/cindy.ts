import { createManualClock, createTracker, type ExecutionTracker, type ManualClock, type TrackerOptions } from 'workout-spans';
import { T0 } from './fran';

export interface CindyRun {
  tracker: ExecutionTracker;
  clock: ManualClock;
  rootId: string;
}

const MOVES = [
  { key: 'pullups', label: 'Pull-ups', exerciseId: 'pull-up', reps: 5, ms: 30_000 },
  { key: 'pushups', label: 'Push-ups', exerciseId: 'push-up', reps: 10, ms: 45_000 },
  { key: 'squats', label: 'Air squats', exerciseId: 'air-squat', reps: 15, ms: 60_000 },
] as const;

const CAP_MS = 1_200_000;
const at = (seconds: number): number => T0 + seconds * 1000;

class Stop {}

/**
 * S2 Cindy: AMRAP 20 of 5 pull-ups, 10 push-ups, 15 squats. The athlete pauses at 320 s and
 * resumes at 380 s; a rep sent at 340 s is rejected: this run refuses work while paused
 * (`policy: { paused: 'reject' }`; the tracker's default keeps it). The workout ends at 1 260 s (20 min of elapsed
 * time) with 5 pull-ups, 10 push-ups and 11 squats of round 9.
 * With `untilSeconds`, the run stops there (clock set to it) and leaves the workout active.
 */
export function runCindy(options: TrackerOptions = {}, untilSeconds = Infinity, setup?: (tracker: ExecutionTracker) => void): CindyRun {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, ...options, policy: { paused: 'reject', ...options.policy } });
  setup?.(tracker);
  const root = tracker.startSpan({
    key: 'cindy',
    label: 'AMRAP 20',
    blockType: 'amrap',
    timer: { direction: 'down', durationMs: CAP_MS },
  })!;
  let current = '';
  let pauseDone = false;
  /** Lets `ms` of running time pass; the pause happens on the way when its instant is crossed. */
  const work = (ms: number): void => {
    let target = clock.now() + ms;
    if (!pauseDone && target > at(320)) {
      pauseDone = true;
      for (const [t, step] of [
        [at(320), () => tracker.pause()],
        [at(340), () => tracker.recordMetric(current, 'reps', 5, 'reps')],
        [at(380), () => tracker.resume()],
      ] as const) {
        if (t > at(untilSeconds)) break;
        clock.set(t);
        step();
      }
      target += 60_000;
    }
    if (target > at(untilSeconds)) {
      clock.set(at(untilSeconds));
      throw new Stop();
    }
    clock.set(target);
  };
  try {
    for (let round = 1; ; round++) {
      tracker.startSegment('cindy', 'round', `Round ${round}`, round - 1);
      for (const move of MOVES) {
        current = `cindy-${move.key}-${round}`;
        tracker.startSpan({ key: current, label: move.label, blockType: 'effort' });
        tracker.recordMetric(current, 'exerciseId', move.exerciseId, '');
        const remaining = CAP_MS - tracker.totals(root.id)!.elapsedMs;
        if (remaining < move.ms) {
          work(remaining);
          tracker.recordMetric(current, 'reps', Math.floor((move.reps * remaining) / move.ms), 'reps');
          tracker.endSpan(current);
          tracker.endSpan('cindy');
          return { tracker, clock, rootId: root.id };
        }
        work(move.ms);
        tracker.recordMetric(current, 'reps', move.reps, 'reps');
        tracker.endSpan(current);
      }
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return { tracker, clock, rootId: root.id };
}
