/**
 * workout-spans/otel: a SpanProcessor that mirrors the tracker into OpenTelemetry. Depends on
 * `@opentelemetry/api` (^1.9) as an optional peer; imports only types from the core.
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
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type Context,
  type HrTime,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import type { ExecutionSpan, MetricRecord, SpanMetrics, TimeSegment } from 'workout-spans';
import type { SpanProcessor } from 'workout-spans';

export interface OtelProcessorOptions {
  /**
   * The tracker the processor is added to (anything with `getSpan(spanId)`). Give it when the
   * processor may be added while a workout runs: a span whose parent started before the processor
   * was added then has its unseen ancestors mirrored first, each from its own start, so the trace
   * is the same tree as the workout's. Without it, such a span joins its parent's trace through a
   * stand-in parent (see `createOtelProcessor`).
   */
  tracker?: { getSpan(spanId: string): ExecutionSpan | undefined };
}

/**
 * A processor that mirrors spans, segments (as events) and metrics (as attributes) into the given
 * OpenTelemetry tracer. Plug it in with `tracker.addProcessor(createOtelProcessor(tracer))`.
 *
 * A root span starts in the active OTel context (`context.active()`): a workout traced inside an
 * instrumented request joins that request's trace; otherwise each workout is a trace of its own.
 * Removing the processor (`shutdown`) ends the OTel spans still open at the latest time it saw,
 * marked `workout.span.unfinished = true`.
 *
 * Added while a workout runs, the processor first hears of a running span at its next callback and
 * mirrors it from its own start. Its children never start a trace of their own:
 * - with `options.tracker`, the unseen ancestors are mirrored first (outermost first, each from its
 *   own start), so parents are exact;
 * - without it, a child of a span not mirrored yet starts under a stand-in for that parent: a span
 *   context with a trace id of its own (or of the active context) that every later child of the
 *   same parent shares, and that the parent itself joins when it is mirrored (at its first
 *   callback, at the latest when it ends). The parent then records the stand-in's span id as
 *   `workout.span.stand_in_id`, since its children name that id as their parent. A metric record
 *   names its span's whole ancestry, so its stand-ins all share one trace.
 */
export function createOtelProcessor(tracer: Tracer, options: OtelProcessorOptions = {}): SpanProcessor {
  const open = new Map<string, Span>();
  /** Span contexts standing for spans not mirrored yet that mirrored children name as their parent. */
  const standIns = new Map<string, SpanContext>();
  const tracker = options?.tracker;
  let lastSeen = -Infinity;

  const seen = (ms: number | undefined): void => {
    if (typeof ms === 'number' && ms > lastSeen) lastSeen = ms;
  };

  /** The stand-in of an unmirrored span, made in `traceId` (or a new or active trace) when there is none. */
  const standIn = (spanId: string, traceId?: string): SpanContext => {
    const known = standIns.get(spanId);
    if (known !== undefined && (traceId === undefined || known.traceId === traceId)) return known;
    const made = makeSpanContext(traceId ?? known?.traceId ?? activeTraceId() ?? randomHex(16));
    if (known === undefined && !open.has(spanId)) standIns.set(spanId, made);
    return made;
  };

  /** The context a span starts in: its parent's span, a stand-in for it, or the active context for a root. */
  const parentContext = (span: ExecutionSpan): Context => {
    const own = standIns.get(span.id);
    const active = context.active();
    if (span.parentSpanId === null) {
      // A root whose children already started under its stand-in joins their trace.
      return own === undefined ? active : trace.setSpanContext(active, makeSpanContext(own.traceId));
    }
    const parent = open.get(span.parentSpanId);
    if (parent !== undefined && (own === undefined || parent.spanContext().traceId === own.traceId)) {
      return trace.setSpan(active, parent);
    }
    return trace.setSpanContext(active, standIn(span.parentSpanId, own?.traceId));
  };

  const start = (span: ExecutionSpan): Span => {
    const attributes = spanAttributes(span);
    const own = standIns.get(span.id);
    if (own !== undefined) attributes['workout.span.stand_in_id'] = own.spanId;
    const name = typeof span.label === 'string' && span.label !== '' ? span.label : String(span.type);
    const otel = tracer.startSpan(name, { startTime: toHrTime(span.startTime), attributes }, parentContext(span));
    open.set(span.id, otel);
    standIns.delete(span.id);
    seen(span.startTime);
    return otel;
  };

  /** The span's unseen ancestors the tracker still holds, outermost first. */
  const unseenAncestors = (span: ExecutionSpan): ExecutionSpan[] => {
    const chain: ExecutionSpan[] = [];
    if (tracker === undefined) return chain;
    const visited = new Set<string>([span.id]);
    for (let id = span.parentSpanId; id !== null && !open.has(id) && !visited.has(id);) {
      visited.add(id);
      let parent: ExecutionSpan | undefined;
      try {
        parent = tracker.getSpan(id);
      } catch {
        parent = undefined;
      }
      if (parent === undefined) break;
      chain.push(parent);
      id = parent.parentSpanId;
    }
    return chain.reverse();
  };

  /** The OTel span of `span`, started now (after its unseen ancestors) if it is not mirrored yet. */
  const mirror = (span: ExecutionSpan): Span => {
    const otel = open.get(span.id);
    if (otel !== undefined) return otel;
    for (const ancestor of unseenAncestors(span)) start(ancestor);
    return start(span);
  };

  /**
   * Before a span is first mirrored from a metric record: stand-ins for its unseen ancestors (the
   * record names them all, root first), in one trace, that of the nearest one already known.
   */
  const learnAncestry = (record: MetricRecord): void => {
    if (tracker !== undefined || open.has(record.spanId) || !Array.isArray(record.spanIds)) return;
    const ancestors = record.spanIds.slice(0, -1).filter((id): id is string => typeof id === 'string');
    let traceId: string | undefined;
    for (let i = ancestors.length - 1; i >= 0 && traceId === undefined; i--) {
      const id = ancestors[i]!;
      traceId = open.get(id)?.spanContext().traceId ?? standIns.get(id)?.traceId;
    }
    for (const id of ancestors) {
      if (open.has(id) || standIns.has(id)) continue;
      traceId ??= activeTraceId() ?? randomHex(16);
      standIns.set(id, makeSpanContext(traceId));
    }
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
      learnAncestry(record);
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
      standIns.clear();
      const end = toHrTime(lastSeen === -Infinity ? 0 : lastSeen);
      for (const otel of spans) {
        otel.setAttribute('workout.span.unfinished', true);
        otel.end(end);
      }
    },
  };
}

/** The trace id of the active OTel context, when a valid span is active in it. */
function activeTraceId(): string | undefined {
  const active = trace.getSpanContext(context.active());
  return active !== undefined && trace.isSpanContextValid(active) ? active.traceId : undefined;
}

/** A sampled span context in `traceId` with a new span id: a stand-in parent. */
function makeSpanContext(traceId: string): SpanContext {
  return { traceId, spanId: randomHex(8), traceFlags: TraceFlags.SAMPLED };
}

/** `bytes` random bytes as lower-case hex, never all zero (an invalid id to OpenTelemetry). */
function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  const crypto = (globalThis as { crypto?: { getRandomValues?(array: Uint8Array): Uint8Array } }).crypto;
  if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(buffer);
  else for (let i = 0; i < bytes; i++) buffer[i] = Math.floor(Math.random() * 256);
  if (buffer.every((b) => b === 0)) buffer[bytes - 1] = 1;
  let hex = '';
  for (const b of buffer) hex += b.toString(16).padStart(2, '0');
  return hex;
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
  // The tracker hands out JSON values only; anything else (a cycle, a BigInt) is named, not thrown.
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[unserializable]';
  }
}
