import type { ExecutionSpan, Phase } from 'workout-spans';
import type { MinuteSummary } from './types';
import type { RunningClock } from '../model/running-time';
import { endAsOf, listedSegments, type WorkoutTree } from '../model/workout-tree';

/**
 * The tree's `minute` segments in start order (a minute of 0 ms opened as its span ended left out,
 * as for rounds): reps recorded in each, and its work and rest time, read from the running
 * intervals of the span that holds the segment.
 */
export function readMinutes(
  tree: WorkoutTree,
  reps: ReadonlyMap<string, number>,
  clockOf: (span: ExecutionSpan, phase: Phase) => RunningClock,
): MinuteSummary[] {
  return listedSegments(tree, 'minute').map(({ segment, owner }, i) => {
    const end = endAsOf(segment, tree.at);
    return {
      index: segment.index ?? i,
      label: segment.label,
      reps: reps.get(segment.id) ?? 0,
      workMs: clockOf(owner, 'work')(segment.startTime, end),
      restMs: clockOf(owner, 'rest')(segment.startTime, end),
    };
  });
}
