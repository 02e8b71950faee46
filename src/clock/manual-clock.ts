import type { ManualClock } from './clock';

function checkFinite(ms: number, what: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TypeError(`createManualClock: ${what} must be a finite number, got ${String(ms)}`);
  }
}

/** A clock that only moves when told to. It may be set back: the tracker clamps. */
export function createManualClock(start = 0): ManualClock {
  checkFinite(start, 'start');
  let t = start;
  return {
    now: () => t,
    advance(ms: number): number {
      checkFinite(ms, 'advance(ms)');
      t += ms;
      return t;
    },
    set(ms: number): number {
      checkFinite(ms, 'set(ms)');
      t = ms;
      return t;
    },
  };
}
