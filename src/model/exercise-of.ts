import type { ExecutionSpan, MetricRecord } from './types';

/** The exercise a span stands for: its `exerciseId`, else its label. */
export function spanExercise(span: ExecutionSpan): string {
  return span.metrics.exerciseId ?? span.label;
}

/**
 * The exercise a record counts for: the exercise the record names itself (a part of a composed
 * block: 5 pull-ups + 10 push-ups on one span), else the one its span stands for.
 */
export function recordExercise(record: MetricRecord, span: ExecutionSpan): string {
  return record.exerciseId ?? spanExercise(span);
}
