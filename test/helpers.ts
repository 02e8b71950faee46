import { createManualClock, createTracker, type TrackerError, type TrackerOptions } from 'workout-spans';

export const T0 = 1_700_000_000_000;

/** A tracker on a manual clock at T0 that collects its `error` events. */
export function makeTracker<S extends boolean = false>(options: TrackerOptions & { strict?: S } = {}) {
  const clock = createManualClock(T0);
  const errors: TrackerError[] = [];
  const tracker = createTracker<S>({ clock, ...options });
  tracker.on('error', (e) => errors.push(e));
  return { tracker, clock, errors };
}

/** Runs `fn` and returns the TrackerError code it threw (or undefined). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as TrackerError).code;
  }
  return undefined;
}
