import { TrackerError } from 'workout-spans';
import { isJsonSafe, metricProblem } from '../model/metric-keys';
import {
  PHASES,
  SEGMENT_TYPES,
  SPAN_STATUSES,
  SPAN_TYPES,
  type ExecutionSpan,
  type MetricContext,
  type MetricRecord,
  type MetricValue,
  type Phase,
  type SegmentType,
  type SpanMetrics,
  type TimeSegment,
  type TimeSpan,
  type TimerInfo,
  type TrackerSnapshot,
} from 'workout-spans';
import { FORMAT, KEYS, setOwn } from './document';
import { deepFreeze } from '../model/freeze';
import { NO_SAMPLES } from '../model/samples-view';

/**
 * Reads a current-version document into a deeply frozen TrackerSnapshot, checking every field and
 * every reference on the way. The first bad field throws CORRUPT_DATA with `details.path` in a
 * JSONPath-like form (`$.spans[3].segments[0].endTime`); nothing half-read ever escapes.
 *
 * How it stays cheap on a long session (benchmark 4):
 * - A document fresh from JSON.parse is ours alone: plain objects and arrays, own data properties,
 *   no sharing. Each record is checked (only its known keys, every field, every reference) and then
 *   frozen in place instead of copied. JSON.parse defines a `"__proto__"` key as an own property, so
 *   nothing reaches a prototype; a fixed-shape record rejects it as an unknown field.
 * - A document returned by a migration may share objects with the caller or hold accessors: every
 *   object and array is copied first (own enumerable keys), then checked and frozen like the rest.
 * - Paths are built only for an error: a reader gets the place of its value (`At`, a parent and a
 *   key), never a path string.
 */

type Obj = Record<string, unknown>;
type Key = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.a`, `$[0]`, `$["odd key"]`. */
export function childPath(path: string, key: Key): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function corrupt(path: string, reason: string): never {
  throw new TrackerError('CORRUPT_DATA', `saved session is corrupt at ${path}: ${reason}`, { path, reason });
}

/** Where a value is: its parent's place and its key (the root is `$`). Turned into a path only on failure. */
class At {
  constructor(
    readonly parent: At | null,
    readonly key: Key,
  ) {}

  toString(): string {
    return this.parent === null ? String(this.key) : childPath(this.parent.toString(), this.key);
  }
}

const ROOT = new At(null, '$');
const SPANS = new At(ROOT, 'spans');
const RECORDS = new At(ROOT, 'metrics');

/** CORRUPT_DATA at `at` itself, or at its field `key`. */
function bad(at: At, key: Key | null, reason: string): never {
  return corrupt(key === null ? at.toString() : childPath(at.toString(), key), reason);
}

function need(o: Obj, key: string, at: At): void {
  if (!Object.hasOwn(o, key)) bad(at, key, 'missing');
}

const has = (o: Obj, key: string): boolean => Object.hasOwn(o, key);

// ---- checks of one value: the value when it is right, else CORRUPT_DATA at `at`'s field `key`

function string(v: unknown, at: At, key: Key): string {
  return typeof v === 'string' ? v : bad(at, key, 'expected a string');
}
function text(v: unknown, at: At, key: Key): string {
  return typeof v === 'string' && v.length > 0 ? v : bad(at, key, 'expected a non-empty string');
}
function boolean(v: unknown, at: At, key: Key): boolean {
  return typeof v === 'boolean' ? v : bad(at, key, 'expected true or false');
}
function finite(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : bad(at, key, 'expected a finite number');
}
function nonNegative(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : bad(at, key, 'expected a finite number ≥ 0');
}
function positiveInteger(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : bad(at, key, 'expected a positive integer');
}
function indexNumber(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : bad(at, key, 'expected an integer ≥ 0');
}
function oneOf<T extends string>(values: readonly T[], v: unknown, at: At, key: Key): T {
  return values.includes(v as T) ? (v as T) : bad(at, key, `expected one of ${values.join(', ')}`);
}
const DIRECTIONS = ['up', 'down'] as const;
const INTERRUPTION_CAUSES = ['reload', 'suspend', 'clock-step'] as const;

/** A span id: the span once it is read whole (null while its segments and TimeSpans are read), and its ancestry. */
class SpanEntry {
  span: ExecutionSpan | null = null;
  /** Root first, ending with the span's id. */
  ancestry: readonly string[] = [];
}

/** A segment id, and the id of the span that owns it. */
class SegmentEntry {
  constructor(readonly spanId: string) {}
}

/** A TimeSpan id: its span's id and its phase. */
class IntervalEntry {
  type: Phase = 'work';
  constructor(readonly spanId: string) {}
}

/** A metric record's id. */
const RECORD_ENTRY = Object.freeze({});

type Entry = SpanEntry | SegmentEntry | IntervalEntry | typeof RECORD_ENTRY;

/** Whether `Object.prototype` has no enumerable key, so that `for…in` over a plain object sees only its own keys. */
function prototypeClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/** What the reader learnt so far: ids, spans, ancestries and owners, for the reference checks. */
class Reading {
  /** Every id read so far (spans, segments, TimeSpans, records: all unique) and what it names. */
  readonly ids = new Map<string, Entry>();
  readonly activeBlocks = new Set<string>();
  /** Keys may be listed with `for…in` (no `Object.keys` array per object): fresh objects and a clean Object.prototype. */
  private readonly forIn: boolean;
  /** The latest instant seen, and where it first was when it is later than `savedAt`. */
  latest = -Infinity;
  latestPath = '';

  /** The document's savedAt, once read. */
  savedAt = Infinity;

  constructor(
    /** True for a document fresh from JSON.parse (checked and frozen in place), false for one a migration returned (copied). */
    readonly fresh: boolean,
  ) {
    this.forIn = fresh && prototypeClean();
  }

  /** Notes a new id and what it names (one hash insert); a duplicate is corrupt at `at`'s `id`. */
  claim<E extends Entry>(id: string, at: At, entry: E): E {
    const size = this.ids.size;
    this.ids.set(id, entry);
    if (this.ids.size === size) bad(at, 'id', `duplicate id '${id}'`);
    return entry;
  }

  /** The entry of a span read whole before now, or undefined. */
  span(id: string): SpanEntry | undefined {
    const e = this.ids.get(id);
    return e instanceof SpanEntry && e.span !== null ? e : undefined;
  }

  /** Notes an instant; none may be later than the document's savedAt (the latest one is reported). */
  time(t: number, at: At, key: Key, field: Key | null = null): void {
    if (t > this.latest) {
      this.latest = t;
      if (t > this.savedAt)
        this.latestPath = field === null ? childPath(at.toString(), key) : childPath(childPath(at.toString(), key), field);
    }
  }

  /** A plain object holding only `allowed` keys (any keys when null): itself when fresh, else a copy. */
  object(value: unknown, at: At, key: Key | null, allowed: ReadonlySet<string> | null): Obj {
    const o = this.check(value, at, key, allowed);
    if (this.fresh) return o;
    const copy: Obj = {};
    for (const k of Object.keys(o)) setOwn(copy, k, o[k]);
    return copy;
  }

  /** Checks that `value` is a plain object holding only `allowed` keys (any keys when null). */
  check(value: unknown, at: At, key: Key | null, allowed: ReadonlySet<string> | null): Obj {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(at, key, 'expected an object');
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) bad(at, key, 'expected a plain object');
    if (allowed !== null && this.forIn) {
      for (const k in value) {
        if (!allowed.has(k)) corrupt(childPath(key === null ? at.toString() : childPath(at.toString(), key), k), 'unknown field');
      }
    } else if (allowed !== null) {
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        if (!allowed.has(keys[i]!))
          corrupt(childPath(key === null ? at.toString() : childPath(at.toString(), key), keys[i]!), 'unknown field');
      }
    }
    return value as Obj;
  }

  /** An array: itself when fresh, else a copy. */
  list(value: unknown, at: At, key: Key): unknown[] {
    if (!Array.isArray(value)) bad(at, key, 'expected an array');
    return this.fresh ? value : value.slice();
  }

  /** A deep, frozen JSON value (own keys even for `__proto__`): frozen in place when fresh, else copied. */
  json(v: unknown, at: At, key: Key): unknown {
    if (v === undefined || !isJsonSafe(v)) bad(at, key, 'expected a JSON value (finite numbers, at most 32 levels deep)');
    return this.fresh ? deepFreeze(v) : cloneJson(v);
  }
}

const SPAN_KEYS: ReadonlySet<string> = new Set(KEYS.span);
const TIMER_KEYS: ReadonlySet<string> = new Set(KEYS.timer);
const METRICS_KEYS: ReadonlySet<string> = new Set(KEYS.metrics);
const METRIC_VALUE_KEYS: ReadonlySet<string> = new Set(KEYS.metricValue);
const SEGMENT_KEYS: ReadonlySet<string> = new Set(KEYS.segment);
const TIME_SPAN_KEYS: ReadonlySet<string> = new Set(KEYS.timeSpan);
const RECORD_KEYS: ReadonlySet<string> = new Set(KEYS.record);
const CONTEXT_KEYS: ReadonlySet<string> = new Set(KEYS.context);
const PARENT_TIMER_KEYS: ReadonlySet<string> = new Set(KEYS.parentTimer);
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(KEYS.document);

function cloneJson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return Object.freeze(v.map(cloneJson));
  const out: Obj = {};
  for (const key of Object.keys(v)) setOwn(out, key, cloneJson((v as Obj)[key]));
  return Object.freeze(out);
}

function readTimer(v: unknown, at: At, ctx: Reading): TimerInfo {
  const o = ctx.object(v, at, 'timer', TIMER_KEYS);
  const here = new At(at, 'timer');
  need(o, 'direction', here);
  oneOf(DIRECTIONS, o.direction, here, 'direction');
  if (has(o, 'durationMs')) nonNegative(o.durationMs, here, 'durationMs');
  return Object.freeze(o) as unknown as TimerInfo;
}

/** A metric value of a measured key (`numeric`: a number ≥ 0 with a unit) or a custom one (any JSON value). */
function readMetricValue(v: unknown, at: At, key: string, numeric: boolean, ctx: Reading): MetricValue<unknown> {
  const o = ctx.object(v, at, key, METRIC_VALUE_KEYS);
  const here = new At(at, key);
  need(o, 'value', here);
  if (numeric) nonNegative(o.value, here, 'value');
  else o.value = ctx.json(o.value, here, 'value');
  need(o, 'unit', here);
  if (numeric) text(o.unit, here, 'unit');
  else string(o.unit, here, 'unit');
  need(o, 'recorded', here);
  ctx.time(finite(o.recorded, here, 'recorded'), at, key, 'recorded');
  if (has(o, 'source')) string(o.source, here, 'source');
  return Object.freeze(o) as unknown as MetricValue<unknown>;
}

/** A span's metrics (`isSpan`: `custom` required) or a segment's. Fields are checked in `KEYS.metrics` order. */
function readMetrics(v: unknown, at: At, isSpan: boolean, ctx: Reading): Partial<SpanMetrics> {
  const o = ctx.object(v, at, 'metrics', METRICS_KEYS);
  const here = new At(at, 'metrics');
  if (has(o, 'exerciseId')) text(o.exerciseId, here, 'exerciseId');
  if (has(o, 'exerciseImage')) text(o.exerciseImage, here, 'exerciseImage');
  if (has(o, 'reps')) o.reps = readMetricValue(o.reps, here, 'reps', true, ctx);
  if (has(o, 'targetReps')) positiveInteger(o.targetReps, here, 'targetReps');
  if (has(o, 'weight')) o.weight = readMetricValue(o.weight, here, 'weight', true, ctx);
  if (has(o, 'distance')) o.distance = readMetricValue(o.distance, here, 'distance', true, ctx);
  if (has(o, 'duration')) o.duration = readMetricValue(o.duration, here, 'duration', true, ctx);
  if (has(o, 'elapsed')) o.elapsed = readMetricValue(o.elapsed, here, 'elapsed', true, ctx);
  if (has(o, 'currentRound')) positiveInteger(o.currentRound, here, 'currentRound');
  if (has(o, 'totalRounds')) positiveInteger(o.totalRounds, here, 'totalRounds');
  if (has(o, 'repScheme')) o.repScheme = readRepScheme(o.repScheme, here, ctx);
  if (has(o, 'custom')) o.custom = readCustom(o.custom, here, ctx);
  else if (isSpan) bad(here, 'custom', 'missing');
  return Object.freeze(o) as Partial<SpanMetrics>;
}

function readRepScheme(v: unknown, at: At, ctx: Reading): number[] {
  const arr = ctx.list(v, at, 'repScheme');
  if (arr.length === 0) bad(at, 'repScheme', 'expected a non-empty array');
  const here = new At(at, 'repScheme');
  for (let i = 0; i < arr.length; i++) positiveInteger(arr[i], here, i);
  return Object.freeze(arr) as number[];
}

function readCustom(v: unknown, at: At, ctx: Reading): Record<string, MetricValue<unknown>> {
  const c = ctx.object(v, at, 'custom', null);
  const here = new At(at, 'custom');
  for (const name of Object.keys(c)) {
    if (name.length === 0) bad(here, name, 'a custom metric needs a non-empty key');
    const raw = c[name];
    const mv = readMetricValue(raw, here, name, false, ctx);
    // An own key even when it is `__proto__` (plain assignment would set the prototype).
    if (mv !== raw) setOwn(c, name, mv);
  }
  return Object.freeze(c) as Record<string, MetricValue<unknown>>;
}

/** Checks and freezes the span's segments into `o.segments`; true when a pause segment is open. */
function readSegments(o: Obj, at: At, id: string, startTime: number, endTime: number | undefined, ctx: Reading): boolean {
  // segments: in start order, owned by this span, inside its lifetime, one open per type
  const list = ctx.list(o.segments, at, 'segments');
  const listAt = new At(at, 'segments');
  let openTypes: SegmentType[] | null = null;
  let previousStart = -Infinity;
  for (let j = 0; j < list.length; j++) {
    const so = ctx.object(list[j], listAt, j, SEGMENT_KEYS);
    const sp = new At(listAt, j);
    need(so, 'id', sp);
    const segId = text(so.id, sp, 'id');
    ctx.claim(segId, sp, new SegmentEntry(id));
    need(so, 'parentSpanId', sp);
    if (text(so.parentSpanId, sp, 'parentSpanId') !== id) bad(sp, 'parentSpanId', `does not name its span '${id}'`);
    need(so, 'startTime', sp);
    const segStart = finite(so.startTime, sp, 'startTime');
    if (segStart < startTime) bad(sp, 'startTime', 'before its span started');
    if (segStart < previousStart) bad(sp, 'startTime', 'segments are not in start order');
    previousStart = segStart;
    ctx.time(segStart, sp, 'startTime');
    let segEnd: number | undefined;
    if (has(so, 'endTime')) {
      segEnd = finite(so.endTime, sp, 'endTime');
      if (segEnd < segStart) bad(sp, 'endTime', 'before the startTime');
      if (endTime !== undefined && segEnd > endTime) bad(sp, 'endTime', 'after its span ended');
      ctx.time(segEnd, sp, 'endTime');
    } else if (endTime !== undefined) {
      bad(sp, 'endTime', 'missing: a segment of an ended span is closed');
    }
    need(so, 'type', sp);
    const segType = oneOf(SEGMENT_TYPES, so.type, sp, 'type');
    if (segEnd === undefined) {
      if (openTypes === null) openTypes = [];
      else if (openTypes.includes(segType)) bad(sp, 'endTime', `missing: a span has at most one open '${segType}' segment`);
      openTypes.push(segType);
    }
    need(so, 'label', sp);
    string(so.label, sp, 'label');
    if (has(so, 'index')) indexNumber(so.index, sp, 'index');
    if (has(so, 'plannedMs')) nonNegative(so.plannedMs, sp, 'plannedMs');
    if (has(so, 'closedByEnd')) {
      if (so.closedByEnd !== true) bad(sp, 'closedByEnd', 'expected true (or no field)');
      if (segEnd === undefined || endTime === undefined || segEnd !== endTime)
        bad(sp, 'closedByEnd', 'the segment does not end with its span');
    }
    if (has(so, 'cause')) oneOf(INTERRUPTION_CAUSES, so.cause, sp, 'cause');
    need(so, 'metrics', sp);
    so.metrics = readMetrics(so.metrics, sp, false, ctx);
    list[j] = Object.freeze(so);
  }
  o.segments = Object.freeze(list) as TimeSegment[];
  return openTypes !== null && openTypes.includes('pause');
}

/** Checks and freezes the span's TimeSpans into `o.timeSpans`. */
function readTimeSpans(
  o: Obj,
  at: At,
  id: string,
  blockId: string,
  running: boolean,
  startTime: number,
  endTime: number | undefined,
  paused: boolean,
  ctx: Reading,
): void {
  // running intervals: in order, not overlapping, inside the lifetime; only the last may be open
  const list = ctx.list(o.timeSpans, at, 'timeSpans');
  const listAt = new At(at, 'timeSpans');
  let previousStop = startTime;
  let open = false;
  for (let j = 0; j < list.length; j++) {
    const to = ctx.object(list[j], listAt, j, TIME_SPAN_KEYS);
    const tp = new At(listAt, j);
    need(to, 'id', tp);
    const tsId = text(to.id, tp, 'id');
    const interval = ctx.claim(tsId, tp, new IntervalEntry(id));
    need(to, 'type', tp);
    const tsType = oneOf(PHASES, to.type, tp, 'type');
    need(to, 'start', tp);
    const start = finite(to.start, tp, 'start');
    if (open) bad(tp, null, 'follows a TimeSpan that is still open');
    if (start < startTime) bad(tp, 'start', 'before its span started');
    if (start < previousStop) bad(tp, 'start', 'overlaps the previous TimeSpan');
    ctx.time(start, tp, 'start');
    if (!has(to, 'stop')) {
      if (endTime !== undefined) bad(tp, 'stop', 'missing: a TimeSpan of an ended span is closed');
      if (paused) bad(tp, 'stop', 'missing: a paused span has no running TimeSpan');
      open = true;
    } else {
      const stop = finite(to.stop, tp, 'stop');
      if (stop < start) bad(tp, 'stop', 'before the start');
      if (endTime !== undefined && stop > endTime) bad(tp, 'stop', 'after its span ended');
      ctx.time(stop, tp, 'stop');
      previousStop = stop;
    }
    need(to, 'blockId', tp);
    if (text(to.blockId, tp, 'blockId') !== blockId) bad(tp, 'blockId', `is not its span's block '${blockId}'`);
    if (has(to, 'parentSpanId') && text(to.parentSpanId, tp, 'parentSpanId') !== id)
      bad(tp, 'parentSpanId', `does not name its span '${id}'`);
    interval.type = tsType;
    list[j] = Object.freeze(to);
  }
  if (running && !paused && !open) bad(at, 'timeSpans', 'a running span has an open TimeSpan (its last)');
  o.timeSpans = Object.freeze(list) as TimeSpan[];
}

function readSpan(v: unknown, i: number, ctx: Reading): ExecutionSpan {
  const o = ctx.object(v, SPANS, i, SPAN_KEYS);
  const at = new At(SPANS, i);
  need(o, 'id', at);
  const id = text(o.id, at, 'id');
  const entry = ctx.claim(id, at, new SpanEntry());
  need(o, 'blockId', at);
  const blockId = text(o.blockId, at, 'blockId');
  need(o, 'parentSpanId', at);
  const parentSpanId = o.parentSpanId === null ? null : text(o.parentSpanId, at, 'parentSpanId');
  let parent: ExecutionSpan | null = null;
  let parentEntry: SpanEntry | undefined;
  if (parentSpanId !== null) {
    parentEntry = ctx.span(parentSpanId) ?? bad(at, 'parentSpanId', `names no span listed before this one ('${parentSpanId}')`);
    parent = parentEntry.span;
  }
  need(o, 'type', at);
  oneOf(SPAN_TYPES, o.type, at, 'type');
  need(o, 'label', at);
  string(o.label, at, 'label');
  need(o, 'status', at);
  const status = oneOf(SPAN_STATUSES, o.status, at, 'status');
  need(o, 'startTime', at);
  const startTime = finite(o.startTime, at, 'startTime');
  ctx.time(startTime, at, 'startTime');
  const endTime = has(o, 'endTime') ? finite(o.endTime, at, 'endTime') : undefined;
  if (status === 'active') {
    if (endTime !== undefined) bad(at, 'endTime', 'an active span has no endTime');
  } else if (endTime === undefined) {
    bad(at, 'endTime', `missing: a ${status} span has an endTime`);
  } else {
    if (endTime < startTime) bad(at, 'endTime', 'before the startTime');
    ctx.time(endTime, at, 'endTime');
  }
  if (parent !== null) {
    if (startTime < parent.startTime) bad(at, 'startTime', 'before its parent started');
    if (status === 'active' && parent.status !== 'active') bad(at, 'status', 'active under a parent that has ended');
    if (endTime !== undefined && parent.endTime !== undefined && endTime > parent.endTime) bad(at, 'endTime', 'after its parent ended');
  }
  if (status === 'active') {
    if (ctx.activeBlocks.has(blockId)) bad(at, 'blockId', `another active span has block '${blockId}'`);
    ctx.activeBlocks.add(blockId);
  }
  need(o, 'paused', at);
  const paused = boolean(o.paused, at, 'paused');
  if (has(o, 'timer')) o.timer = readTimer(o.timer, at, ctx);
  if (has(o, 'error')) string(o.error, at, 'error');
  if (has(o, 'endReason')) text(o.endReason, at, 'endReason');
  need(o, 'metrics', at);
  o.metrics = readMetrics(o.metrics, at, true, ctx);

  need(o, 'segments', at);
  const pauseOpen = readSegments(o, at, id, startTime, endTime, ctx);
  if (paused !== pauseOpen)
    bad(at, 'paused', pauseOpen ? 'a span with an open pause segment is paused' : 'a paused span has an open pause segment');
  if (status === 'active' && !paused && parent !== null && parent.paused) bad(at, 'paused', 'running while its parent is paused');

  need(o, 'timeSpans', at);
  readTimeSpans(o, at, id, blockId, status === 'active', startTime, endTime, paused, ctx);

  const span = Object.freeze(o) as unknown as ExecutionSpan;
  entry.ancestry = Object.freeze(parentEntry === undefined ? [id] : [...parentEntry.ancestry, id]);
  entry.span = span;
  return span;
}

function readContext(v: unknown, at: At, span: ExecutionSpan, ancestry: readonly string[], ctx: Reading): MetricContext {
  const o = ctx.object(v, at, 'context', CONTEXT_KEYS);
  const here = new At(at, 'context');
  need(o, 'spanType', here);
  if (oneOf(SPAN_TYPES, o.spanType, here, 'spanType') !== span.type) bad(here, 'spanType', `is not its span's type '${span.type}'`);
  need(o, 'elapsedMs', here);
  nonNegative(o.elapsedMs, here, 'elapsedMs');
  need(o, 'totalElapsedMs', here);
  nonNegative(o.totalElapsedMs, here, 'totalElapsedMs');
  if (has(o, 'roundNumber')) positiveInteger(o.roundNumber, here, 'roundNumber');
  if (has(o, 'minuteIndex')) indexNumber(o.minuteIndex, here, 'minuteIndex');
  if (has(o, 'parentTimer')) {
    const t = ctx.object(o.parentTimer, here, 'parentTimer', PARENT_TIMER_KEYS);
    const tat = new At(here, 'parentTimer');
    need(t, 'blockId', tat);
    const blockId = text(t.blockId, tat, 'blockId');
    let ofAncestor = false;
    for (let i = 0; i < ancestry.length - 1 && !ofAncestor; i++) ofAncestor = ctx.span(ancestry[i]!)!.span!.blockId === blockId;
    if (!ofAncestor) bad(tat, 'blockId', `is not the block of an ancestor ('${blockId}')`);
    need(t, 'elapsedMs', tat);
    nonNegative(t.elapsedMs, tat, 'elapsedMs');
    if (has(t, 'remainingMs')) nonNegative(t.remainingMs, tat, 'remainingMs');
    need(t, 'direction', tat);
    oneOf(DIRECTIONS, t.direction, tat, 'direction');
    o.parentTimer = Object.freeze(t);
  }
  return Object.freeze(o) as unknown as MetricContext;
}

function readRecord(v: unknown, i: number, ctx: Reading): MetricRecord {
  const o = ctx.object(v, RECORDS, i, RECORD_KEYS);
  const at = new At(RECORDS, i);
  need(o, 'id', at);
  ctx.claim(text(o.id, at, 'id'), at, RECORD_ENTRY);
  need(o, 'key', at);
  const key = text(o.key, at, 'key');
  need(o, 'value', at);
  need(o, 'unit', at);
  const unit = string(o.unit, at, 'unit');
  const problem = metricProblem(key, o.value, unit);
  // Only the unit is wrong (a measured key needs one): point at the unit.
  if (problem !== undefined) bad(at, problem.unitAtFault ? 'unit' : 'value', `metric '${key}': ${problem.why}`);
  o.value = ctx.json(o.value, at, 'value');
  if (has(o, 'source')) string(o.source, at, 'source');
  if (has(o, 'exerciseId')) text(o.exerciseId, at, 'exerciseId');
  need(o, 'recordedAt', at);
  const recordedAt = finite(o.recordedAt, at, 'recordedAt');
  ctx.time(recordedAt, at, 'recordedAt');
  need(o, 'blockId', at);
  const blockId = text(o.blockId, at, 'blockId');
  need(o, 'spanId', at);
  const spanId = text(o.spanId, at, 'spanId');
  const spanEntry = ctx.span(spanId) ?? bad(at, 'spanId', `names no span ('${spanId}')`);
  const span = spanEntry.span!;
  if (blockId !== span.blockId) bad(at, 'blockId', `is not its span's block '${span.blockId}'`);
  if (recordedAt < span.startTime) bad(at, 'recordedAt', 'before its span started');
  if (span.endTime !== undefined && recordedAt > span.endTime) bad(at, 'recordedAt', 'after its span ended');

  const ancestry = spanEntry.ancestry;
  need(o, 'spanIds', at);
  const spanIds = ctx.list(o.spanIds, at, 'spanIds');
  if (spanIds.length !== ancestry.length) bad(at, 'spanIds', `expected the span's ancestry, root first (${ancestry.length} ids)`);
  for (let j = 0; j < spanIds.length; j++) {
    if (spanIds[j] !== ancestry[j]) bad(new At(at, 'spanIds'), j, `expected '${ancestry[j]}' (the span's ancestry, root first)`);
  }
  o.spanIds = ancestry;

  need(o, 'segmentIds', at);
  const segmentIds = ctx.list(o.segmentIds, at, 'segmentIds');
  const segAt = new At(at, 'segmentIds');
  // Duplicates: a scan of the few ids before this one, a set for a long list.
  const seen = segmentIds.length > 8 ? new Set<string>() : null;
  for (let j = 0; j < segmentIds.length; j++) {
    const s = text(segmentIds[j], segAt, j);
    const e = ctx.ids.get(s);
    const owner = e instanceof SegmentEntry ? e.spanId : undefined;
    if (owner === undefined || !ancestry.includes(owner)) bad(segAt, j, `names no segment of the span or its ancestors ('${s}')`);
    if (seen === null) {
      for (let k = 0; k < j; k++) if (segmentIds[k] === s) bad(segAt, j, `duplicate segment id '${s}'`);
    } else {
      if (seen.has(s)) bad(segAt, j, `duplicate segment id '${s}'`);
      seen.add(s);
    }
  }
  o.segmentIds = Object.freeze(segmentIds);

  need(o, 'timeSpanId', at);
  const timeSpanId = o.timeSpanId === null ? null : text(o.timeSpanId, at, 'timeSpanId');
  need(o, 'phase', at);
  const recordPhase = oneOf(PHASES, o.phase, at, 'phase');
  if (timeSpanId !== null) {
    const e = ctx.ids.get(timeSpanId);
    const interval = e instanceof IntervalEntry ? e : undefined;
    if (interval === undefined || interval.spanId !== spanId) bad(at, 'timeSpanId', `names no TimeSpan of its span ('${timeSpanId}')`);
    if (interval.type !== recordPhase) bad(at, 'phase', `is not the phase of its TimeSpan ('${interval.type}')`);
  }
  need(o, 'context', at);
  o.context = readContext(o.context, at, span, ancestry, ctx);
  return Object.freeze(o) as unknown as MetricRecord;
}

/**
 * Builds the snapshot of a document already at the current version. `version` is recorded as the
 * snapshot's `version`: the format version the document was written in. `fresh`: the document came
 * straight from JSON.parse and nothing else holds it, so its objects are checked and frozen in
 * place; otherwise (a migrated document) they are copied.
 */
export function readDocument(doc: unknown, version: number, fresh = false): TrackerSnapshot {
  const ctx = new Reading(fresh);
  // The root object itself is neither kept nor frozen: only what it holds is.
  const o = ctx.check(doc, ROOT, null, DOCUMENT_KEYS);
  if (o.format !== FORMAT) corrupt('$.format', `expected '${FORMAT}'`);
  need(o, 'savedAt', ROOT);
  const savedAt = (ctx.savedAt = finite(o.savedAt, ROOT, 'savedAt'));
  need(o, 'spans', ROOT);
  const spans = ctx.list(o.spans, ROOT, 'spans');
  need(o, 'metrics', ROOT);
  const records = ctx.list(o.metrics, ROOT, 'metrics');
  for (let i = 0; i < spans.length; i++) spans[i] = readSpan(spans[i], i, ctx);
  for (let i = 0; i < records.length; i++) records[i] = readRecord(records[i], i, ctx);
  if (ctx.latest > savedAt) corrupt(ctx.latestPath, `later than the document's savedAt (${savedAt})`);
  const all = spans as ExecutionSpan[];
  return Object.freeze({
    version,
    savedAt,
    spans: Object.freeze(all) as ExecutionSpan[],
    metrics: Object.freeze(records) as MetricRecord[],
    active: Object.freeze(all.filter((s) => s.status === 'active')) as ExecutionSpan[],
    completed: Object.freeze(all.filter((s) => s.status !== 'active')) as ExecutionSpan[],
    samples: NO_SAMPLES,
  });
}
