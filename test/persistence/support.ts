import { readFileSync } from 'node:fs';
import {
  createManualClock,
  createTracker,
  TrackerError,
  type ExecutionTracker,
  type ManualClock,
  type TrackerOptions,
} from 'workout-spans';

export const T0 = 1_700_000_000_000;
export const at = (seconds: number): number => T0 + seconds * 1000;

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** The session of test/fixtures/amrap-v1.json, played on a live tracker (ids differ). */
export function playFixtureSession(options: TrackerOptions = {}): {
  tracker: ExecutionTracker;
  clock: ManualClock;
  ids: Record<string, string>;
} {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, ...options });
  const root = tracker.startSpan({
    key: 'amrap-5',
    label: 'AMRAP 5',
    blockType: 'amrap',
    timer: { direction: 'down', durationMs: 300_000 },
  })!;
  tracker.startSegment('amrap-5', 'round', 'Round 1', 0);
  const pullups = tracker.startSpan({ key: 'amrap-5-pullups', label: 'Pull-ups', blockType: 'effort' })!;
  tracker.recordMetric('amrap-5-pullups', 'exerciseId', 'pull-up', '');
  clock.set(at(30));
  tracker.recordMetric('amrap-5-pullups', 'reps', 5, 'reps');
  tracker.endSpan('amrap-5-pullups');
  const pushups = tracker.startSpan({ key: 'amrap-5-pushups', label: 'Push-ups', blockType: 'effort' })!;
  tracker.recordMetric('amrap-5-pushups', 'exerciseId', 'push-up', '');
  clock.set(at(40));
  tracker.recordMetric('amrap-5', 'heartRate', 142, 'bpm', 'strap');
  clock.set(at(60));
  return { tracker, clock, ids: { [root.id]: 'span-amrap', [pullups.id]: 'span-pullups', [pushups.id]: 'span-pushups' } };
}

/** Runs `fn`, expecting a TrackerError; returns it. */
export function thrown(fn: () => unknown): TrackerError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TrackerError) return e;
    throw new Error(`expected a TrackerError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a TrackerError, nothing was thrown');
}

/**
 * True when the value and everything in it is frozen. The columns of a samples view are typed arrays,
 * which cannot be frozen: they are read-only by contract, and count as frozen here.
 */
export function deeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (ArrayBuffer.isView(value)) return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(deeplyFrozen);
}

export type FaultMode = 'throw' | 'tear' | 'crash';

/**
 * A storage over `base` that counts writes and, at write number `failAt` (1-based), fails:
 * 'throw' stores nothing and throws; 'tear' stores the first half of the value, then throws;
 * 'crash' stores the first half and returns as if all went well (the tab died mid-write).
 * `async` makes every method return a promise.
 */
export function faultyStorage(
  base: { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void },
  options: { failAt?: number; mode?: FaultMode; async?: boolean } = {},
) {
  const { failAt = Infinity, mode = 'throw', async = false } = options;
  const log: string[] = [];
  let writes = 0;
  const setItem = (key: string, value: string): void => {
    writes++;
    if (writes === failAt) {
      log.push(`${mode} ${key}`);
      if (mode !== 'throw') base.setItem(key, value.slice(0, value.length >> 1));
      if (mode !== 'crash') throw new Error(`disk full at write ${writes}`);
      return;
    }
    log.push(`set ${key}`);
    base.setItem(key, value);
  };
  const wrap = <A extends unknown[], R>(fn: (...args: A) => R) => (async ? (...args: A) => Promise.resolve().then(() => fn(...args)) : fn);
  return {
    storage: {
      getItem: wrap((key: string) => base.getItem(key)),
      setItem: wrap(setItem),
      removeItem: wrap((key: string) => base.removeItem(key)),
    },
    log,
    get writes() {
      return writes;
    },
  };
}
