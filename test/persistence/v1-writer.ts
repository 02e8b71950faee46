import type { ExecutionSpan, MetricContext, MetricRecord, MetricValue, SpanMetrics, TimeSegment, TimeSpan, TimerInfo } from 'workout-spans';
import { setOwn } from '../../src/model/read-value';

/**
 * Test helper: the version-1 writer as it shipped (every record whole), for documents to migrate.
 * The version-1 document: `{ format, version, savedAt, spans, metrics }`.
 * Every record is written with its keys in one fixed order, optional keys omitted when undefined,
 * so the same state always gives the same text (and the same checksum).
 */

export { KEYS } from '../../src/persistence/record-keys';

const FORMAT = 'workout-spans';
const FORMAT_VERSION = 1;

export interface SavedDocument {
  format: typeof FORMAT;
  version: number;
  savedAt: number;
  spans: ExecutionSpan[];
  metrics: MetricRecord[];
}

type Out = Record<string, unknown>;

/*
 * The writers build each record as an object literal with every key of `KEYS` in order (one hidden
 * class per record type, which JSON.stringify serializes on its fast path). A key whose value is
 * undefined is left out of the text by JSON.stringify, exactly as an omitted key: the document reads
 * `{ "id": …, "type": … }` with no `"stop"` for an open TimeSpan.
 */

function writeMetricValue(mv: MetricValue<unknown>): Out {
  return { value: mv.value, unit: mv.unit, recorded: mv.recorded, source: mv.source };
}

function writeCustom(custom: Record<string, MetricValue<unknown>>): Out {
  const out: Out = {};
  for (const k of Object.keys(custom)) {
    const mv = writeMetricValue(custom[k]!);
    if (k === '__proto__') setOwn(out, k, mv);
    else out[k] = mv;
  }
  return out;
}

function writeMetrics(m: Partial<SpanMetrics>, isSpan: boolean): Out {
  const custom = m.custom;
  return {
    exerciseId: m.exerciseId,
    exerciseImage: m.exerciseImage,
    reps: m.reps === undefined ? undefined : writeMetricValue(m.reps),
    targetReps: m.targetReps,
    weight: m.weight === undefined ? undefined : writeMetricValue(m.weight),
    distance: m.distance === undefined ? undefined : writeMetricValue(m.distance),
    duration: m.duration === undefined ? undefined : writeMetricValue(m.duration),
    elapsed: m.elapsed === undefined ? undefined : writeMetricValue(m.elapsed),
    currentRound: m.currentRound,
    totalRounds: m.totalRounds,
    repScheme: m.repScheme,
    // A span's metrics always hold `custom` (a segment's only once something custom was recorded).
    custom: custom !== undefined ? writeCustom(custom) : isSpan ? {} : undefined,
  };
}

function writeSegment(seg: TimeSegment): Out {
  return {
    id: seg.id,
    parentSpanId: seg.parentSpanId,
    startTime: seg.startTime,
    endTime: seg.endTime,
    type: seg.type,
    label: seg.label,
    index: seg.index,
    plannedMs: seg.plannedMs,
    closedByEnd: seg.closedByEnd,
    cause: seg.cause,
    metrics: seg.metrics === undefined ? undefined : writeMetrics(seg.metrics, false),
  };
}

function writeTimeSpan(ts: TimeSpan): Out {
  return { id: ts.id, type: ts.type, start: ts.start, stop: ts.stop, blockId: ts.blockId, parentSpanId: ts.parentSpanId };
}

function writeTimer(timer: TimerInfo): Out {
  return { direction: timer.direction, durationMs: timer.durationMs };
}

function writeSpan(span: ExecutionSpan): Out {
  return {
    id: span.id,
    blockId: span.blockId,
    parentSpanId: span.parentSpanId,
    type: span.type,
    label: span.label,
    status: span.status,
    startTime: span.startTime,
    endTime: span.endTime,
    paused: span.paused,
    timer: span.timer === undefined ? undefined : writeTimer(span.timer),
    error: span.error,
    endReason: span.endReason,
    metrics: span.metrics === undefined ? undefined : writeMetrics(span.metrics, true),
    segments: span.segments === undefined ? undefined : span.segments.map(writeSegment),
    timeSpans: span.timeSpans === undefined ? undefined : span.timeSpans.map(writeTimeSpan),
  };
}

function writeContext(c: MetricContext): Out {
  const pt = c.parentTimer;
  return {
    spanType: c.spanType,
    elapsedMs: c.elapsedMs,
    totalElapsedMs: c.totalElapsedMs,
    roundNumber: c.roundNumber,
    minuteIndex: c.minuteIndex,
    parentTimer:
      pt === undefined ? undefined : { blockId: pt.blockId, elapsedMs: pt.elapsedMs, remainingMs: pt.remainingMs, direction: pt.direction },
  };
}

function writeRecord(r: MetricRecord): Out {
  return {
    id: r.id,
    key: r.key,
    value: r.value,
    unit: r.unit,
    source: r.source,
    recordedAt: r.recordedAt,
    blockId: r.blockId,
    spanId: r.spanId,
    spanIds: r.spanIds,
    segmentIds: r.segmentIds,
    exerciseId: r.exerciseId,
    timeSpanId: r.timeSpanId,
    phase: r.phase,
    context: r.context === undefined ? undefined : writeContext(r.context),
  };
}

/** The document of these spans and records, keys in the fixed order (undefined values are not written). */
export function toDocument(spans: readonly ExecutionSpan[], metrics: readonly MetricRecord[], savedAt: number): Out {
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    savedAt,
    spans: spans.map(writeSpan),
    metrics: metrics.map(writeRecord),
  };
}
