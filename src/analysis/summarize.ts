import type { TrackerSnapshot } from 'workout-spans';
import { fatigue, longPauses, slowRounds } from './anomalies';
import { checkSnapshot } from './check-snapshot';
import { chooseRoot } from './choose-root';
import { emptySummary } from './empty-summary';
import { readExercises } from './exercises';
import { readMinutes } from './minutes';
import { readOptions } from './read-options';
import { repsPerMinute } from './reps-per-minute';
import { readRounds } from './rounds';
import { readSamples } from './samples';
import { scoreOf } from './score';
import { splitStats } from './splits';
import { countStatuses } from './statuses';
import type { RoundSummary, SummarizeOptions, WorkoutSummary } from './types';
import { deepFreeze } from '../model/freeze';
import { runningClocks } from '../model/running-time';
import { repsBySegment } from '../model/segment-reps';
import { spanTotals } from '../model/totals';
import { treeOf } from '../model/workout-tree';

/**
 * What an athlete and a coach want to see after one workout: the span `rootSpanId` (default: the
 * workout the snapshot holds, inside any session wrapper) and its tree, read at `at` (default: the
 * latest instant the tree reaches). Reads frozen data only, never reaches back into a tracker, and
 * hands out a frozen, JSON-safe object. The work grows with what was recorded (spans, segments,
 * records, samples), never with the length of the time range.
 *
 * Throws a TypeError or RangeError for bad options (an `at` that is not a finite number, a
 * `rootSpanId` the snapshot does not hold) and a `CORRUPT_DATA` TrackerError for a value that is not
 * a snapshot. A snapshot with no span gives an empty summary.
 */
export function summarize(snapshot: TrackerSnapshot, options: SummarizeOptions = {}): WorkoutSummary {
  const { at, rootSpanId } = readOptions(options);
  checkSnapshot(snapshot);
  const root = chooseRoot(snapshot, rootSpanId);
  if (root === undefined) return emptySummary();
  const tree = treeOf(snapshot, root, at);
  const totals = spanTotals(root, tree.at);
  const clockOf = runningClocks();
  const reps = repsBySegment(tree.records);
  const rounds = readRounds(tree, reps, clockOf);
  const finished = rounds.filter((r) => r.summary.finished);
  const samples = readSamples(snapshot, tree, rounds);
  return deepFreeze({
    rootSpanId: root.id,
    totals,
    score: scoreOf(root, totals, rounds),
    rounds: rounds.map((r, i): RoundSummary => {
      const inRound = samples.rounds[i];
      return inRound === undefined ? r.summary : { ...r.summary, samples: inRound };
    }),
    minutes: readMinutes(tree, reps, clockOf),
    exercises: readExercises(tree),
    splits: splitStats(finished.map((r) => r.summary.elapsedMs)),
    repsPerMinute: repsPerMinute(tree, totals.elapsedMs, clockOf(root)),
    statuses: countStatuses(tree),
    anomalies: [...slowRounds(finished), ...fatigue(finished, root.label), ...longPauses(tree)],
    samples: samples.workout,
  });
}
