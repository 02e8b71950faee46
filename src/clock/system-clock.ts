import type { Clock, ClockJump } from './clock';
import { createJumpListeners } from './jump-listeners';

/** Where a system clock reads time; every field is optional. */
export interface SystemClockOptions {
  /** Wall time in epoch milliseconds. Default: `Date.now()`. */
  wallNow?: () => number;
  /**
   * A monotonic clock in milliseconds from any origin: never stepped, but it may stand still while
   * the machine sleeps. Default: `performance.now()` when there is one; `null` says there is none.
   */
  monotonicNow?: (() => number) | null;
  /** How far (ms) the two may disagree between two readings before it counts as a jump. Default 2000. */
  jumpThresholdMs?: number;
}

/** A clock on the device's own time, which reports the jumps it sees. */
export interface SystemClock extends Clock {
  onJump(listener: (jump: ClockJump) => void): () => void;
}

const DEFAULT_JUMP_THRESHOLD_MS = 2_000;

/**
 * NTP slews a wall clock by at most 500 µs per second, and the monotonic clock is not always
 * slewed with it (mach_absolute_time on macOS is not). Over a long quiet stretch between two
 * readings that slow drift adds up (14 s in 8 h), so the threshold grows by this share of the
 * monotonic time between the readings: a sleep (no monotonic time) is still seen at the threshold.
 */
const DRIFT_ALLOWANCE = 0.0005;

type Source = () => number;

/** A finite reading, or undefined for anything else (NaN, ±Infinity, not a number, a throw). */
function read(source: Source): number | undefined {
  let value: unknown;
  try {
    value = source();
  } catch {
    return undefined;
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function defaultMonotonic(): Source | null {
  const perf = (globalThis as { performance?: { now?: unknown } }).performance;
  if (perf === undefined || perf === null || typeof perf.now !== 'function') return null;
  const p = perf as { now(): number };
  return () => p.now();
}

function checkOptions(options: unknown): asserts options is SystemClockOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('createSystemClock: options must be an object');
  const { wallNow, monotonicNow, jumpThresholdMs } = options as Record<string, unknown>;
  if (wallNow !== undefined && typeof wallNow !== 'function') throw new TypeError('createSystemClock: wallNow must be a function');
  if (monotonicNow != null && typeof monotonicNow !== 'function') {
    throw new TypeError('createSystemClock: monotonicNow must be a function or null');
  }
  if (jumpThresholdMs !== undefined && !(typeof jumpThresholdMs === 'number' && jumpThresholdMs > 0 && jumpThresholdMs < Infinity)) {
    throw new TypeError(`createSystemClock: jumpThresholdMs must be a finite number above 0, got ${String(jumpThresholdMs)}`);
  }
}

/**
 * A clock on the device's wall time, in whole epoch milliseconds, that never reads earlier than it
 * did. Each reading compares how far wall time and the monotonic clock moved since the last one:
 *
 * - They agree (within the threshold): it reads wall time. Small steps either way are followed
 *   (a step back under the threshold is held until wall time passes the last reading).
 * - Wall time moved further (a sleep, during which the monotonic clock stood still, or the wall
 *   clock stepped forward): it reads wall time again and reports `{ from, to, cause: 'suspend' }`,
 *   `from` being where the monotonic clock says it would be and `to - from` the time that passed
 *   unseen. A page has no way to tell a sleep from a forward step (both move wall time and not the
 *   monotonic clock), and a sleep is by far the more common, so both are reported as a suspend.
 * - Wall time moved less, or back (the wall clock stepped back): it keeps counting on the
 *   monotonic clock from where it was, ahead of wall time by the step, and reports
 *   `{ from, to, cause: 'clock-step' }` with `to < from`. Holding instead would freeze every
 *   duration for as long as the step (a 5-minute step back would make the next 5 minutes of a
 *   workout last 0 s), and slewing would make every duration wrong for a while; running ahead keeps
 *   durations right. It comes back to wall time when wall time moves forward again beyond the
 *   monotonic clock (the step undone, or a sleep: the time it ran ahead is given back first).
 *
 * Without a monotonic clock it reads wall time, sees no sleep or forward step (they look like time
 * passing), and handles a step back as above, counting on wall time's own progress. A reading that
 * is not a finite number is skipped: the monotonic clock carries the time on, or it holds.
 *
 * Jump listeners are called synchronously, inside the `now()` call that noticed the jump, after the
 * clock has moved to `to` and before that call returns.
 */
export function createSystemClock(options: SystemClockOptions = {}): SystemClock {
  checkOptions(options);
  const wallNow: Source = options.wallNow ?? (() => Date.now());
  const monotonicNow: Source | null = options.monotonicNow === undefined ? defaultMonotonic() : options.monotonicNow;
  const threshold = options.jumpThresholdMs ?? DEFAULT_JUMP_THRESHOLD_MS;
  const listeners = createJumpListeners();

  /** The time last read, unrounded; readings are its floor. */
  let value = 0;
  let started = false;
  /** How far ahead of wall time the clock runs: 0, or more after a step back. */
  let offset = 0;
  /** The readings the next comparison starts from: the last where both sources read well. */
  let refWall = 0;
  let refMono: number | undefined;
  let refValue = 0;

  const setReference = (wall: number, mono: number | undefined): void => {
    refWall = wall;
    refMono = mono;
    refValue = value;
  };

  /** Wall time and the monotonic clock both read: compare their progress since the reference. */
  const compare = (wall: number, mono: number, monoProgress: number): ClockJump | undefined => {
    const wallProgress = wall - refWall;
    const disagreement = wallProgress - monoProgress;
    const tolerance = threshold + Math.abs(monoProgress) * DRIFT_ALLOWANCE;
    const onMonotonic = Math.max(value, refValue + monoProgress);
    let jump: ClockJump | undefined;
    if (disagreement > tolerance) {
      value = Math.max(onMonotonic, wall);
      offset = value - wall;
      const from = Math.floor(onMonotonic);
      const to = Math.floor(value);
      if (to > from) jump = { from, to, cause: 'suspend' };
    } else if (disagreement < -tolerance) {
      value = onMonotonic;
      offset = value - wall;
      jump = { from: Math.floor(value), to: Math.floor(value + disagreement), cause: 'clock-step' };
    } else {
      value = Math.max(value, wall + offset);
    }
    setReference(wall, mono);
    return jump;
  };

  const advance = (): ClockJump | undefined => {
    const wall = read(wallNow);
    const mono = monotonicNow === null ? undefined : read(monotonicNow);
    if (wall === undefined) {
      // No wall time: the monotonic clock carries the time on from the reference, if it can.
      if (started && mono !== undefined && refMono !== undefined) value = Math.max(value, refValue + (mono - refMono));
      return undefined;
    }
    if (!started) {
      started = true;
      value = wall;
      setReference(wall, monotonicNow === null ? 0 : mono);
      return undefined;
    }
    // Without a monotonic clock, wall time's own forward progress stands in for it: only a step
    // back can be seen.
    if (monotonicNow === null) return compare(wall, 0, Math.max(0, wall - refWall));
    if (mono !== undefined && refMono !== undefined) return compare(wall, mono, mono - refMono);
    // The monotonic clock did not read (now or at the reference): follow wall time, and keep the
    // reference unless this reading is the first good pair, so that the next comparison spans
    // the same stretch on both clocks.
    value = Math.max(value, wall + offset);
    if (mono !== undefined) setReference(wall, mono);
    return undefined;
  };

  return {
    now(): number {
      const jump = advance();
      if (jump !== undefined) listeners.emit(Object.freeze(jump));
      return Math.floor(value);
    },
    onJump: (listener) => listeners.add(listener),
  };
}

/**
 * The device's clock: wall time in whole epoch milliseconds that never reads earlier than it did,
 * back on wall time after a sleep or a step forward, and reporting both through `onJump`.
 */
export const systemClock: SystemClock = createSystemClock();
