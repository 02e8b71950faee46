import type { RepsInMinute } from './types';
import { runningMs } from '../model/running-time';
import type { WorkoutTree } from '../model/workout-tree';

const MINUTE_MS = 60_000;

/**
 * Reps by minute of running time (§11): minute m holds the `reps` records made at elapsed time
 * [m·60 s, (m+1)·60 s) of the root, pauses excluded. Every minute from 0 to the last one the workout
 * or a record reaches is listed, empty minutes as 0, so the series charts without gaps.
 */
export function repsPerMinute(tree: WorkoutTree, elapsedMs: number): RepsInMinute[] {
  const buckets: number[] = new Array<number>(Math.ceil(elapsedMs / MINUTE_MS)).fill(0);
  for (const r of tree.records) {
    if (r.key !== 'reps' || typeof r.value !== 'number') continue;
    const m = Math.floor(runningMs(tree.root, tree.root.startTime, r.recordedAt) / MINUTE_MS);
    while (buckets.length <= m) buckets.push(0);
    buckets[m]! += r.value;
  }
  return buckets.map((reps, minute) => ({ minute, reps }));
}
