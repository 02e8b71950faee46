import { TrackerError } from '../errors/tracker-error';
import { isJsonSafe, validateMetric } from '../errors/validate-metric';
import {
  PHASES,
  SEGMENT_TYPES,
  SPAN_STATUSES,
  SPAN_TYPES,
  type ExecutionSpan,
  type MetricContext,
  type MetricRecord,
  type MetricValue,
  type ParentTimerContext,
  type Phase,
  type SegmentType,
  type SpanMetrics,
  type TimeSegment,
  type TimeSpan,
  type TimerInfo,
  type TrackerSnapshot,
} from '../model/types';
import { FORMAT, KEYS, setOwn } from './document';

/**
 * Reads a current-version document into a deeply frozen TrackerSnapshot, checking every field and
 * every reference on the way. The first bad field throws CORRUPT_DATA with `details.path` in a
 * JSONPath-like form (`$.spans[3].segments[0].endTime`); nothing half-read ever escapes.
 */

type Obj = Record<string, unknown>;
type Key = string | number;
type Reader<T> = (value: unknown, path: string, key: Key) => T;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.a`, `$[0]`, `$["odd key"]`. */
export function childPath(path: string, key: Key): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function corrupt(path: string, reason: string): never {
  throw new TrackerError('CORRUPT_DATA', `saved session is corrupt at ${path}: ${reason}`, { path, reason });
}

const keySets = new Map<readonly string[], ReadonlySet<string>>();
function allowedKeys(keys: readonly string[]): ReadonlySet<string> {
  let set = keySets.get(keys);
  if (set === undefined) keySets.set(keys, (set = new Set(keys)));
  return set;
}

/** A plain object holding only `keys` (or any keys when `keys` is null). */
function object(value: unknown, path: string, keys: readonly string[] | null): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) corrupt(path, 'expected an object');
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) corrupt(path, 'expected a plain object');
  if (keys !== null) {
    const allowed = allowedKeys(keys);
    for (const k of Object.keys(value)) if (!allowed.has(k)) corrupt(childPath(path, k), 'unknown field');
  }
  return value as Obj;
}

function req<T>(o: Obj, key: string, path: string, read: Reader<T>): T {
  if (!Object.hasOwn(o, key)) corrupt(childPath(path, key), 'missing');
  return read(o[key], path, key);
}

function opt<T>(o: Obj, key: string, path: string, read: Reader<T>): T | undefined {
  return Object.hasOwn(o, key) ? read(o[key], path, key) : undefined;
}

// ---- readers of one value; `path`/`key` name it, the path string is only built on failure

const string: Reader<string> = (v, p, k) => (typeof v === 'string' ? v : corrupt(childPath(p, k), 'expected a string'));
const text: Reader<string> = (v, p, k) => (typeof v === 'string' && v.length > 0 ? v : corrupt(childPath(p, k), 'expected a non-empty string'));
const textOrNull: Reader<string | null> = (v, p, k) => (v === null ? null : text(v, p, k));
const boolean: Reader<boolean> = (v, p, k) => (typeof v === 'boolean' ? v : corrupt(childPath(p, k), 'expected true or false'));
const finite: Reader<number> = (v, p, k) => (typeof v === 'number' && Number.isFinite(v) ? v : corrupt(childPath(p, k), 'expected a finite number'));
const nonNegative: Reader<number> = (v, p, k) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : corrupt(childPath(p, k), 'expected a finite number ≥ 0'));
const positiveInteger: Reader<number> = (v, p, k) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : corrupt(childPath(p, k), 'expected a positive integer'));
const indexNumber: Reader<number> = (v, p, k) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : corrupt(childPath(p, k), 'expected an integer ≥ 0'));
const list: Reader<unknown[]> = (v, p, k) => (Array.isArray(v) ? v : corrupt(childPath(p, k), 'expected an array'));
function oneOf<T extends string>(values: readonly T[]): Reader<T> {
  return (v, p, k) => (values.includes(v as T) ? (v as T) : corrupt(childPath(p, k), `expected one of ${values.join(', ')}`));
}
const spanType = oneOf(SPAN_TYPES);
const spanStatus = oneOf(SPAN_STATUSES);
const segmentType = oneOf(SEGMENT_TYPES);
const phase = oneOf(PHASES);
const direction = oneOf(['up', 'down'] as const);

/** A deep, frozen copy of a JSON value (own keys even for `__proto__`). */
function jsonValue(v: unknown, p: string, k: Key): unknown {
  if (v === undefined || !isJsonSafe(v)) corrupt(childPath(p, k), 'expected a JSON value (finite numbers, at most 32 levels deep)');
  return cloneJson(v);
}

function cloneJson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return Object.freeze(v.map(cloneJson));
  const out: Obj = {};
  for (const key of Object.keys(v)) setOwn(out, key, cloneJson((v as Obj)[key]));
  return Object.freeze(out);
}

/** What the reader learnt so far: ids, spans, ancestries and owners, for the reference checks. */
class Reading {
  readonly ids = new Set<string>();
  readonly spans = new Map<string, ExecutionSpan>();
  readonly ancestry = new Map<string, readonly string[]>();
  /** segment id → owning span id */
  readonly segmentOwner = new Map<string, string>();
  /** TimeSpan id → its span id and phase */
  readonly intervals = new Map<string, { spanId: string; type: Phase }>();
  readonly activeBlocks = new Set<string>();
  latest = -Infinity;
  latestPath = '$';
  latestKey: Key = 'savedAt';

  claim(id: string, path: string): void {
    if (this.ids.has(id)) corrupt(childPath(path, 'id'), `duplicate id '${id}'`);
    this.ids.add(id);
  }

  /** Notes an instant; none may be later than the document's savedAt. */
  time(t: number, path: string, key: Key): void {
    if (t > this.latest) {
      this.latest = t;
      this.latestPath = path;
      this.latestKey = key;
    }
  }
}

function timer(v: unknown, p: string, k: Key): TimerInfo {
  const path = childPath(p, k);
  const o = object(v, path, KEYS.timer);
  const out: TimerInfo = { direction: req(o, 'direction', path, direction) };
  const durationMs = opt(o, 'durationMs', path, nonNegative);
  if (durationMs !== undefined) out.durationMs = durationMs;
  return Object.freeze(out);
}

function metricValue(ctx: Reading, numeric: boolean): Reader<MetricValue<unknown>> {
  return (v, p, k) => {
    const path = childPath(p, k);
    const o = object(v, path, KEYS.metricValue);
    const value = numeric ? req(o, 'value', path, nonNegative) : req(o, 'value', path, jsonValue);
    const out: MetricValue<unknown> = {
      value,
      unit: numeric ? req(o, 'unit', path, text) : req(o, 'unit', path, string),
      recorded: req(o, 'recorded', path, finite),
    };
    ctx.time(out.recorded, path, 'recorded');
    const source = opt(o, 'source', path, string);
    if (source !== undefined) out.source = source;
    return Object.freeze(out);
  };
}

const repScheme: Reader<number[]> = (v, p, k) => {
  const arr = list(v, p, k);
  if (arr.length === 0) corrupt(childPath(p, k), 'expected a non-empty array');
  const path = childPath(p, k);
  return Object.freeze(arr.map((n, i) => positiveInteger(n, path, i))) as number[];
};

function metrics(ctx: Reading, isSpan: boolean): Reader<Partial<SpanMetrics>> {
  const measured = metricValue(ctx, true);
  const customValue = metricValue(ctx, false);
  return (v, p, k) => {
    const path = childPath(p, k);
    const o = object(v, path, KEYS.metrics);
    const out: Obj = {};
    for (const key of KEYS.metrics) {
      if (!Object.hasOwn(o, key)) {
        if (key === 'custom' && isSpan) corrupt(childPath(path, key), 'missing');
        continue;
      }
      switch (key) {
        case 'exerciseId':
        case 'exerciseImage':
          out[key] = text(o[key], path, key);
          break;
        case 'targetReps':
        case 'currentRound':
        case 'totalRounds':
          out[key] = positiveInteger(o[key], path, key);
          break;
        case 'repScheme':
          out[key] = repScheme(o[key], path, key);
          break;
        case 'custom': {
          const cpath = childPath(path, key);
          const c = object(o[key], cpath, null);
          const custom: Obj = {};
          for (const name of Object.keys(c)) {
            if (name.length === 0) corrupt(childPath(cpath, name), 'a custom metric needs a non-empty key');
            setOwn(custom, name, customValue(c[name], cpath, name));
          }
          out[key] = Object.freeze(custom);
          break;
        }
        default:
          out[key] = measured(o[key], path, key);
      }
    }
    return Object.freeze(out) as Partial<SpanMetrics>;
  };
}

function readSpan(v: unknown, path: string, ctx: Reading): ExecutionSpan {
  const o = object(v, path, KEYS.span);
  const id = req(o, 'id', path, text);
  ctx.claim(id, path);
  const blockId = req(o, 'blockId', path, text);
  const parentSpanId = req(o, 'parentSpanId', path, textOrNull);
  let parent: ExecutionSpan | null = null;
  if (parentSpanId !== null) {
    parent = ctx.spans.get(parentSpanId) ?? corrupt(childPath(path, 'parentSpanId'), `names no span listed before this one ('${parentSpanId}')`);
  }
  const type = req(o, 'type', path, spanType);
  const label = req(o, 'label', path, string);
  const status = req(o, 'status', path, spanStatus);
  const startTime = req(o, 'startTime', path, finite);
  ctx.time(startTime, path, 'startTime');
  const endTime = opt(o, 'endTime', path, finite);
  if (status === 'active') {
    if (endTime !== undefined) corrupt(childPath(path, 'endTime'), 'an active span has no endTime');
  } else if (endTime === undefined) {
    corrupt(childPath(path, 'endTime'), `missing: a ${status} span has an endTime`);
  } else {
    if (endTime < startTime) corrupt(childPath(path, 'endTime'), 'before the startTime');
    ctx.time(endTime, path, 'endTime');
  }
  if (parent !== null) {
    if (startTime < parent.startTime) corrupt(childPath(path, 'startTime'), 'before its parent started');
    if (status === 'active' && parent.status !== 'active') corrupt(childPath(path, 'status'), 'active under a parent that has ended');
    if (endTime !== undefined && parent.endTime !== undefined && endTime > parent.endTime) corrupt(childPath(path, 'endTime'), 'after its parent ended');
  }
  if (status === 'active') {
    if (ctx.activeBlocks.has(blockId)) corrupt(childPath(path, 'blockId'), `another active span has block '${blockId}'`);
    ctx.activeBlocks.add(blockId);
  }
  const paused = req(o, 'paused', path, boolean);
  const timerInfo = opt(o, 'timer', path, timer);
  const error = opt(o, 'error', path, string);
  const spanMetrics = req(o, 'metrics', path, metrics(ctx, true)) as SpanMetrics;

  // segments: in start order, owned by this span, inside its lifetime, one open per type
  const segPath = childPath(path, 'segments');
  const segIn = req(o, 'segments', path, list);
  const segMetrics = metrics(ctx, false);
  const openTypes = new Set<SegmentType>();
  let previousStart = -Infinity;
  const segments: TimeSegment[] = segIn.map((sv, j) => {
    const sp = `${segPath}[${j}]`;
    const so = object(sv, sp, KEYS.segment);
    const segId = req(so, 'id', sp, text);
    ctx.claim(segId, sp);
    if (req(so, 'parentSpanId', sp, text) !== id) corrupt(childPath(sp, 'parentSpanId'), `does not name its span '${id}'`);
    const segStart = req(so, 'startTime', sp, finite);
    if (segStart < startTime) corrupt(childPath(sp, 'startTime'), 'before its span started');
    if (segStart < previousStart) corrupt(childPath(sp, 'startTime'), 'segments are not in start order');
    previousStart = segStart;
    ctx.time(segStart, sp, 'startTime');
    const segEnd = opt(so, 'endTime', sp, finite);
    if (segEnd !== undefined) {
      if (segEnd < segStart) corrupt(childPath(sp, 'endTime'), 'before the startTime');
      if (endTime !== undefined && segEnd > endTime) corrupt(childPath(sp, 'endTime'), 'after its span ended');
      ctx.time(segEnd, sp, 'endTime');
    } else if (endTime !== undefined) {
      corrupt(childPath(sp, 'endTime'), 'missing: a segment of an ended span is closed');
    }
    const segType = req(so, 'type', sp, segmentType);
    if (segEnd === undefined) {
      if (openTypes.has(segType)) corrupt(childPath(sp, 'endTime'), `missing: a span has at most one open '${segType}' segment`);
      openTypes.add(segType);
    }
    const seg: TimeSegment = {
      id: segId,
      parentSpanId: id,
      startTime: segStart,
      type: segType,
      label: req(so, 'label', sp, string),
      metrics: {},
    };
    if (segEnd !== undefined) seg.endTime = segEnd;
    const index = opt(so, 'index', sp, indexNumber);
    if (index !== undefined) seg.index = index;
    const plannedMs = opt(so, 'plannedMs', sp, nonNegative);
    if (plannedMs !== undefined) seg.plannedMs = plannedMs;
    seg.metrics = req(so, 'metrics', sp, segMetrics);
    ctx.segmentOwner.set(segId, id);
    return Object.freeze(seg);
  });
  const pauseOpen = openTypes.has('pause');
  if (paused !== pauseOpen) corrupt(childPath(path, 'paused'), pauseOpen ? 'a span with an open pause segment is paused' : 'a paused span has an open pause segment');
  if (status === 'active' && !paused && parent !== null && parent.paused) corrupt(childPath(path, 'paused'), 'running while its parent is paused');

  // running intervals: in order, not overlapping, inside the lifetime; only the last may be open
  const tsPath = childPath(path, 'timeSpans');
  const tsIn = req(o, 'timeSpans', path, list);
  let previousStop = startTime;
  let open = false;
  const timeSpans: TimeSpan[] = tsIn.map((tv, j) => {
    const tp = `${tsPath}[${j}]`;
    const to = object(tv, tp, KEYS.timeSpan);
    const tsId = req(to, 'id', tp, text);
    ctx.claim(tsId, tp);
    const tsType = req(to, 'type', tp, phase);
    const start = req(to, 'start', tp, finite);
    if (open) corrupt(tp, 'follows a TimeSpan that is still open');
    if (start < startTime) corrupt(childPath(tp, 'start'), 'before its span started');
    if (start < previousStop) corrupt(childPath(tp, 'start'), 'overlaps the previous TimeSpan');
    ctx.time(start, tp, 'start');
    const stop = opt(to, 'stop', tp, finite);
    if (stop === undefined) {
      if (endTime !== undefined) corrupt(childPath(tp, 'stop'), 'missing: a TimeSpan of an ended span is closed');
      if (paused) corrupt(childPath(tp, 'stop'), 'missing: a paused span has no running TimeSpan');
      open = true;
    } else {
      if (stop < start) corrupt(childPath(tp, 'stop'), 'before the start');
      if (endTime !== undefined && stop > endTime) corrupt(childPath(tp, 'stop'), 'after its span ended');
      ctx.time(stop, tp, 'stop');
      previousStop = stop;
    }
    if (req(to, 'blockId', tp, text) !== blockId) corrupt(childPath(tp, 'blockId'), `is not its span's block '${blockId}'`);
    const owner = opt(to, 'parentSpanId', tp, text);
    if (owner !== undefined && owner !== id) corrupt(childPath(tp, 'parentSpanId'), `does not name its span '${id}'`);
    const ts: TimeSpan = { id: tsId, type: tsType, start, blockId };
    if (stop !== undefined) ts.stop = stop;
    if (owner !== undefined) ts.parentSpanId = owner;
    ctx.intervals.set(tsId, { spanId: id, type: tsType });
    return Object.freeze(ts);
  });
  if (status === 'active' && !paused && !open) corrupt(tsPath, 'a running span has an open TimeSpan (its last)');

  const span: ExecutionSpan = {
    id,
    blockId,
    parentSpanId,
    type,
    label,
    status,
    startTime,
    paused,
    metrics: spanMetrics,
    segments: Object.freeze(segments) as TimeSegment[],
    timeSpans: Object.freeze(timeSpans) as TimeSpan[],
  };
  if (endTime !== undefined) span.endTime = endTime;
  if (timerInfo !== undefined) span.timer = timerInfo;
  if (error !== undefined) span.error = error;
  Object.freeze(span);
  ctx.spans.set(id, span);
  ctx.ancestry.set(id, Object.freeze(parent === null ? [id] : [...ctx.ancestry.get(parent.id)!, id]));
  return span;
}

function context(span: ExecutionSpan, ancestry: readonly string[], ctx: Reading): Reader<MetricContext> {
  return (v, p, k) => {
    const path = childPath(p, k);
    const o = object(v, path, KEYS.context);
    const type = req(o, 'spanType', path, spanType);
    if (type !== span.type) corrupt(childPath(path, 'spanType'), `is not its span's type '${span.type}'`);
    const out: MetricContext = {
      spanType: type,
      elapsedMs: req(o, 'elapsedMs', path, nonNegative),
      totalElapsedMs: req(o, 'totalElapsedMs', path, nonNegative),
    };
    const round = opt(o, 'roundNumber', path, positiveInteger);
    if (round !== undefined) out.roundNumber = round;
    const minute = opt(o, 'minuteIndex', path, indexNumber);
    if (minute !== undefined) out.minuteIndex = minute;
    if (Object.hasOwn(o, 'parentTimer')) {
      const tpath = childPath(path, 'parentTimer');
      const t = object(o.parentTimer, tpath, KEYS.parentTimer);
      const blockId = req(t, 'blockId', tpath, text);
      let ofAncestor = false;
      for (let i = 0; i < ancestry.length - 1 && !ofAncestor; i++) ofAncestor = ctx.spans.get(ancestry[i]!)!.blockId === blockId;
      if (!ofAncestor) {
        corrupt(childPath(tpath, 'blockId'), `is not the block of an ancestor ('${blockId}')`);
      }
      const pt: ParentTimerContext = { blockId, elapsedMs: req(t, 'elapsedMs', tpath, nonNegative), direction: 'up' };
      const remainingMs = opt(t, 'remainingMs', tpath, nonNegative);
      if (remainingMs !== undefined) pt.remainingMs = remainingMs;
      pt.direction = req(t, 'direction', tpath, direction);
      out.parentTimer = Object.freeze(pt);
    }
    return Object.freeze(out);
  };
}

function readRecord(v: unknown, path: string, ctx: Reading): MetricRecord {
  const o = object(v, path, KEYS.record);
  const id = req(o, 'id', path, text);
  ctx.claim(id, path);
  const key = req(o, 'key', path, text);
  if (!Object.hasOwn(o, 'value')) corrupt(childPath(path, 'value'), 'missing');
  const unit = req(o, 'unit', path, string);
  const check = validateMetric(key, o.value, unit);
  if (!check.ok) {
    // The value is fine and only the unit is not (a measured key needs one): point at the unit.
    const unitAtFault = unit.length === 0 && validateMetric(key, o.value, 'unit').ok;
    corrupt(childPath(path, unitAtFault ? 'unit' : 'value'), check.error.message);
  }
  const value = jsonValue(o.value, path, 'value');
  const source = opt(o, 'source', path, string);
  const recordedAt = req(o, 'recordedAt', path, finite);
  ctx.time(recordedAt, path, 'recordedAt');
  const blockId = req(o, 'blockId', path, text);
  const spanId = req(o, 'spanId', path, text);
  const span = ctx.spans.get(spanId) ?? corrupt(childPath(path, 'spanId'), `names no span ('${spanId}')`);
  if (blockId !== span.blockId) corrupt(childPath(path, 'blockId'), `is not its span's block '${span.blockId}'`);
  if (recordedAt < span.startTime) corrupt(childPath(path, 'recordedAt'), 'before its span started');
  if (span.endTime !== undefined && recordedAt > span.endTime) corrupt(childPath(path, 'recordedAt'), 'after its span ended');

  const ancestry = ctx.ancestry.get(spanId)!;
  const idsPath = childPath(path, 'spanIds');
  const spanIds = req(o, 'spanIds', path, list);
  if (spanIds.length !== ancestry.length) corrupt(idsPath, `expected the span's ancestry, root first (${ancestry.length} ids)`);
  spanIds.forEach((sid, i) => {
    if (sid !== ancestry[i]) corrupt(`${idsPath}[${i}]`, `expected '${ancestry[i]}' (the span's ancestry, root first)`);
  });

  const segPath = childPath(path, 'segmentIds');
  const seen = new Set<string>();
  const segmentIds = req(o, 'segmentIds', path, list).map((sid, i) => {
    const s = text(sid, segPath, i);
    const owner = ctx.segmentOwner.get(s);
    if (owner === undefined || !ancestry.includes(owner)) corrupt(`${segPath}[${i}]`, `names no segment of the span or its ancestors ('${s}')`);
    if (seen.has(s)) corrupt(`${segPath}[${i}]`, `duplicate segment id '${s}'`);
    seen.add(s);
    return s;
  });

  const timeSpanId = req(o, 'timeSpanId', path, textOrNull);
  const recordPhase = req(o, 'phase', path, phase);
  if (timeSpanId !== null) {
    const interval = ctx.intervals.get(timeSpanId);
    if (interval === undefined || interval.spanId !== spanId) corrupt(childPath(path, 'timeSpanId'), `names no TimeSpan of its span ('${timeSpanId}')`);
    if (interval.type !== recordPhase) corrupt(childPath(path, 'phase'), `is not the phase of its TimeSpan ('${interval.type}')`);
  }
  const record: MetricRecord = {
    id,
    key,
    value,
    unit,
    recordedAt,
    blockId,
    spanId,
    spanIds: ancestry as string[],
    segmentIds: Object.freeze(segmentIds) as string[],
    timeSpanId,
    phase: recordPhase,
    context: req(o, 'context', path, context(span, ancestry, ctx)),
  };
  if (source !== undefined) record.source = source;
  return Object.freeze(record);
}

/**
 * Builds the snapshot of a document already at the current version. `version` is recorded as the
 * snapshot's `version`: the format version the document was written in.
 */
export function readDocument(doc: unknown, version: number): TrackerSnapshot {
  const o = object(doc, '$', KEYS.document);
  if (o.format !== FORMAT) corrupt('$.format', `expected '${FORMAT}'`);
  const savedAt = req(o, 'savedAt', '$', finite);
  const spansIn = req(o, 'spans', '$', list);
  const recordsIn = req(o, 'metrics', '$', list);
  const ctx = new Reading();
  const spans = spansIn.map((s, i) => readSpan(s, `$.spans[${i}]`, ctx));
  const metrics = recordsIn.map((r, i) => readRecord(r, `$.metrics[${i}]`, ctx));
  if (ctx.latest > savedAt) corrupt(childPath(ctx.latestPath, ctx.latestKey), `later than the document's savedAt (${savedAt})`);
  return Object.freeze({
    version,
    savedAt,
    spans: Object.freeze(spans) as ExecutionSpan[],
    metrics: Object.freeze(metrics) as MetricRecord[],
    active: Object.freeze(spans.filter((s) => s.status === 'active')) as ExecutionSpan[],
    completed: Object.freeze(spans.filter((s) => s.status !== 'active')) as ExecutionSpan[],
  });
}
