/**
 * workout-spans/otel: a SpanProcessor (API.md §9) that mirrors the tracker into OpenTelemetry
 * (API.md §11). Depends on `@opentelemetry/api` (^1.9) as an optional peer; imports only types from
 * the core.
 *
 * What goes where:
 * - each ExecutionSpan → one OTel span named after its label, started under its parent's OTel span
 *   (one trace per workout), with our start and end times;
 * - attributes `workout.span.id`, `workout.span.type`, `workout.span.label`, `workout.block.id`,
 *   `workout.span.status` (at the end), `workout.timer.direction` / `workout.timer.duration_ms`;
 * - metrics → attributes `workout.<key>` (latest value, as in `span.metrics`) and
 *   `workout.<key>.unit` when the unit is not empty; objects and mixed arrays are JSON strings;
 * - segments → events `segment.start` / `segment.end` at the segment's times, with
 *   `workout.segment.{id,type,label,index,planned_ms}` (and, on `segment.end`, the segment's
 *   metrics as `workout.<key>`);
 * - a failed span → status ERROR with its `error` message. Other spans leave the status unset,
 *   as OpenTelemetry asks of instrumentation.
 */
import {
  context,
  trace,
  SpanStatusCode,
  type Attributes,
  type AttributeValue,
  type HrTime,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { ExecutionSpan, MetricRecord, SpanMetrics, TimeSegment } from 'workout-spans';
import type { SpanProcessor } from 'workout-spans';

/**
 * A processor that mirrors spans, segments (as events) and metrics (as attributes) into the given
 * OpenTelemetry tracer. Plug it in with `tracker.addProcessor(createOtelProcessor(tracer))`.
 *
 * A root span starts in the active OTel context (`context.active()`): a workout traced inside an
 * instrumented request joins that request's trace; otherwise each workout is a trace of its own.
 * A span already running when the processor was added is mirrored from its first callback on (its
 * parent link is kept when the parent is mirrored too). Removing the processor (`shutdown`) ends the
 * OTel spans still open at the latest time it saw, marked `workout.span.unfinished = true`.
 */
export function createOtelProcessor(tracer: Tracer): SpanProcessor {
  const open = new Map<string, Span>();
  let lastSeen = -Infinity;

  const seen = (ms: number | undefined): void => {
    if (ms !== undefined && ms > lastSeen) lastSeen = ms;
  };

  /** The OTel span of `span`, started now if it is not mirrored yet. */
  const mirror = (span: ExecutionSpan): Span => {
    let otel = open.get(span.id);
    if (otel === undefined) {
      const parent = span.parentSpanId === null ? undefined : open.get(span.parentSpanId);
      const ctx = parent === undefined ? context.active() : trace.setSpan(context.active(), parent);
      otel = tracer.startSpan(span.label || span.type, { startTime: toHrTime(span.startTime), attributes: spanAttributes(span) }, ctx);
      open.set(span.id, otel);
      seen(span.startTime);
    }
    return otel;
  };

  return {
    onStart(span) {
      mirror(span);
    },

    onSegment(segment, span) {
      const otel = mirror(span);
      const closing = segment.endTime !== undefined;
      const attributes = segmentAttributes(segment);
      if (closing) Object.assign(attributes, metricAttributes(segment.metrics));
      const at = closing ? segment.endTime! : segment.startTime;
      otel.addEvent(closing ? 'segment.end' : 'segment.start', attributes, toHrTime(at));
      seen(at);
    },

    onMetric(record, span) {
      mirror(span).setAttributes(recordAttributes(record));
      seen(record.recordedAt);
    },

    onEnd(span) {
      const otel = mirror(span);
      otel.setAttributes(metricAttributes(span.metrics));
      otel.setAttribute('workout.span.status', span.status);
      if (span.status === 'failed') {
        otel.setStatus(span.error === undefined ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.ERROR, message: span.error });
      }
      const end = span.endTime ?? Math.max(lastSeen, span.startTime);
      otel.end(toHrTime(end));
      open.delete(span.id);
      seen(end);
    },

    shutdown() {
      // Innermost (latest started) first, as the tracker ends them.
      const spans = [...open.values()].reverse();
      open.clear();
      const end = toHrTime(lastSeen === -Infinity ? 0 : lastSeen);
      for (const otel of spans) {
        otel.setAttribute('workout.span.unfinished', true);
        otel.end(end);
      }
    },
  };
}

/**
 * Epoch ms → OTel HrTime. Passing a plain number would be unsafe: the SDK reads a number smaller
 * than `performance.now()` as a performance timestamp, so a manual clock's small times (or a replay
 * of an old session, whose epoch ms are smaller than the time origin) would be shifted.
 */
function toHrTime(ms: number): HrTime {
  let seconds = Math.floor(ms / 1000);
  let nanos = Math.round((ms - seconds * 1000) * 1e6);
  if (nanos >= 1e9) {
    seconds += 1;
    nanos -= 1e9;
  }
  return [seconds, nanos];
}

function spanAttributes(span: ExecutionSpan): Attributes {
  const attributes: Attributes = {
    'workout.span.id': span.id,
    'workout.span.type': span.type,
    'workout.span.label': span.label,
    'workout.block.id': span.blockId,
  };
  if (span.timer !== undefined) {
    attributes['workout.timer.direction'] = span.timer.direction;
    if (span.timer.durationMs !== undefined) attributes['workout.timer.duration_ms'] = span.timer.durationMs;
  }
  return attributes;
}

function segmentAttributes(segment: TimeSegment): Attributes {
  const attributes: Attributes = {
    'workout.segment.id': segment.id,
    'workout.segment.type': segment.type,
    'workout.segment.label': segment.label,
  };
  if (segment.index !== undefined) attributes['workout.segment.index'] = segment.index;
  if (segment.plannedMs !== undefined) attributes['workout.segment.planned_ms'] = segment.plannedMs;
  return attributes;
}

function recordAttributes(record: MetricRecord): Attributes {
  const attributes: Attributes = {};
  put(attributes, record.key, record.value, record.unit);
  return attributes;
}

/** `workout.<key>` for each value of a `SpanMetrics` (or a segment's part of one). */
function metricAttributes(metrics: Partial<SpanMetrics>): Attributes {
  const attributes: Attributes = {};
  for (const [key, v] of Object.entries(metrics)) {
    if (key === 'custom') continue;
    if (isMetricValue(v)) put(attributes, key, v.value, v.unit);
    else put(attributes, key, v, '');
  }
  for (const [key, v] of Object.entries(metrics.custom ?? {})) put(attributes, key, v.value, v.unit);
  return attributes;
}

function put(attributes: Attributes, key: string, value: unknown, unit: string): void {
  const v = toAttributeValue(value);
  if (v === undefined) return;
  attributes[`workout.${key}`] = v;
  if (unit !== '') attributes[`workout.${key}.unit`] = unit;
}

function isMetricValue(v: unknown): v is { value: unknown; unit: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v && 'unit' in v;
}

/** Numbers, strings, booleans and arrays of one of them as they are; anything else as JSON. */
function toAttributeValue(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.length > 0) {
    const kind = typeof value[0];
    if ((kind === 'number' || kind === 'string' || kind === 'boolean') && value.every((x) => typeof x === kind)) {
      return value.slice() as AttributeValue;
    }
  }
  return JSON.stringify(value);
}
