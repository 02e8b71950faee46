import type { ExecutionSpan } from 'workout-spans';
import type { ExerciseSummary } from './types';
import { isWorkKey } from '../model/metric-keys';
import { runningMs } from '../model/running-time';
import type { WorkoutTree } from '../model/workout-tree';
import { recordExercise, spanExercise } from '../model/exercise-of';
import { VolumeLedger } from './volume';

interface Group {
  /** The first instant the exercise was seen: a record of it, or the start of a span standing for it. */
  seen: number;
  row: ExerciseSummary;
}

/**
 * Per exercise (`recordExercise`): reps, volume (`VolumeLedger`), distance, running time and target
 * reps, in the order the exercises were first seen.
 *
 * Time and target reps come from the spans that *stand for* an exercise (`spanExercise`): a span
 * that recorded reps, weight or distance for its own exercise, and an effort span that recorded
 * none of them (timed work: a plank, Tabata's air squats). A span whose every such record names
 * another exercise is a composed block (5 pull-ups + 10 push-ups + 15 squats): its parts are listed
 * with their reps, and its time, which cannot be split among them, is listed under none.
 */
export function readExercises(tree: WorkoutTree): ExerciseSummary[] {
  const groups = new Map<string, Group>();
  const group = (exerciseId: string, seen: number): ExerciseSummary => {
    let g = groups.get(exerciseId);
    if (g === undefined) groups.set(exerciseId, (g = { seen, row: { exerciseId, reps: 0, volume: 0, distance: 0, durationMs: 0 } }));
    return g.row;
  };
  /** Per span: records of work for its own exercise, and for others. */
  const work = new Map<ExecutionSpan, { own: number; other: number }>();
  const ledger = new VolumeLedger();
  for (const record of tree.records) {
    const { key, value } = record;
    if (!isWorkKey(key) || typeof value !== 'number' || !Number.isFinite(value)) continue;
    const span = tree.byId.get(record.spanId);
    if (span === undefined) continue;
    const exerciseId = recordExercise(record, span);
    let counts = work.get(span);
    if (counts === undefined) work.set(span, (counts = { own: 0, other: 0 }));
    if (exerciseId === spanExercise(span)) counts.own++;
    else counts.other++;
    const row = group(exerciseId, record.recordedAt);
    if (key === 'reps') {
      row.reps += value;
      row.volume += ledger.reps(span.id, exerciseId, value);
    } else if (key === 'weight') row.volume += ledger.weight(span.id, exerciseId, value);
    else row.distance += value;
  }
  for (const span of tree.spans) {
    const counts = work.get(span);
    if (!(counts === undefined ? span.type === 'effort' : counts.own > 0)) continue;
    const row = group(spanExercise(span), span.startTime);
    row.durationMs += runningMs(span, span.startTime, tree.at);
    const target = span.metrics.targetReps;
    if (target !== undefined) row.targetReps = (row.targetReps ?? 0) + target;
  }
  return [...groups.values()].sort((a, b) => a.seen - b.seen).map((g) => g.row);
}
