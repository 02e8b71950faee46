import type { ExecutionSpan, MetricContext, MetricRecord, MetricValue, SpanMetrics, TimeSegment, TimeSpan, TimerInfo } from 'workout-spans';
import { latestInstant } from '../model/instants';

/**
 * The saved-session document (API.md §11): `{ format, version, savedAt, spans, metrics }`.
 * Every record is written with its keys in one fixed order, optional keys omitted when undefined,
 * so the same state always gives the same text (and the same checksum).
 */

export const FORMAT = 'workout-spans';
/** The version this build writes. Older versions are read through `MIGRATIONS`. */
export const FORMAT_VERSION = 1;

export interface SavedDocument {
  format: typeof FORMAT;
  version: number;
  savedAt: number;
  spans: ExecutionSpan[];
  metrics: MetricRecord[];
}

/** Key order of each record type; the reader accepts exactly these keys. */
export const KEYS = {
  document: ['format', 'version', 'savedAt', 'spans', 'metrics'],
  span: [
    'id',
    'blockId',
    'parentSpanId',
    'type',
    'label',
    'status',
    'startTime',
    'endTime',
    'paused',
    'timer',
    'error',
    'endReason',
    'metrics',
    'segments',
    'timeSpans',
  ],
  timer: ['direction', 'durationMs'],
  metrics: [
    'exerciseId',
    'exerciseImage',
    'reps',
    'targetReps',
    'weight',
    'distance',
    'duration',
    'elapsed',
    'currentRound',
    'totalRounds',
    'repScheme',
    'custom',
  ],
  metricValue: ['value', 'unit', 'recorded', 'source'],
  segment: ['id', 'parentSpanId', 'startTime', 'endTime', 'type', 'label', 'index', 'plannedMs', 'closedByEnd', 'cause', 'metrics'],
  timeSpan: ['id', 'type', 'start', 'stop', 'blockId', 'parentSpanId'],
  record: [
    'id',
    'key',
    'value',
    'unit',
    'source',
    'exerciseId',
    'recordedAt',
    'blockId',
    'spanId',
    'spanIds',
    'segmentIds',
    'timeSpanId',
    'phase',
    'context',
  ],
  context: ['spanType', 'elapsedMs', 'totalElapsedMs', 'roundNumber', 'minuteIndex', 'parentTimer'],
  parentTimer: ['blockId', 'elapsedMs', 'remainingMs', 'direction'],
} as const;

type Out = Record<string, unknown>;

/** Sets a key as an own property even when it is `__proto__` (user-chosen keys: custom metrics). */
export function setOwn(target: Out, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

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
    exerciseId: r.exerciseId,
    recordedAt: r.recordedAt,
    blockId: r.blockId,
    spanId: r.spanId,
    spanIds: r.spanIds,
    segmentIds: r.segmentIds,
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

/** The latest `recorded` of a metrics object's measured and custom values (or `t` when none is later). */
function latestRecorded(m: Partial<SpanMetrics>, t: number): number {
  const { reps, weight, distance, duration, elapsed, custom } = m;
  if (reps !== undefined && reps.recorded > t) t = reps.recorded;
  if (weight !== undefined && weight.recorded > t) t = weight.recorded;
  if (distance !== undefined && distance.recorded > t) t = distance.recorded;
  if (duration !== undefined && duration.recorded > t) t = duration.recorded;
  if (elapsed !== undefined && elapsed.recorded > t) t = elapsed.recorded;
  if (custom !== undefined) for (const mv of Object.values(custom)) if (mv.recorded > t) t = mv.recorded;
  return t;
}

/** The latest instant the spans, records and their display values reach (what a save can be no earlier than). */
export function latestTime(spans: readonly ExecutionSpan[], metrics: readonly MetricRecord[]): number {
  let t = latestInstant(spans, metrics);
  for (const span of spans) {
    t = latestRecorded(span.metrics, t);
    for (const seg of span.segments) t = latestRecorded(seg.metrics, t);
  }
  return t;
}
