import type { TimeSegment } from 'workout-spans';
import type { RoundSummary } from './types';
import { runningMs } from '../model/running-time';
import { endedBy, segmentEnd, segmentsOfType, type WorkoutTree } from '../model/workout-tree';

/** A round as the other parts of the summary need it: its summary row and whether it was finished. */
export interface RoundRead {
  segment: TimeSegment;
  summary: RoundSummary;
  /** Closed by the athlete, not cut short by the end of an AMRAP nor still open at `at`. */
  finished: boolean;
}

/**
 * Whether a round segment was finished. The tracker's `endSpan` closes open segments at the end
 * instant (§3), so an AMRAP's last round, cut by the clock, ends exactly when the root ends: that
 * round counts as still open at its end (§11 score). Other roots (For Time) finish their last round
 * at the same instant as the workout, and it counts.
 */
export function isFinishedRound(seg: TimeSegment, tree: WorkoutTree): boolean {
  if (seg.endTime === undefined || seg.endTime > tree.at) return false;
  const { root } = tree;
  return !(root.type === 'amrap' && endedBy(root, tree.at) && seg.endTime === root.endTime);
}

/** The tree's `round` segments in start order (§11 rounds): length, running time and reps. */
export function readRounds(tree: WorkoutTree, reps: ReadonlyMap<string, number>): RoundRead[] {
  return segmentsOfType(tree, 'round').map((seg, i) => {
    const end = segmentEnd(seg, tree.at);
    const owner = tree.byId.get(seg.parentSpanId);
    const summary: RoundSummary = {
      index: seg.index ?? i,
      label: seg.label,
      durationMs: end - seg.startTime,
      elapsedMs: owner === undefined ? end - seg.startTime : runningMs(owner, seg.startTime, end),
      reps: reps.get(seg.id) ?? 0,
    };
    return { segment: seg, summary, finished: isFinishedRound(seg, tree) };
  });
}
