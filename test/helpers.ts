import { createManualClock, createTracker, type TrackerError, type TrackerEventName, type TrackerOptions } from 'workout-spans';

export const T0 = 1_700_000_000_000;

/** A tracker on a manual clock at T0 that collects its `error` events. */
export function makeTracker<S extends boolean = false>(options: TrackerOptions & { strict?: S } = {}) {
  const clock = createManualClock(T0);
  const errors: TrackerError[] = [];
  const tracker = createTracker<S>({ clock, ...options });
  tracker.on('error', (e) => errors.push(e));
  return { tracker, clock, errors };
}

/** Clock readings that are not finite numbers, as a clock with a bug might return them: `[name, reading]`. */
export const NOT_A_TIME: readonly [string, number][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['a string', '12' as unknown as number],
  ['undefined', undefined as unknown as number],
];

/** Runs `fn` and returns the TrackerError code it threw (or undefined). */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as TrackerError).code;
  }
  return undefined;
}

/** The events `LIFECYCLE_EVENTS` leaves out: a refusal or fault (`error`), a description, a sensor sample, a clock gap. */
type OtherEvent = 'error' | 'span:updated' | 'sample:recorded' | 'clock:gap';

/**
 * Keyed by every other event name, so that an event added to the tracker fails to compile here until
 * it is listed or named in `OtherEvent`.
 */
const lifecycle: Record<Exclude<TrackerEventName, OtherEvent>, null> = {
  'span:started': null,
  'span:stopped': null,
  'span:paused': null,
  'span:resumed': null,
  'segment:started': null,
  'segment:ended': null,
  'rest:started': null,
  'rest:stopped': null,
  'metric:recorded': null,
  'metric:rejected': null,
};

/** The lifecycle events, for tests that listen to (or fault) each of them. */
export const LIFECYCLE_EVENTS = Object.keys(lifecycle) as readonly (keyof typeof lifecycle)[];
