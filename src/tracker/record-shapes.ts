import type {
  ExecutionSpan,
  InterruptionCause,
  MetricContext,
  MetricRecord,
  Phase,
  SegmentType,
  SpanMetrics,
  TimeSegment,
  TimeSpan,
} from '../model/types';
import type { SpanState } from './span-state';

/**
 * The frozen records the tracker hands out, built here and only here: by a running span and by the
 * compact copy of an ended one alike, so both give the same objects, down to the order of their keys.
 *
 * One object literal per common shape, with only the fields present: V8 gives a literal's object
 * room for exactly its fields, and a field added afterwards goes to a separate property store
 * (40 B more). The rarer fields are added.
 */

/** A span's record from its state and its parts (already frozen). */
export function spanRecord(
  state: SpanState,
  paused: boolean,
  metrics: SpanMetrics,
  segments: TimeSegment[],
  timeSpans: TimeSpan[],
): ExecutionSpan {
  const { id, blockId, type, label, status, startTime, endTime, timer } = state;
  const parentSpanId = state.parent === null ? null : state.parent.id;
  let span: ExecutionSpan;
  if (endTime === undefined) {
    span =
      timer === undefined
        ? { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans }
        : { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans, timer };
  } else {
    span =
      timer === undefined
        ? { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans, endTime }
        : { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans, endTime, timer };
  }
  if (state.error !== undefined) span.error = state.error;
  if (state.endReason !== undefined) span.endReason = state.endReason;
  return Object.freeze(span);
}

/** A segment's record (`metrics` already frozen). */
export function segmentRecord(
  id: string,
  parentSpanId: string,
  startTime: number,
  type: SegmentType,
  label: string,
  metrics: Partial<SpanMetrics>,
  endTime: number | undefined,
  index: number | undefined,
  plannedMs: number | undefined,
  closedByEnd: boolean,
  cause: InterruptionCause | undefined,
): TimeSegment {
  let out: TimeSegment;
  if (endTime === undefined) {
    out =
      index === undefined
        ? { id, parentSpanId, startTime, type, label, metrics }
        : { id, parentSpanId, startTime, type, label, metrics, index };
  } else {
    out =
      index === undefined
        ? { id, parentSpanId, startTime, type, label, metrics, endTime }
        : { id, parentSpanId, startTime, type, label, metrics, endTime, index };
  }
  if (plannedMs !== undefined) out.plannedMs = plannedMs;
  if (closedByEnd) out.closedByEnd = true;
  if (cause !== undefined) out.cause = cause;
  return Object.freeze(out);
}

/** A running interval's record. */
export function intervalRecord(
  id: string,
  type: Phase,
  start: number,
  blockId: string,
  parentSpanId: string,
  stop: number | undefined,
): TimeSpan {
  return Object.freeze(stop === undefined ? { id, type, start, blockId, parentSpanId } : { id, type, start, blockId, parentSpanId, stop });
}

/**
 * A record's context (frozen). One literal for each of its shapes, not only the common one: the
 * records of every span under a timer carry `parentTimer`, and those of an EMOM `minuteIndex`.
 */
export function contextRecord(
  spanType: MetricContext['spanType'],
  elapsedMs: number,
  totalElapsedMs: number,
  roundNumber: number | undefined,
  minuteIndex: number | undefined,
  parentTimer: MetricContext['parentTimer'],
): MetricContext {
  let context: MetricContext;
  if (parentTimer === undefined) {
    if (minuteIndex === undefined) {
      context = roundNumber === undefined ? { spanType, elapsedMs, totalElapsedMs } : { spanType, elapsedMs, totalElapsedMs, roundNumber };
    } else {
      context =
        roundNumber === undefined
          ? { spanType, elapsedMs, totalElapsedMs, minuteIndex }
          : { spanType, elapsedMs, totalElapsedMs, roundNumber, minuteIndex };
    }
  } else if (minuteIndex === undefined) {
    context =
      roundNumber === undefined
        ? { spanType, elapsedMs, totalElapsedMs, parentTimer }
        : { spanType, elapsedMs, totalElapsedMs, roundNumber, parentTimer };
  } else {
    context =
      roundNumber === undefined
        ? { spanType, elapsedMs, totalElapsedMs, minuteIndex, parentTimer }
        : { spanType, elapsedMs, totalElapsedMs, roundNumber, minuteIndex, parentTimer };
  }
  return Object.freeze(context);
}

/** A metric record (its parts already frozen). */
export function metricRecord(
  id: string,
  key: string,
  value: unknown,
  unit: string,
  source: string | undefined,
  recordedAt: number,
  blockId: string,
  spanId: string,
  spanIds: string[],
  segmentIds: string[],
  timeSpanId: string | null,
  phase: Phase,
  context: MetricContext,
  exerciseId: string | undefined,
): MetricRecord {
  const record: MetricRecord =
    source === undefined
      ? { id, key, value, unit, recordedAt, blockId, spanId, spanIds, segmentIds, timeSpanId, phase, context }
      : { id, key, value, unit, source, recordedAt, blockId, spanId, spanIds, segmentIds, timeSpanId, phase, context };
  if (exerciseId !== undefined) record.exerciseId = exerciseId;
  return Object.freeze(record);
}
