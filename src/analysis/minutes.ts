import type { MinuteSummary } from './types';
import { runningMs } from '../model/running-time';
import { segmentEnd, segmentsOfType, type WorkoutTree } from '../model/workout-tree';

/**
 * The tree's `minute` segments in start order (§11 minutes): reps recorded in each, and its work
 * and rest time, read from the running intervals of the span that owns the segment.
 */
export function readMinutes(tree: WorkoutTree, reps: ReadonlyMap<string, number>): MinuteSummary[] {
  return segmentsOfType(tree, 'minute').map((seg, i) => {
    const end = segmentEnd(seg, tree.at);
    const owner = tree.byId.get(seg.parentSpanId);
    return {
      index: seg.index ?? i,
      label: seg.label,
      reps: reps.get(seg.id) ?? 0,
      workMs: owner === undefined ? 0 : runningMs(owner, seg.startTime, end, 'work'),
      restMs: owner === undefined ? 0 : runningMs(owner, seg.startTime, end, 'rest'),
    };
  });
}
