import type { StatusCounts } from './types';
import { endedBy, type WorkoutTree } from '../model/workout-tree';

/** Spans of the tree by status as of `at`: a span that ended later was still active then. */
export function countStatuses(tree: WorkoutTree): StatusCounts {
  const counts: StatusCounts = { active: 0, completed: 0, failed: 0, skipped: 0 };
  for (const span of tree.spans) counts[endedBy(span, tree.at) ? span.status : 'active']++;
  return counts;
}
