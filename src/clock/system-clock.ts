import type { Clock } from './clock';

const hasPerformance = typeof performance !== 'undefined' && typeof performance.now === 'function';

function createSystemClock(): Clock {
  // Wall time once, at first use, plus monotonic progress: epoch milliseconds that never step back,
  // even when the wall clock is adjusted (NTP, daylight saving, a user changing the time).
  let origin: number | undefined;
  let monoOrigin = 0;
  let last = -Infinity;
  return {
    now(): number {
      if (origin === undefined) {
        origin = Date.now();
        monoOrigin = hasPerformance ? performance.now() : 0;
      }
      const t = hasPerformance ? origin + (performance.now() - monoOrigin) : Date.now();
      if (t > last) last = t;
      return last;
    },
  };
}

/** Epoch milliseconds that never step back: wall time at first read plus monotonic progress. */
export const systemClock: Clock = createSystemClock();
