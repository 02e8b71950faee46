import type { ExecutionSpan } from 'workout-spans';
import type { ExerciseSummary } from './types';
import { runningMs } from '../model/running-time';
import type { WorkoutTree } from '../model/workout-tree';

const GROUPED_KEYS: ReadonlySet<string> = new Set(['reps', 'weight', 'distance']);

/** The name an exercise goes by (§11): the span's `exerciseId`, its label when it has none. */
export function exerciseOf(span: ExecutionSpan): string {
  return span.metrics.exerciseId ?? span.label;
}

/**
 * Per exercise, in order of first record (§11 exercises): reps, volume (Σ reps × the weight of the
 * span they were recorded on, in that weight's unit, no conversion), distance, the running time of
 * the spans that recorded it, and the sum of their target reps.
 */
export function readExercises(tree: WorkoutTree): ExerciseSummary[] {
  const groups = new Map<string, { reps: number; volume: number; distance: number; spans: Set<ExecutionSpan> }>();
  for (const record of tree.records) {
    if (!GROUPED_KEYS.has(record.key)) continue;
    const span = tree.byId.get(record.spanId);
    if (span === undefined) continue;
    const id = exerciseOf(span);
    let group = groups.get(id);
    if (group === undefined) groups.set(id, (group = { reps: 0, volume: 0, distance: 0, spans: new Set() }));
    group.spans.add(span);
    if (typeof record.value !== 'number') continue;
    if (record.key === 'reps') {
      group.reps += record.value;
      group.volume += record.value * (span.metrics.weight?.value ?? 0);
    } else if (record.key === 'distance') {
      group.distance += record.value;
    }
  }
  return [...groups].map(([exerciseId, g]) => {
    let durationMs = 0;
    let targetReps: number | undefined;
    for (const span of g.spans) {
      durationMs += runningMs(span, span.startTime, tree.at);
      if (span.metrics.targetReps !== undefined) targetReps = (targetReps ?? 0) + span.metrics.targetReps;
    }
    const row: ExerciseSummary = { exerciseId, reps: g.reps, volume: g.volume, distance: g.distance, durationMs };
    if (targetReps !== undefined) row.targetReps = targetReps;
    return row;
  });
}
