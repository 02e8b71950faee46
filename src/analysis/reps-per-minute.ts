import type { RepsInMinute } from './types';
import type { RunningClock } from '../model/running-time';
import type { WorkoutTree } from '../model/workout-tree';

const MINUTE_MS = 60_000;

/**
 * Up to this many minutes (24 hours of running time), `repsPerMinute` lists every minute, empty ones
 * as 0; beyond it, only the minutes that hold reps and the last one.
 */
export const DENSE_MINUTES_LIMIT = 1_440;

/**
 * Reps by minute of running time: minute m holds the `reps` records made at elapsed time
 * [m·60 s, (m+1)·60 s) of the root, pauses excluded. The last minute is the one the workout's
 * running time or a record reaches.
 *
 * The work is bounded by what was recorded, not by the time range: a workout of up to
 * `DENSE_MINUTES_LIMIT` minutes lists every minute (so the series charts without gaps); a longer one
 * (a clock left at 0 and then set to now makes 28 million minutes) lists only the minutes that hold
 * a reps record, and the last minute. Either way the list is in minute order and each entry names
 * its minute.
 */
export function repsPerMinute(tree: WorkoutTree, elapsedMs: number, clock: RunningClock): RepsInMinute[] {
  const byMinute = new Map<number, number>();
  let last = Math.ceil(elapsedMs / MINUTE_MS) - 1;
  for (const r of tree.records) {
    if (r.key !== 'reps' || typeof r.value !== 'number' || !Number.isFinite(r.value)) continue;
    const minute = Math.floor(clock(tree.root.startTime, r.recordedAt) / MINUTE_MS);
    byMinute.set(minute, (byMinute.get(minute) ?? 0) + r.value);
    if (minute > last) last = minute;
  }
  if (last < 0) return [];
  if (last < DENSE_MINUTES_LIMIT) return Array.from({ length: last + 1 }, (_, minute) => ({ minute, reps: byMinute.get(minute) ?? 0 }));
  if (!byMinute.has(last)) byMinute.set(last, 0);
  return [...byMinute.keys()].sort((x, y) => x - y).map((minute) => ({ minute, reps: byMinute.get(minute)! }));
}
