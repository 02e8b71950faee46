import type { ExecutionSpan, TimeSegment } from 'workout-spans';
import type { RoundSummary } from './types';
import type { RunningClock } from '../model/running-time';
import { endAsOf, endedBy, listedSegments, type OwnedSegment, type WorkoutTree } from '../model/workout-tree';

/** A round as the other parts of the summary need it: its segment, its span and its summary row. */
export interface RoundRead extends OwnedSegment {
  summary: RoundSummary;
}

/**
 * Whether a round was finished, as of `at`, judged by the round and its own span only (so the
 * answer is the same whatever root a summary starts from):
 * - a round still open at `at` is not finished (yet);
 * - a round closed by the end of its span (`closedByEnd`) is *partial* when that span is an AMRAP
 *   (the cap cut it) or ended other than `completed` (an abandoned workout);
 * - every other closed round is finished: closed by the next round or `endSegment`, even in the
 *   instant its span ended, or by the normal end of a block that is not an AMRAP (Fran's last round,
 *   closed by ending the rounds block).
 */
export function isFinishedRound(segment: TimeSegment, owner: ExecutionSpan, at: number): boolean {
  if (!endedBy(segment, at)) return false;
  if (segment.closedByEnd !== true) return true;
  return owner.type !== 'amrap' && owner.status === 'completed';
}

/**
 * The tree's `round` segments in start order, a round of 0 ms opened as its span ended left out
 * (`listedSegments`): wall-clock length, running time (pauses excluded, from the round's own span),
 * reps recorded while it was open, and whether it was finished.
 */
export function readRounds(
  tree: WorkoutTree,
  reps: ReadonlyMap<string, number>,
  clockOf: (span: ExecutionSpan) => RunningClock,
): RoundRead[] {
  return listedSegments(tree, 'round').map(({ segment, owner }, i) => {
    const end = endAsOf(segment, tree.at);
    const summary: RoundSummary = {
      index: segment.index ?? i,
      label: segment.label,
      durationMs: end - segment.startTime,
      elapsedMs: clockOf(owner)(segment.startTime, end),
      reps: reps.get(segment.id) ?? 0,
      finished: isFinishedRound(segment, owner, tree.at),
    };
    return { segment, owner, summary };
  });
}
