import type {
  ExecutionSpan,
  MetricContext,
  MetricRecord,
  MetricValue,
  SpanMetrics,
  TimeSegment,
  TimeSpan,
  TimerInfo,
} from '../model/types';

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
  span: ['id', 'blockId', 'parentSpanId', 'type', 'label', 'status', 'startTime', 'endTime', 'paused', 'timer', 'error', 'metrics', 'segments', 'timeSpans'],
  timer: ['direction', 'durationMs'],
  metrics: ['exerciseId', 'exerciseImage', 'reps', 'targetReps', 'weight', 'distance', 'duration', 'elapsed', 'currentRound', 'totalRounds', 'repScheme', 'custom'],
  metricValue: ['value', 'unit', 'recorded', 'source'],
  segment: ['id', 'parentSpanId', 'startTime', 'endTime', 'type', 'label', 'index', 'plannedMs', 'metrics'],
  timeSpan: ['id', 'type', 'start', 'stop', 'blockId', 'parentSpanId'],
  record: ['id', 'key', 'value', 'unit', 'source', 'recordedAt', 'blockId', 'spanId', 'spanIds', 'segmentIds', 'timeSpanId', 'phase', 'context'],
  context: ['spanType', 'elapsedMs', 'totalElapsedMs', 'roundNumber', 'minuteIndex', 'parentTimer'],
  parentTimer: ['blockId', 'elapsedMs', 'remainingMs', 'direction'],
} as const;

type Out = Record<string, unknown>;

/** Sets a key as an own property even when it is `__proto__` (user-chosen keys: custom metrics). */
export function setOwn(target: Out, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copies the listed keys of `from`, in that order, skipping undefined ones. */
function pick(from: object, keys: readonly string[], write: (key: string, value: unknown) => unknown = (_k, v) => v): Out {
  const out: Out = {};
  const source = from as Out;
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key] = write(key, value);
  }
  return out;
}

function writeMetricValue(mv: MetricValue<unknown>): Out {
  return pick(mv, KEYS.metricValue);
}

const VALUE_KEYS: ReadonlySet<string> = new Set(['reps', 'weight', 'distance', 'duration', 'elapsed']);

function writeMetrics(metrics: Partial<SpanMetrics>, isSpan: boolean): Out {
  const out = pick(metrics, KEYS.metrics, (key, value) => {
    if (VALUE_KEYS.has(key)) return writeMetricValue(value as MetricValue<unknown>);
    if (key === 'custom') {
      const custom: Out = {};
      for (const k of Object.keys(value as object)) setOwn(custom, k, writeMetricValue((value as Record<string, MetricValue<unknown>>)[k]!));
      return custom;
    }
    return value;
  });
  // A span's metrics always hold `custom` (a segment's only once something custom was recorded).
  if (isSpan && out.custom === undefined) out.custom = {};
  return out;
}

function writeSegment(seg: TimeSegment): Out {
  return pick(seg, KEYS.segment, (key, value) => (key === 'metrics' ? writeMetrics(value as Partial<SpanMetrics>, false) : value));
}

function writeTimeSpan(ts: TimeSpan): Out {
  return pick(ts, KEYS.timeSpan);
}

function writeSpan(span: ExecutionSpan): Out {
  return pick(span, KEYS.span, (key, value) => {
    switch (key) {
      case 'timer':
        return pick(value as TimerInfo, KEYS.timer);
      case 'metrics':
        return writeMetrics(value as SpanMetrics, true);
      case 'segments':
        return (value as TimeSegment[]).map(writeSegment);
      case 'timeSpans':
        return (value as TimeSpan[]).map(writeTimeSpan);
      default:
        return value;
    }
  });
}

function writeContext(context: MetricContext): Out {
  return pick(context, KEYS.context, (key, value) => (key === 'parentTimer' ? pick(value as object, KEYS.parentTimer) : value));
}

function writeRecord(record: MetricRecord): Out {
  return pick(record, KEYS.record, (key, value) => (key === 'context' ? writeContext(value as MetricContext) : value));
}

/** The document of these spans and records, keys in the fixed order. */
export function toDocument(spans: readonly ExecutionSpan[], metrics: readonly MetricRecord[], savedAt: number): Out {
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    savedAt,
    spans: spans.map(writeSpan),
    metrics: metrics.map(writeRecord),
  };
}

/** The latest instant the spans and records reach (what a save of them can be no earlier than). */
export function latestTime(spans: readonly ExecutionSpan[], metrics: readonly MetricRecord[]): number {
  let t = -Infinity;
  const seeMetrics = (m: Partial<SpanMetrics>): void => {
    for (const key of VALUE_KEYS) {
      const mv = (m as Record<string, MetricValue<unknown> | undefined>)[key];
      if (mv !== undefined && mv.recorded > t) t = mv.recorded;
    }
    if (m.custom !== undefined) for (const mv of Object.values(m.custom)) if (mv.recorded > t) t = mv.recorded;
  };
  for (const span of spans) {
    t = Math.max(t, span.startTime, span.endTime ?? -Infinity);
    seeMetrics(span.metrics);
    for (const seg of span.segments) {
      t = Math.max(t, seg.startTime, seg.endTime ?? -Infinity);
      seeMetrics(seg.metrics);
    }
    for (const ts of span.timeSpans) t = Math.max(t, ts.start, ts.stop ?? -Infinity);
  }
  for (const r of metrics) if (r.recordedAt > t) t = r.recordedAt;
  return t;
}
