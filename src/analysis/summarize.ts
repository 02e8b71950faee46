import { spanTotals } from '../model/totals';
import type { TrackerSnapshot } from 'workout-spans';
import { fatigue, longPauses, slowRounds } from './anomalies';
import { readExercises } from './exercises';
import { readMinutes } from './minutes';
import { repsPerMinute } from './reps-per-minute';
import { readRounds } from './rounds';
import { scoreOf } from './score';
import { repsBySegment } from '../model/segment-reps';
import { splitStats } from './splits';
import { countStatuses } from './statuses';
import { deepFreeze } from '../model/freeze';
import type { SummarizeOptions, WorkoutSummary } from './types';
import { workoutTree } from '../model/workout-tree';

/**
 * What an athlete and a coach want to see after one workout (API.md §11 WorkoutSummary): the root
 * span `rootSpanId` (default: the first root) and its tree, read at `at` (default: the latest
 * instant of the snapshot). Reads frozen data only, never reaches back into a tracker, and hands
 * out a frozen, JSON-safe object (§1).
 *
 * Splits, `slow-round` and `fatigue` use the *finished* rounds' running times (pauses excluded):
 * an AMRAP's last round cut by the clock, or a round still open, is not a split.
 */
export function summarize(snapshot: TrackerSnapshot, options: SummarizeOptions = {}): WorkoutSummary {
  const tree = workoutTree(snapshot, options);
  const totals = spanTotals(tree.root, tree.at);
  const reps = repsBySegment(tree.records);
  const rounds = readRounds(tree, reps);
  const finished = rounds.filter((r) => r.finished);
  return deepFreeze({
    rootSpanId: tree.root.id,
    totals,
    score: scoreOf(tree.root.type, totals, rounds),
    rounds: rounds.map((r) => r.summary),
    minutes: readMinutes(tree, reps),
    exercises: readExercises(tree),
    splits: splitStats(finished.map((r) => r.summary.elapsedMs)),
    repsPerMinute: repsPerMinute(tree, totals.elapsedMs),
    statuses: countStatuses(tree),
    anomalies: [...slowRounds(finished), ...fatigue(finished, tree.root.label), ...longPauses(tree)],
  });
}
