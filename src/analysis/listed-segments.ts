import type { ExecutionSpan, TimeSegment } from 'workout-spans';
import type { WorkoutTree } from '../model/workout-tree';

/** A segment with the span that holds it: a round is judged by its own span, whatever the summary's root. */
export interface OwnedSegment {
  segment: TimeSegment;
  owner: ExecutionSpan;
}

/**
 * Whether a segment is 0 ms long and opened at the instant its span ended. A runtime whose clock
 * stands still within a turn opens the next round and then sees the cap: that round never ran, and
 * listing it would add an empty round (and an AMRAP would score one round fewer).
 */
export function openedAtTheEnd(segment: TimeSegment, owner: ExecutionSpan): boolean {
  return segment.endTime === segment.startTime && owner.endTime === segment.startTime;
}

/**
 * The tree's segments of one type opened by `at`, in start order (ties in span, then segment,
 * order), each with its span, leaving out those `openedAtTheEnd`.
 */
export function listedSegments(tree: WorkoutTree, type: TimeSegment['type']): OwnedSegment[] {
  const out: OwnedSegment[] = [];
  for (const owner of tree.spans)
    for (const segment of owner.segments)
      if (segment.type === type && segment.startTime <= tree.at && !openedAtTheEnd(segment, owner)) out.push({ segment, owner });
  return out.sort((a, b) => a.segment.startTime - b.segment.startTime);
}
